import assert from 'node:assert/strict';
import { createBotFramework, type BotFramework } from '../../../bot/teams/bot-framework.js';
import type { ConversationRef } from '../../../bot/teams/conversation-ref.js';
import { FakeBotConnector } from '../../helpers/fake-bot-connector/index.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { BOT_ID, TENANT_ID, USER_ID } from '../../helpers/teams-activities.js';

describe('proactive Bot Connector calls', () => {
  let connector: FakeBotConnector;
  let bot: BotFramework;
  let reference: ConversationRef;
  const conversationId = 'a:1-personal-mette';
  const card = {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: { type: 'AdaptiveCard', version: '1.5', body: [] },
  };

  before(async () => {
    connector = await FakeBotConnector.start();
  });
  beforeEach(() => {
    bot = createBotFramework(undefined, { log: memoryLogger().log, requestTimeoutMs: 500 });
    reference = {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT_ID },
      user: { id: USER_ID },
      bot: { id: BOT_ID },
    };
  });
  afterEach(() => connector.reset());
  after(async () => {
    await connector.close();
  });

  describe('sendMessage', () => {
    it('returns the id of the activity the connector created', async () => {
      const outcome = await bot.sendMessage(reference, {
        text: 'Dit MUS-skema er klar',
        summary: 'MUS-skema',
        attachments: [card],
      });

      const [sent] = connector.sentTo(conversationId);
      assert.deepEqual(outcome, { ok: true, activityId: sent?.id, conversationId });
      assert.equal(sent?.activity.type, 'message');
      assert.equal(sent?.activity.text, 'Dit MUS-skema er klar');
      assert.equal(sent?.activity.summary, 'MUS-skema');
      assert.deepEqual(sent?.activity.attachments, [card]);
      assert.deepEqual(sent?.activity.recipient, { id: USER_ID, name: '' });
    });

    it('a 429 with Retry-After comes back as such, after exactly one request (no hidden retries)', async () => {
      connector.faults.push({ status: 429, retryAfterSeconds: 3, times: 5 });
      const outcome = await bot.sendMessage(reference, { text: 'x' });

      assert.equal(outcome.ok, false);
      assert.ok(!outcome.ok);
      assert.equal(outcome.status, 429);
      assert.equal(outcome.retryAfterSeconds, 3);
      assert.equal(outcome.permanent, false);
      assert.equal(outcome.code, 'throttled');
      assert.equal(connector.requests().length, 1);
    });

    for (const status of [500, 502, 504, 412]) {
      it(`a ${status} is a transient failure after exactly one request`, async () => {
        connector.faults.push({ status, times: 5 });
        const outcome = await bot.sendMessage(reference, { text: 'x' });
        assert.ok(!outcome.ok);
        assert.equal(outcome.status, status);
        assert.equal(outcome.permanent, false);
        assert.equal(connector.requests().length, 1);
      });
    }

    it('a 403 from a user who blocked the app is permanent, with a readable Danish/English reason', async () => {
      connector.faults.push({ status: 403, code: 'ConversationBlockedByUser' });
      const outcome = await bot.sendMessage(reference, { text: 'x' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.status, 403);
      assert.equal(outcome.permanent, true);
      assert.equal(outcome.code, 'blocked_by_user');
      assert.equal(outcome.teamsCode, 'ConversationBlockedByUser');
      assert.match(outcome.reason, /brugeren har blokeret appen/);
      assert.match(outcome.reason, /the user has blocked the app/);
      assert.equal(connector.requests().length, 1);
    });

    it('a 403 because the bot is not in the conversation says the app is not installed', async () => {
      connector.faults.push({ status: 403, code: 'BotNotInConversationRoster' });
      const outcome = await bot.sendMessage(reference, { text: 'x' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.permanent, true);
      assert.match(outcome.reason, /appen er ikke installeret/);
      assert.match(outcome.reasonText.en, /not installed/);
    });

    it('a 404 for the conversation is permanent', async () => {
      connector.faults.push({ status: 404 });
      const outcome = await bot.sendMessage(reference, { text: 'x' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.permanent, true);
      assert.equal(outcome.code, 'conversation_not_found');
    });

    it('a connector that does not answer in time is a transient failure with status 0', async () => {
      connector.faults.push({ delayMs: 1_500 });
      const outcome = await bot.sendMessage(reference, { text: 'x' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.status, 0);
      assert.equal(outcome.code, 'timeout');
      assert.equal(outcome.permanent, false);
    });

    it('an unreachable connector is a transient network failure', async () => {
      const gone = await FakeBotConnector.start();
      const url = gone.url;
      await gone.close();
      const outcome = await bot.sendMessage({ ...reference, serviceUrl: url }, { text: 'x' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.status, 0);
      assert.equal(outcome.code, 'network_error');
      assert.equal(outcome.permanent, false);
    });

    it("under Teams' per-conversation limit the 8th quick send is refused with Retry-After", async () => {
      connector.enableRateLimits({ now: () => 0 });
      const outcomes = [];
      for (let i = 0; i < 8; i += 1)
        outcomes.push(await bot.sendMessage(reference, { text: `${i}` }));

      assert.deepEqual(
        outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.status)),
        ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 429],
      );
      const last = outcomes[7];
      assert.ok(last && !last.ok);
      assert.equal(last.retryAfterSeconds, 1);
      assert.equal(connector.requests().length, 8);
      assert.equal(connector.throttledCount, 1);
    });
  });

  describe('updateActivity', () => {
    it('replaces a message the bot sent, keeping its id', async () => {
      const sent = await bot.sendMessage(reference, { text: 'Fremdrift: 0 af 10' });
      assert.ok(sent.ok);
      const updated = await bot.updateActivity(reference, sent.activityId, {
        text: 'Fremdrift: 10 af 10',
      });

      assert.deepEqual(updated, { ok: true, activityId: sent.activityId, conversationId });
      const activity = connector.activity(sent.activityId);
      assert.equal(activity?.activity.text, 'Fremdrift: 10 af 10');
      assert.equal(activity?.activity.id, sent.activityId);
      assert.equal(activity?.updates, 1);
    });

    it('updating a message that is gone is a permanent failure', async () => {
      const outcome = await bot.updateActivity(reference, 'no-such-activity', { text: 'x' });
      assert.ok(!outcome.ok);
      assert.equal(outcome.status, 404);
      assert.equal(outcome.code, 'activity_not_found');
      assert.equal(outcome.permanent, true);
    });
  });

  describe('createPersonalConversation', () => {
    it('creates the 1:1 chat and returns a reference that messages can be sent to', async () => {
      const created = await bot.createPersonalConversation(connector.url, TENANT_ID, USER_ID);
      assert.ok(created.ok);

      const [recorded] = connector.createdConversations();
      assert.equal(created.conversationId, recorded?.id);
      assert.equal(recorded?.tenantId, TENANT_ID);
      assert.deepEqual(recorded?.memberIds, [USER_ID]);
      assert.equal(recorded?.parameters.isGroup, false);
      assert.deepEqual(recorded?.parameters.channelData, { tenant: { id: TENANT_ID } });
      assert.deepEqual(created.reference.conversation, {
        id: created.conversationId,
        conversationType: 'personal',
        tenantId: TENANT_ID,
        isGroup: false,
      });

      const sent = await bot.sendMessage(created.reference, { text: 'Velkommen' });
      assert.ok(sent.ok);
      assert.equal(connector.sentTo(created.conversationId).length, 1);
    });

    it('a refused create is reported like a refused send', async () => {
      connector.faults.push({ status: 403, code: 'BotNotInConversationRoster' });
      const created = await bot.createPersonalConversation(connector.url, TENANT_ID, USER_ID);
      assert.ok(!created.ok);
      assert.equal(created.permanent, true);
      assert.match(created.reason, /appen er ikke installeret/);
      assert.equal(connector.requests().length, 1);
    });
  });

  describe('getPagedMembers', () => {
    const teamId = '19:hr-team@thread.tacv2';
    const members = Array.from({ length: 5 }, (_, i) => ({
      id: `29:member-${i}`,
      aadObjectId: `oid-${i}`,
      name: `Person ${i}`,
      email: `person${i}@example.dk`,
      userPrincipalName: `person${i}@example.dk`,
      tenantId: TENANT_ID,
      userRole: 'user',
    }));

    it('walks every page with the continuation token', async () => {
      connector.setMembers(teamId, members);
      const team: ConversationRef = {
        ...reference,
        conversation: { id: teamId, conversationType: 'channel', tenantId: TENANT_ID },
      };

      const pages: string[][] = [];
      let token: string | undefined;
      do {
        const page = await bot.getPagedMembers(team, token, 2);
        assert.ok(page.ok);
        pages.push(page.members.map((member) => member.userId));
        token = page.continuationToken;
      } while (token);

      assert.deepEqual(pages, [
        ['29:member-0', '29:member-1'],
        ['29:member-2', '29:member-3'],
        ['29:member-4'],
      ]);
      assert.deepEqual(
        connector.requests().map((call) => call.query.pageSize),
        ['2', '2', '2'],
      );
      const first = await bot.getPagedMembers(team, undefined, 1);
      assert.ok(first.ok);
      assert.deepEqual(first.members, [
        {
          userId: '29:member-0',
          aadObjectId: 'oid-0',
          name: 'Person 0',
          email: 'person0@example.dk',
          userPrincipalName: 'person0@example.dk',
          tenantId: TENANT_ID,
        },
      ]);
    });

    it("asks for the team's members when given a channel thread's reference", async () => {
      connector.setMembers(teamId, members);
      const thread: ConversationRef = {
        ...reference,
        conversation: { id: `${teamId};messageid=1712345678901`, conversationType: 'channel' },
      };
      const page = await bot.getPagedMembers(thread);
      assert.ok(page.ok);
      assert.equal(page.members.length, 5);
      assert.equal(page.continuationToken, undefined);
      assert.deepEqual(connector.requests()[0]?.query, {});
      assert.equal(connector.requests()[0]?.conversationId, teamId);
    });

    it('a throttled page says so, without retrying', async () => {
      connector.setMembers(teamId, members);
      connector.faults.push({ status: 429, retryAfterSeconds: 2, times: 4 });
      const page = await bot.getPagedMembers({
        ...reference,
        conversation: { id: teamId },
      });
      assert.ok(!page.ok);
      assert.equal(page.retryAfterSeconds, 2);
      assert.equal(connector.requests().length, 1);
    });
  });
});
