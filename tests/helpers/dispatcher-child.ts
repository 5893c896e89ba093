/*
 * A dispatcher in a process of its own, for the crash test: it opens the test's table storage, sends
 * the outbox to the fake Bot Connector and runs until it is killed. Run it with
 * `node --import tsx tests/helpers/dispatcher-child.ts`; settings come from the environment:
 *
 *   MUS_CHILD_CONNECTION_STRING  storage connection string (the test's Azurite)
 *   MUS_CHILD_TABLE_PREFIX       the test's table prefix
 *   MUS_CHILD_CONCURRENCY        sends in flight at once (default 4)
 *   MUS_CHILD_RATE               sends per second per tenant (default 20)
 *   MUS_CHILD_LEASE_MS           lease length (default 2000, short so a survivor takes over soon)
 *   MUS_CHILD_TENANT_LEASE_MS    when set, the dispatcher sends a tenant's cards only while it holds
 *                                the tenant's send lease (as the server does), of this length
 *
 * It prints one line `ready` on stdout once the dispatcher runs. SIGTERM stops it as the server
 * stops: the sends under way are recorded and its tenant leases handed back.
 */
import { pino } from 'pino';
import { setting } from './child-settings.js';
import { createCardDeliverer } from '../../bot/rollout/deliver-card.js';
import { Dispatcher } from '../../bot/rollout/dispatcher.js';
import { openTableStorage } from '../../bot/storage/open-table-storage.js';
import { createBotFramework } from '../../bot/teams/bot-framework.js';
import { proactiveMessenger } from '../../bot/teams/proactive-messenger.js';

const log = pino({ level: 'warn' }, pino.destination(2));
const { repositories, deliveries, tenantLeases } = await openTableStorage({
  connectionString: setting('MUS_CHILD_CONNECTION_STRING'),
  tablePrefix: setting('MUS_CHILD_TABLE_PREFIX'),
});
const bot = createBotFramework(undefined, { log, requestTimeoutMs: 5000 });
const rate = Number(setting('MUS_CHILD_RATE', '20'));
const tenantLeaseMs = process.env.MUS_CHILD_TENANT_LEASE_MS;
const dispatcher = new Dispatcher({
  store: deliveries,
  deliver: createCardDeliverer({
    repositories,
    deliveries,
    messenger: proactiveMessenger(bot),
    links: { baseUrl: 'http://127.0.0.1:3978' },
    log,
  }),
  log,
  owner: `dispatcher-child:${process.pid}`,
  ratePerSecond: () => rate,
  concurrency: Number(setting('MUS_CHILD_CONCURRENCY', '4')),
  leaseMs: Number(setting('MUS_CHILD_LEASE_MS', '2000')),
  pollMs: 200,
  ...(tenantLeaseMs ? { tenantLeases, tenantLeaseMs: Number(tenantLeaseMs) } : {}),
});
dispatcher.start();
process.once('SIGTERM', () => {
  void dispatcher.stop().finally(() => process.exit(0));
});
process.stdout.write('ready\n');
