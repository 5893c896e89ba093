/*
 * The background half of step launches in a process of its own, for the crash test: it opens the
 * test's table storage and prepares launched steps until it is killed. Run it with
 * `node --import tsx tests/helpers/preparer-child.ts`; settings come from the environment:
 *
 *   MUS_CHILD_CONNECTION_STRING  storage connection string (the test's Azurite)
 *   MUS_CHILD_TABLE_PREFIX       the test's table prefix
 *   MUS_CHILD_LEASE_MS           lease length (default 2000, short so a survivor takes over soon)
 *   MUS_CHILD_CREATE_DELAY_MS    a pause before each chunk of skemas is created (a slow storage
 *                                account), so
 *                                the test can kill the process half-way (default 0)
 *
 * It prints one line `ready` on stdout once it runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { setting } from './child-settings.js';
import { StepPreparer } from '../../bot/rollout/step-preparer.js';
import { openTableStorage } from '../../bot/storage/open-table-storage.js';

const log = pino({ level: 'warn' }, pino.destination(2));
const { repositories, deliveries } = await openTableStorage({
  connectionString: setting('MUS_CHILD_CONNECTION_STRING'),
  tablePrefix: setting('MUS_CHILD_TABLE_PREFIX'),
});
const delayMs = Number(setting('MUS_CHILD_CREATE_DELAY_MS', '0'));
if (delayMs > 0) {
  const createMany = repositories.skemas.createMany.bind(repositories.skemas);
  repositories.skemas.createMany = async (skemas) => {
    await sleep(delayMs);
    return createMany(skemas);
  };
}
const preparer = new StepPreparer({
  repositories,
  deliveries,
  now: () => new Date(),
  owner: `preparer-child:${process.pid}`,
  log,
  leaseMs: Number(setting('MUS_CHILD_LEASE_MS', '2000')),
  onProgress: () => undefined,
});
preparer.start(200);
process.stdout.write('ready\n');
