import assert from 'node:assert/strict';
import sinon from 'sinon';
import { tenantAcceptor } from '../../../bot/app.js';
import { createBotFramework } from '../../../bot/teams/bot-framework.js';
import { MusActivityHandler } from '../../../bot/teams/mus-activity-handler.js';
import { startBotTestServer, type BotTestServer } from '../../helpers/bot-test-server.js';
import { FakeBotConnector } from '../../helpers/fake-bot-connector/index.js';
import { InMemoryConversationStore } from '../../helpers/in-memory-conversation-store.js';
import { memoryLogger, type LogLine } from '../../helpers/memory-logger.js';
import { TENANT_ID, USER_ID, personalMessage } from '../../helpers/teams-activities.js';

describe('bot activities from tenants the app does not serve', () => {
  let connector: FakeBotConnector;
  let store: InMemoryConversationStore;
  let server: BotTestServer;
  let lines: LogLine[];

  before(async () => {
    connector = await FakeBotConnector.start();
  });
  after(async () => connector.close());
  afterEach(async () => {
    await server.close();
    connector.reset();
  });

  async function serve(config: { devMode: boolean; allowedTenants: string[] }): Promise<void> {
    const logger = memoryLogger();
    lines = logger.lines;
    store = new InMemoryConversationStore();
    const handler = new MusActivityHandler({
      conversations: store,
      orgIdOf: (tenantId) => tenantId ?? 'default',
      acceptTenant: tenantAcceptor(config),
      log: logger.log,
    });
    server = await startBotTestServer(createBotFramework(undefined, { log: logger.log }), handler);
  }

  it('ignores an activity from a tenant outside ALLOWED_TENANTS: nothing stored, nothing answered, one log line', async () => {
    await serve({ devMode: false, allowedTenants: ['11111111-0000-4000-8000-000000000000'] });
    await server.post(personalMessage({ serviceUrl: connector.url }));
    assert.equal(await store.get(TENANT_ID, `personal:${USER_ID}`), undefined);
    assert.equal(connector.activities().length, 0);
    const refused = lines.filter((l) => l.msg === 'activity refused: its tenant is not allowed');
    assert.equal(refused.length, 1);
    assert.equal(refused[0]?.err, undefined, 'no stack for a refused request');
  });

  it('serves an allowed tenant, whatever the case of its id', async () => {
    await serve({ devMode: false, allowedTenants: [TENANT_ID.toUpperCase()] });
    await server.post(personalMessage({ serviceUrl: connector.url }));
    assert.ok(await store.get(TENANT_ID, `personal:${USER_ID}`));
    assert.equal(connector.activities().length, 1);
  });

  it('in production refuses an activity that names no tenant instead of filing it under "default"', async () => {
    await serve({ devMode: false, allowedTenants: [] });
    const message = personalMessage({ serviceUrl: connector.url });
    const conversation = { ...(message.conversation as Record<string, unknown>) };
    delete conversation.tenantId;
    await server.post({ ...message, conversation, channelData: {} });
    assert.equal(connector.activities().length, 0);
    assert.equal(await store.get('default', `personal:${USER_ID}`), undefined);
  });
});

/** A well-formed JWT for the bot's app id, signed by nobody Teams knows. */
function forgedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'RS256', kid: 'made-up', typ: 'JWT' });
  const payload = part({
    iss: 'https://attacker.example/',
    aud: '00000000-0000-4000-8000-000000000001',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  return `${header}.${payload}.${Buffer.from('signature').toString('base64url')}`;
}

describe('bot requests without a token, with bot credentials set', () => {
  for (const [what, authorization] of [
    ['no token', undefined],
    ['a token that is not a JWT', 'Bearer not-a-token'],
    ['a JWT cut short', 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0'],
    ['a JWT from an issuer Teams does not use', `Bearer ${forgedToken()}`],
  ] as const) {
    it(`with ${what} are refused with 401 and one log line, no stack`, async () => {
      const connector = await FakeBotConnector.start();
      const logger = memoryLogger();
      const bot = createBotFramework(
        { appId: '00000000-0000-4000-8000-000000000001', appPassword: 'x', appType: 'MultiTenant' },
        { log: logger.log },
      );
      const handler = new MusActivityHandler({
        conversations: new InMemoryConversationStore(),
        orgIdOf: (tenantId) => tenantId ?? 'default',
        log: logger.log,
      });
      const server = await startBotTestServer(bot, handler);
      const printed = sinon.spy(console, 'error');
      try {
        const res = await server.post(
          personalMessage({ serviceUrl: connector.url }),
          authorization ? { authorization } : {},
        );
        assert.equal(res.status, 401);
        assert.equal(printed.callCount, 0, 'nothing printed to the console');
        const refused = logger.lines.filter((l) => String(l.msg).startsWith('bot request with'));
        assert.equal(refused.length, 1);
        assert.equal(refused[0]?.err, undefined);
        assert.equal(connector.activities().length, 0);
      } finally {
        printed.restore();
        await server.close();
        await connector.close();
      }
    });
  }
});
