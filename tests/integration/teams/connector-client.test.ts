import assert from 'node:assert/strict';
import { UnsecuredJWT } from 'jose';
import { createConnectorClient, type TokenSource } from '../../../bot/teams/connector-client.js';
import { cachedTokenSource, TOKEN_RENEW_MARGIN_MS } from '../../../bot/teams/token-cache.js';
import { FakeBotConnector } from '../../helpers/fake-bot-connector/index.js';

describe('the Bot Connector client', () => {
  let connector: FakeBotConnector;
  const conversationId = 'a:1-personal-mette';
  const noToken: TokenSource = () => Promise.resolve(undefined);
  const client = (tokens: TokenSource = noToken, timeoutMs = 2_000) =>
    createConnectorClient({ tokens, timeoutMs });

  before(async () => {
    connector = await FakeBotConnector.start();
  });
  afterEach(() => connector.reset());
  after(async () => {
    await connector.close();
  });

  it('sends an activity and returns the id the connector gave it', async () => {
    const outcome = await client().sendToConversation(connector.url, conversationId, {
      type: 'message',
      text: 'Hej',
    });
    const [sent] = connector.sentTo(conversationId);
    assert.deepEqual(outcome, { ok: true, id: sent?.id });
    assert.equal(sent?.activity.text, 'Hej');
  });

  it('a 429 with Retry-After comes back with the wait, after exactly one request', async () => {
    connector.faults.push({ status: 429, retryAfterSeconds: 7, times: 5 });
    const outcome = await client().sendToConversation(connector.url, conversationId, {
      type: 'message',
    });
    assert.ok(!outcome.ok);
    assert.equal(outcome.status, 429);
    assert.equal(outcome.retryAfterSeconds, 7);
    assert.equal(outcome.code, 'throttled');
    assert.equal(outcome.permanent, false);
    assert.equal(connector.requests().length, 1);
  });

  for (const status of [500, 503]) {
    it(`a ${status} is a transient service error after exactly one request`, async () => {
      connector.faults.push({ status, times: 5 });
      const outcome = await client().updateActivity(connector.url, conversationId, 'activity-1', {
        type: 'message',
      });
      assert.ok(!outcome.ok);
      assert.equal(outcome.status, status);
      assert.equal(outcome.code, 'service_error');
      assert.equal(outcome.permanent, false);
      assert.equal(connector.requests().length, 1);
    });
  }

  it('a conversation Teams no longer has is conversation_not_found, permanent, in Danish and English', async () => {
    connector.dropConversation(conversationId);
    const outcome = await client().sendToConversation(connector.url, conversationId, {
      type: 'message',
    });
    assert.ok(!outcome.ok);
    assert.equal(outcome.status, 404);
    assert.equal(outcome.code, 'conversation_not_found');
    assert.equal(outcome.teamsCode, 'ConversationNotFound');
    assert.equal(outcome.permanent, true);
    assert.match(outcome.reasonText.da, /samtalen/);
    assert.match(outcome.reasonText.en, /conversation/);
  });

  it('a connector that does not answer in time gives status 0, timeout, worth another try', async () => {
    connector.faults.push({ status: 201, delayMs: 1_000 });
    const outcome = await client(noToken, 100).sendToConversation(connector.url, conversationId, {
      type: 'message',
    });
    assert.ok(!outcome.ok);
    assert.equal(outcome.status, 0);
    assert.equal(outcome.code, 'timeout');
    assert.equal(outcome.permanent, false);
    assert.equal(connector.requests().length, 1);
  });

  it('sends the bot token as a bearer token when there is one, and no Authorization header without', async () => {
    await client(() => Promise.resolve('bot-token')).sendToConversation(
      connector.url,
      conversationId,
      { type: 'message' },
    );
    await client().sendToConversation(connector.url, conversationId, { type: 'message' });
    const [withToken, without] = connector.requests();
    assert.equal(withToken?.authorization, 'Bearer bot-token');
    assert.equal(without?.authorization, undefined);
  });

  it('a token that cannot be had is a failure worth another try, and nothing is sent', async () => {
    const outcome = await client(() =>
      Promise.reject(new Error('no credential')),
    ).sendToConversation(connector.url, conversationId, { type: 'message' });
    assert.ok(!outcome.ok);
    assert.equal(outcome.status, 0);
    assert.equal(outcome.code, 'network_error');
    assert.equal(outcome.permanent, false);
    assert.equal(connector.requests().length, 0);
  });

  it('creates a 1:1 conversation, and finds the same one for the same user again', async () => {
    const parameters = {
      isGroup: false,
      members: [{ id: '29:mette' }],
      tenantId: 'tenant-1',
      channelData: { tenant: { id: 'tenant-1' } },
    };
    const first = await client().createConversation(connector.url, parameters);
    const second = await client().createConversation(connector.url, parameters);
    assert.ok(first.ok && second.ok);
    assert.equal(second.id, first.id);
    assert.equal(connector.createdConversations().length, 1);
  });

  it('reads members page by page with the continuation token, and one member by id', async () => {
    const team = '19:team@thread.tacv2';
    connector.setMembers(
      team,
      ['a', 'b', 'c'].map((name) => ({ id: `29:${name}`, email: `${name}@example.dk` })),
    );
    const first = await client().getPagedMembers(connector.url, team, { pageSize: 2 });
    assert.ok(first.ok);
    assert.deepEqual(
      first.members.map((member) => member.id),
      ['29:a', '29:b'],
    );
    assert.ok(first.continuationToken);
    const second = await client().getPagedMembers(connector.url, team, {
      pageSize: 2,
      continuationToken: first.continuationToken,
    });
    assert.ok(second.ok);
    assert.deepEqual(second.members, [{ id: '29:c', email: 'c@example.dk' }]);
    assert.equal(second.continuationToken, undefined);

    const member = await client().getMember(connector.url, team, '29:b');
    assert.deepEqual(member, { ok: true, account: { id: '29:b', email: 'b@example.dk' } });
  });
});

describe('the bot token cache', () => {
  const tokenExpiringAt = (seconds: number, serial = 0): string =>
    new UnsecuredJWT({ serial }).setExpirationTime(seconds).encode();

  it('asks for a token once while it is valid, and again shortly before it expires', async () => {
    let clock = 1_000_000_000_000;
    const expiry = clock / 1000 + 3600;
    let asked = 0;
    const tokens = cachedTokenSource(
      () => {
        asked += 1;
        return Promise.resolve(tokenExpiringAt(expiry, asked));
      },
      () => clock,
    );
    const first = await tokens();
    assert.equal(await tokens(), first);
    clock = expiry * 1000 - TOKEN_RENEW_MARGIN_MS - 1;
    assert.equal(await tokens(), first);
    assert.equal(asked, 1);
    clock += 2;
    assert.notEqual(await tokens(), first);
    assert.equal(asked, 2);
  });

  it('callers asking at the same moment share one request, and a failed one is asked again', async () => {
    let asked = 0;
    const tokens = cachedTokenSource(() => {
      asked += 1;
      return asked === 1
        ? Promise.reject(new Error('identity platform unavailable'))
        : Promise.resolve(tokenExpiringAt(Math.floor(Date.now() / 1000) + 3600));
    });
    const both = await Promise.allSettled([tokens(), tokens()]);
    assert.deepEqual(
      both.map((result) => result.status),
      ['rejected', 'rejected'],
    );
    assert.equal(asked, 1);
    assert.ok(await tokens());
    assert.equal(asked, 2);
  });
});
