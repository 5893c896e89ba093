import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { createRound } from '../../../bot/rollout/create-round.js';
import { launchRolloutStep } from '../../../bot/rollout/launch-step.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { FakeBotConnector } from '../../helpers/fake-bot-connector/index.js';
import { seedSyntheticOrganisation } from '../../helpers/synthetic-organisation.js';
import { teamsUserId } from '../../helpers/rollout-harness.js';

/*
 * App Service scaled out to several instances on one storage account: each runs a dispatcher, and
 * Teams counts the tenant's requests from all of them together. Three dispatcher processes against
 * the fake connector, which answers 429 as soon as one second holds more than the tenant's limit.
 * Each paces itself to 80 % of the limit (a little headroom, so one process's timer jitter on a
 * loaded test machine cannot cause a 429): any two sending at once would exceed the limit.
 */

const CHILD_SCRIPT = fileURLToPath(new URL('../../helpers/dispatcher-child.ts', import.meta.url));
/** The tenant's limit the fake enforces; low, so a few hundred cards take a while to send. */
const LIMIT = 10;
const RATE_PER_INSTANCE = 8;
const CONCURRENCY = 4;
/**
 * Long enough that "at once" (a stopping instance hands the tenant over) and "after the lease" (a
 * dead one's lease runs out) stay apart on a loaded machine, where a handover took up to 7 s.
 */
const TENANT_LEASE_MS = 15_000;

interface Instance {
  child: ChildProcess;
  output: string;
}

function startInstance(storage: TestStorage): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT], {
    env: {
      ...process.env,
      MUS_CHILD_CONNECTION_STRING: storage.connectionString,
      MUS_CHILD_TABLE_PREFIX: storage.tablePrefix,
      MUS_CHILD_CONCURRENCY: String(CONCURRENCY),
      MUS_CHILD_RATE: String(RATE_PER_INSTANCE),
      MUS_CHILD_LEASE_MS: '2000',
      MUS_CHILD_TENANT_LEASE_MS: String(TENANT_LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance = { child, output: '' };
  child.stdout?.on('data', (chunk: Buffer) => (instance.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (instance.output += chunk.toString()));
  return instance;
}

async function stopAll(instances: Instance[]): Promise<void> {
  for (const { child } of instances) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

/** The pid in the owner written on the tenant's send lease (`dispatcher-child:<pid>`), if held. */
async function leaseHolderPid(storage: TestStorage): Promise<number | undefined> {
  const rows = await storage.rawEntities('dispatchQueue');
  const lease = rows.find((r) => r.partitionKey === 'tenantlease' && r.orgId === DEV_ORG_ID);
  const owner = typeof lease?.owner === 'string' ? lease.owner : '';
  const match = /:(\d+)$/.exec(owner);
  return match ? Number(match[1]) : undefined;
}

/** Accepted sends per Bot Framework user id, and the arrival times of every request to Teams. */
function traffic(fake: FakeBotConnector): { cards: Map<string, number>; arrivals: number[] } {
  const cards = new Map<string, number>();
  const arrivals: number[] = [];
  for (const call of fake.requests()) {
    if (call.status !== 201 && call.status !== 200) continue;
    arrivals.push(call.at);
    if (call.route !== 'sendToConversation') continue;
    const user = (call.body as { recipient?: { id?: string } }).recipient?.id;
    if (user) cards.set(user, (cards.get(user) ?? 0) + 1);
  }
  return { cards, arrivals: arrivals.sort((a, b) => a - b) };
}

/** The most requests that arrived within any one second. */
function busiestSecond(arrivals: number[]): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < arrivals.length; last++) {
    while (arrivals[last]! - arrivals[first]! >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('several instances on one storage account', function () {
  this.timeout(240_000);
  let storage: TestStorage;
  let fake: FakeBotConnector;
  let recipients: string[];
  let roundId: string;
  const instances: Instance[] = [];

  beforeEach(async () => {
    storage = await testStorage();
    fake = await FakeBotConnector.start({ rateLimits: { perTenantPerSecond: LIMIT } });
    const seeded = await seedSyntheticOrganisation(storage, fake, {
      leaders: 5,
      employeesPerLeader: 19,
    });
    recipients = seeded.recipients;
    const services = {
      repositories: storage.repositories,
      deliveries: storage.deliveries,
      now: () => new Date(),
    };
    const round = await createRound(services, { by: seeded.hr, name: 'MUS 2027' });
    roundId = round.value.id;
    await launchRolloutStep(services, { by: seeded.hr, roundId, step: 1 });
    await launchRolloutStep(services, { by: seeded.hr, roundId, step: 2 });
  });

  afterEach(async () => {
    await stopAll(instances.splice(0));
    await fake?.close();
  });

  async function sentSoFar(): Promise<number> {
    let sent = 0;
    for (const step of [1, 2] as const) {
      sent += (await storage.deliveries.counts(DEV_ORG_ID, roundId, step)).sent;
    }
    return sent;
  }

  async function waitForSent(atLeast: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await sentSoFar()) < atLeast) {
      if (Date.now() > deadline) {
        const outputs = instances.map((i) => i.output).join('\n---\n');
        throw new Error(
          `only ${await sentSoFar()} of ${atLeast} sent; the processes said:\n${outputs}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  function assertEveryoneOnceWithinTheLimit(duplicatesAllowed: number): void {
    const { cards, arrivals } = traffic(fake);
    const lost = recipients.filter((email) => (cards.get(teamsUserId(email)) ?? 0) === 0);
    assert.deepEqual(lost, [], 'everyone got their card');
    const duplicates = [...cards.values()].reduce((sum, n) => sum + n - 1, 0);
    assert.ok(duplicates <= duplicatesAllowed, `${duplicates} cards were sent twice`);
    assert.equal(fake.throttledCount, 0, 'Teams never had to answer 429');
    const busiest = busiestSecond(arrivals);
    assert.ok(busiest <= LIMIT, `${busiest} requests arrived in one second (limit ${LIMIT})`);
  }

  it('three instances keep the tenant within its limit together, and each card goes once', async () => {
    for (let i = 0; i < 3; i++) instances.push(startInstance(storage));
    await waitForSent(recipients.length, 120_000);

    assertEveryoneOnceWithinTheLimit(0);
  });

  it('when the instance sending dies, another takes over after its lease runs out and finishes the step', async () => {
    // Teams takes a moment to answer, so that sends are under way at the kill.
    fake.faults.push({ rate: 1, delayMs: 100 });
    for (let i = 0; i < 3; i++) instances.push(startInstance(storage));
    await waitForSent(recipients.length / 3, 120_000);
    const holder = await leaseHolderPid(storage);
    const dying = instances.find((i) => i.child.pid === holder);
    assert.ok(dying, 'one of the instances holds the tenant');
    dying.child.kill('SIGKILL');
    await once(dying.child, 'exit');
    const sentAtKill = await sentSoFar();
    assert.ok(sentAtKill < recipients.length, 'the instance died before the step was sent');

    await waitForSent(recipients.length, 120_000);

    const newHolder = await leaseHolderPid(storage);
    assert.ok(newHolder !== undefined && newHolder !== holder, 'a surviving instance holds it now');
    // Sends Teams accepted whose outcome the dead instance never wrote may go again: at most two per
    // slot (under way, and answered but still in the save batch), as with a single instance.
    assertEveryoneOnceWithinTheLimit(2 * CONCURRENCY);
  });

  it('an instance that stops hands the tenant over at once, without waiting out its lease', async () => {
    instances.push(startInstance(storage));
    await waitForSent(recipients.length / 3, 120_000);
    instances.push(startInstance(storage));
    const [first] = instances;
    first!.child.kill('SIGTERM');
    await once(first!.child, 'exit');
    const stoppedAt = Date.now();
    const sentAtStop = await sentSoFar();

    await waitForSent(sentAtStop + 1, 120_000);
    const handedOverAfter = Date.now() - stoppedAt;
    assert.ok(
      handedOverAfter < TENANT_LEASE_MS,
      `the second instance began after ${handedOverAfter} ms, not at once`,
    );
    await waitForSent(recipients.length, 120_000);
    assertEveryoneOnceWithinTheLimit(0);
  });
});
