import assert from 'node:assert/strict';
import {
  createBotFramework,
  type BotFramework,
  type TurnContext,
} from '../../../bot/teams/bot-framework.js';
import { CHAT_TEXTS } from '../../../texts/chat.js';
import { MusActivityHandler } from '../../../bot/teams/mus-activity-handler.js';
import { startBotTestServer, type BotTestServer } from '../../helpers/bot-test-server.js';
import { FakeBotConnector } from '../../helpers/fake-bot-connector/index.js';
import { InMemoryConversationStore } from '../../helpers/in-memory-conversation-store.js';
import { ERROR_LEVEL, memoryLogger, type LogLine } from '../../helpers/memory-logger.js';
import {
  BOT_ID,
  TENANT_ID,
  USER_ID,
  botAddedToTeam,
  personalInstallationUpdate,
  personalMessage,
} from '../../helpers/teams-activities.js';

describe('Teams activities over /api/messages (dev mode)', () => {
  let connector: FakeBotConnector;
  let store: InMemoryConversationStore;
  let server: BotTestServer;
  let bot: BotFramework;
  let logLines: LogLine[];

  before(async () => {
    connector = await FakeBotConnector.start();
  });
  beforeEach(async () => {
    const { log, lines } = memoryLogger();
    logLines = lines;
    store = new InMemoryConversationStore();
    bot = createBotFramework(undefined, { log });
    const handler = new MusActivityHandler({
      conversations: store,
      orgIdOf: (tenantId) => tenantId ?? 'default',
      log,
    });
    server = await startBotTestServer(bot, handler);
  });
  afterEach(async () => {
    await server.close();
    connector.reset();
  });
  after(async () => {
    await connector.close();
  });

  it('runs in dev mode without an app id', () => {
    assert.equal(bot.devMode, true);
    assert.equal(bot.appId, undefined);
  });

  it('turns from one Bot Connector share one connector client, and every reply still reaches it', async () => {
    const clients: unknown[] = [];
    const recording = {
      run: async (context: TurnContext): Promise<void> => {
        const key = (context.adapter as unknown as { ConnectorClientKey: symbol })
          .ConnectorClientKey;
        clients.push(context.turnState.get(key));
        await context.sendActivity('hej');
      },
    };
    const own = await startBotTestServer(bot, recording);
    const other = await FakeBotConnector.start();
    try {
      for (const serviceUrl of [connector.url, connector.url, other.url]) {
        assert.equal((await own.post(personalMessage({ serviceUrl }))).status, 200);
      }
    } finally {
      await own.close();
      await other.close();
    }
    assert.ok(clients[0], 'the turn had a connector client');
    assert.equal(clients[1], clients[0], 'the second turn reused it');
    assert.notEqual(clients[2], clients[0], 'another Bot Connector gets its own');
    assert.equal(connector.sentTo(`a:personal-${USER_ID}`).length, 2);
  });

  it('a personal message is answered with the Danish help text, as a reply to that message', async () => {
    const message = personalMessage({ serviceUrl: connector.url });
    const response = await server.post(message);

    assert.equal(response.status, 200);
    const conversationId = `a:personal-${USER_ID}`;
    const [reply, ...more] = connector.sentTo(conversationId);
    assert.equal(more.length, 0);
    assert.equal(reply?.replyToId, message.id);
    assert.equal(reply?.activity.text, CHAT_TEXTS.bot.help.da);
    const [call] = connector.requests({ route: 'replyToActivity' });
    assert.equal(
      call?.path,
      `/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(String(message.id))}`,
    );
    assert.equal(call?.authorization, undefined, 'dev mode sends no token');
  });

  it('a user whose Teams speaks English gets the help text in English', async () => {
    await server.post(personalMessage({ serviceUrl: connector.url, locale: 'en-GB' }));
    assert.equal(connector.activities()[0]?.activity.text, CHAT_TEXTS.bot.help.en);
  });

  it('a personal message stores the 1:1 conversation reference under personal:<userId>', async () => {
    await server.post(personalMessage({ serviceUrl: connector.url }));

    const stored = await store.get(TENANT_ID, `personal:${USER_ID}`);
    assert.ok(stored, 'the conversation was not stored');
    assert.equal(stored.orgId, TENANT_ID);
    assert.ok(!Number.isNaN(Date.parse(stored.updatedAt)));
    assert.deepEqual(stored.reference, {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: {
        id: `a:personal-${USER_ID}`,
        conversationType: 'personal',
        tenantId: TENANT_ID,
      },
      user: { id: USER_ID, name: 'Mette Medarbejder', aadObjectId: 'aad-0000-employee' },
      bot: { id: BOT_ID, name: 'MUS' },
      locale: 'da-DK',
    });
  });

  it('installing the app personally stores the conversation; uninstalling forgets it', async () => {
    await server.post(personalInstallationUpdate({ serviceUrl: connector.url }, 'add'));
    assert.ok(await store.get(TENANT_ID, `personal:${USER_ID}`));
    assert.deepEqual(connector.requests(), [], 'an install is not answered');

    await server.post(personalInstallationUpdate({ serviceUrl: connector.url }, 'remove'));
    assert.equal(await store.get(TENANT_ID, `personal:${USER_ID}`), undefined);
  });

  it('adding the bot to a team stores the channel conversation under channel:<id>', async () => {
    const teamId = '19:hr-team@thread.tacv2';
    const response = await server.post(botAddedToTeam({ serviceUrl: connector.url, teamId }));
    assert.equal(response.status, 200);
    const stored = store.all();
    assert.deepEqual(
      stored.map((row) => [row.orgId, row.key]),
      [[TENANT_ID, `channel:${teamId}`]],
    );
  });

  it('when handling fails the user gets an apology in their language, never the error; the log has it', async () => {
    store.failPutsWith = new Error('table storage exploded: secret-connection-detail');
    const response = await server.post(
      personalMessage({ serviceUrl: connector.url, locale: 'en-US' }),
    );

    assert.equal(response.status, 200);
    const texts = connector.activities().map((sent) => String(sent.activity.text));
    assert.deepEqual(texts, [CHAT_TEXTS.bot.apology.en]);
    assert.ok(!texts.some((text) => text.includes('secret') || text.includes('exploded')));
    const logged = logLines.find((line) => line.level === ERROR_LEVEL);
    assert.equal(logged?.msg, 'bot turn failed');
    assert.equal(logged?.activityType, 'message');
    assert.equal(logged?.conversationId, `a:personal-${USER_ID}`);
    assert.match(JSON.stringify(logged?.err), /secret-connection-detail/);
  });

  it('a failing install event is logged but not answered', async () => {
    store.failPutsWith = new Error('down');
    await server.post(personalInstallationUpdate({ serviceUrl: connector.url }, 'add'));
    assert.deepEqual(connector.requests(), []);
    assert.ok(logLines.some((line) => line.msg === 'bot turn failed'));
  });
});

describe('Teams activities over /api/messages (with credentials)', () => {
  it('refuses an activity without a Bot Framework token', async () => {
    const { log } = memoryLogger();
    const bot = createBotFramework(
      {
        appId: '00000000-0000-0000-0000-000000000001',
        appPassword: 'not-used',
        appType: 'MultiTenant',
      },
      { log },
    );
    const store = new InMemoryConversationStore();
    const handler = new MusActivityHandler({ conversations: store, orgIdOf: () => 'x', log });
    const server = await startBotTestServer(bot, handler);
    try {
      const response = await server.post(personalMessage({ serviceUrl: 'http://127.0.0.1:9/' }));
      assert.equal(response.status, 401);
      assert.deepEqual(store.all(), []);
      assert.equal(bot.devMode, false);
    } finally {
      await server.close();
    }
  });
});
