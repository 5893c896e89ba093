import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DEV_ORG_ID } from '../../../bot/config.js';
import type { Person } from '../../../bot/mus/person.js';
import type { StepNumber } from '../../../bot/mus/rollout-steps.js';
import type { Round } from '../../../bot/mus/round.js';
import { createRound } from '../../../bot/rollout/create-round.js';
import { createCardDeliverer } from '../../../bot/rollout/deliver-card.js';
import { RecipientDirectory } from '../../../bot/rollout/recipient-directory.js';
import type { Delivery } from '../../../bot/rollout/delivery.js';
import { Dispatcher } from '../../../bot/rollout/dispatcher.js';
import { launchRolloutStep } from '../../../bot/rollout/launch-step.js';
import { createBotFramework } from '../../../bot/teams/bot-framework.js';
import { proactiveMessenger } from '../../../bot/teams/proactive-messenger.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { cardText } from '../../helpers/card-validation.js';
import { FakeBotConnector, type RecordedCall } from '../../helpers/fake-bot-connector/index.js';
import { seededRandom } from '../../helpers/fake-bot-connector/seeded-random.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { seedSyntheticOrganisation } from '../../helpers/synthetic-organisation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const OLE = 'ole.frederiksen@vandvaerk.example';
const JONAS = 'jonas.winther@vandvaerk.example';
const NANNA = 'nanna.berg@vandvaerk.example';
const METTE = 'mette.kjaer@vandvaerk.example';

/** The Bot Framework user id a send was addressed to. */
function recipientOf(body: unknown): string | undefined {
  const recipient = (body as { recipient?: { id?: unknown } } | undefined)?.recipient;
  return typeof recipient?.id === 'string' ? recipient.id : undefined;
}

/** Accepted sends (201) per Bot Framework user id. */
function cardsPerUser(fake: FakeBotConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.requests({ route: 'sendToConversation' })) {
    const user = recipientOf(call.body);
    if (call.status === 201 && user) counts.set(user, (counts.get(user) ?? 0) + 1);
  }
  return counts;
}

async function launch(
  h: RolloutHarness,
  steps: StepNumber[],
): Promise<{ round: Round; rows: Delivery[] }> {
  const hr = await h.storage.repositories.people.get(DEV_ORG_ID, HR_EMAIL);
  assert.ok(hr, 'HR is on the roster');
  const created = await createRound(h.rollout.services, { by: hr.value, name: 'MUS 2027' });
  for (const step of steps) {
    await launchRolloutStep(h.rollout.services, { by: hr.value, roundId: created.value.id, step });
  }
  const rows: Delivery[] = [];
  for (const step of steps) {
    rows.push(...(await h.storage.deliveries.list(DEV_ORG_ID, created.value.id, step)));
  }
  return { round: created.value, rows };
}

/** How many cards each person should get: one per delivery row. */
function expectedCards(rows: Delivery[]): Map<string, number> {
  const expected = new Map<string, number>();
  for (const row of rows) {
    const user = teamsUserId(row.recipientEmail);
    expected.set(user, (expected.get(user) ?? 0) + 1);
  }
  return expected;
}

describe('a rollout through a Teams that throttles and fails now and then', function () {
  this.timeout(120_000);
  let h: RolloutHarness;
  let rows: Delivery[];
  let calls: RecordedCall[];

  before(async () => {
    h = await startRolloutHarness({ ratePerSecond: 30 });
    await h.installInTeam();
    // 10 % throttled with Retry-After: 1, 5 % gateway and server errors; the same on every run.
    const random = seededRandom(20270301);
    h.fake.faults.hook = (request) => {
      if (request.route !== 'createConversation' && request.route !== 'sendToConversation') {
        return undefined;
      }
      const r = random();
      if (r < 0.1) return { status: 429, retryAfterSeconds: 1 };
      if (r < 0.15) return { status: [500, 502, 504][Math.floor(random() * 3)]! };
      return undefined;
    };
    ({ rows } = await launch(h, [1, 2]));
    await h.drain();
    calls = h.fake
      .requests()
      .filter((c) => c.route === 'createConversation' || c.route === 'sendToConversation');
  });
  after(async () => h?.close());

  it('met both throttling and server errors on the way', () => {
    assert.ok(calls.filter((c) => c.status === 429).length >= 2, 'some 429s');
    assert.ok(calls.filter((c) => c.status >= 500).length >= 1, 'some 5xx');
  });

  it('gives every leader and employee exactly one card per step: none lost, none twice', () => {
    assert.equal(rows.length, 31);
    assert.deepEqual(
      [...cardsPerUser(h.fake).entries()].sort(),
      [...expectedCards(rows).entries()].sort(),
    );
  });

  it('records every delivery as sent, with the activity id Teams gave it', async () => {
    const stored = [
      ...(await h.storage.deliveries.list(DEV_ORG_ID, rows[0]!.roundId, 1)),
      ...(await h.storage.deliveries.list(DEV_ORG_ID, rows[0]!.roundId, 2)),
    ];
    assert.equal(stored.length, rows.length);
    for (const row of stored) {
      assert.equal(row.status, 'sent', `${row.recipientEmail} step ${row.step}`);
      const activity = h.fake.activity(row.activityId ?? '');
      assert.equal(recipientOf(activity?.activity), teamsUserId(row.recipientEmail));
    }
  });

  it('after each 429 sends nothing more to the tenant until Retry-After has passed', () => {
    // Requests already on their way when the 429 was answered arrive within a few milliseconds.
    const inFlightMs = 100;
    for (const [i, throttled] of calls.entries()) {
      if (throttled.status !== 429) continue;
      const later = calls.slice(i + 1);
      const inFlight = later.filter((c) => c.at - throttled.at < inFlightMs);
      assert.ok(inFlight.length <= 16, `${inFlight.length} requests in flight at a 429`);
      const next = later.find((c) => c.at - throttled.at >= inFlightMs);
      if (!next) continue;
      assert.ok(
        next.at - throttled.at >= 995,
        `a request came ${next.at - throttled.at} ms after a 429 with Retry-After: 1`,
      );
    }
  });
});

describe('a step with people Teams will not deliver to', function () {
  this.timeout(120_000);
  let h: RolloutHarness;
  let round: Round;
  let rows: Delivery[];

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    // Nanna is on the roster, but has never opened Teams with the bot: no Teams id, no chat.
    const nanna: Person = {
      orgId: DEV_ORG_ID,
      email: NANNA,
      name: 'Nanna Berg',
      department: 'Drift',
      leaderEmail: METTE,
      roles: ['employee'],
    };
    await h.storage.repositories.people.upsertRoster(DEV_ORG_ID, [nanna]);
    h.fake.faults.push(
      {
        status: 403,
        code: 'ConversationBlockedByUser',
        times: 5,
        match: (r) => r.route === 'sendToConversation' && recipientOf(r.body) === teamsUserId(OLE),
      },
      {
        // A card Teams refused once (permanently, as far as the dispatcher can tell).
        status: 400,
        times: 1,
        match: (r) =>
          r.route === 'sendToConversation' && recipientOf(r.body) === teamsUserId(JONAS),
      },
    );
    ({ round, rows } = await launch(h, [1, 2]));
    await h.drain();
  });
  after(async () => h?.close());

  async function row(email: string): Promise<Delivery> {
    const stored = await h.storage.deliveries.list(DEV_ORG_ID, round.id, 2);
    const found = stored.find((d) => d.recipientEmail === email);
    assert.ok(found, `${email} has a delivery`);
    return found;
  }

  it('records a user who blocked the app as not installed, says why in Danish, and does not retry', async () => {
    const ole = await row(OLE);
    assert.equal(ole.status, 'not-installed');
    assert.equal(ole.attempts, 1);
    assert.equal(ole.lastError?.status, 403);
    assert.match(ole.lastError?.reason.da ?? '', /blokeret/);
    const tries = h.fake
      .requests({ route: 'sendToConversation' })
      .filter((c) => recipientOf(c.body) === teamsUserId(OLE));
    assert.equal(tries.length, 1);
  });

  it('records a roster person the bot has never seen in Teams as waiting for the app, not given up', async () => {
    const nanna = await row(NANNA);
    assert.equal(nanna.status, 'waiting');
    assert.match(nanna.lastError?.reason.da ?? '', /appen er ikke installeret/);
    assert.equal(nanna.attempts, 1);
  });

  it('delivers to everyone else exactly once', () => {
    const expected = expectedCards(
      rows.filter((r) => ![OLE, NANNA, JONAS].includes(r.recipientEmail)),
    );
    assert.deepEqual([...cardsPerUser(h.fake).entries()].sort(), [...expected.entries()].sort());
  });

  it('shows HR the sent, failed, waiting and not-installed counts on the round card', async () => {
    const employees = rows.filter((r) => r.step === 2).length;
    assert.equal(employees, 29);
    const current = await h.storage.repositories.rounds.get(DEV_ORG_ID, round.id);
    const text = cardText(await h.rollout.services.announcer.card(current!.value, 'da'));
    assert.ok(
      text.includes(
        `Sendt ${employees - 3} · i kø 0 · fejlet 1 · venter på appen 1 · ikke installeret 1`,
      ),
      text,
    );
    assert.ok(text.includes('Send igen til fejlede'), 'the card offers a resend');
  });

  it('"send igen til fejlede" resends only the failed row: nobody gets a second card', async () => {
    const before = h.fake.requests({ route: 'sendToConversation' }).length;
    const response = await h.click(HR_EMAIL, 'round.resendFailed', { roundId: round.id, step: 2 });
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    await h.drain();
    const resent = h.fake.requests({ route: 'sendToConversation' }).slice(before);
    assert.deepEqual(
      resent.map((c) => recipientOf(c.body)),
      [teamsUserId(JONAS)],
      'one new send, to the failed row',
    );
    assert.equal((await row(JONAS)).status, 'sent');
    assert.equal((await row(OLE)).status, 'not-installed');
    assert.equal((await row(NANNA)).status, 'waiting');
    const expected = expectedCards(rows.filter((r) => ![OLE, NANNA].includes(r.recipientEmail)));
    assert.deepEqual([...cardsPerUser(h.fake).entries()].sort(), [...expected.entries()].sort());
    assert.deepEqual(await h.storage.deliveries.counts(DEV_ORG_ID, round.id, 2), {
      sent: 27,
      pending: 0,
      failed: 0,
      waiting: 1,
      notInstalled: 1,
    });
  });
});

const CHILD_SCRIPT = fileURLToPath(new URL('../../helpers/dispatcher-child.ts', import.meta.url));
const CHILD_CONCURRENCY = 4;

describe('a dispatcher process killed in the middle of a step', function () {
  this.timeout(120_000);
  let storage: TestStorage;
  let fake: FakeBotConnector;
  let child: ChildProcess | undefined;
  let childOutput = '';
  let recipients: string[];
  let roundId: string;

  before(async () => {
    storage = await testStorage();
    fake = await FakeBotConnector.start();
    // 10 leaders with 19 employees each, plus HR: 200 recipients over steps 1 and 2.
    const seeded = await seedSyntheticOrganisation(storage, fake, {
      leaders: 10,
      employeesPerLeader: 19,
    });
    recipients = seeded.recipients;
    const { repositories } = storage;
    const hr = seeded.hr;
    const services = { repositories, deliveries: storage.deliveries, now: () => new Date() };
    const round = await createRound(services, { by: hr, name: 'MUS 2027' });
    roundId = round.value.id;
    await launchRolloutStep(services, { by: hr, roundId, step: 1 });
    await launchRolloutStep(services, { by: hr, roundId, step: 2 });
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await fake?.close();
  });

  function sendsSoFar(): number {
    return fake.requests({ route: 'sendToConversation' }).filter((c) => c.status === 201).length;
  }

  async function rowsOfRound(): Promise<Delivery[]> {
    return [
      ...(await storage.deliveries.list(DEV_ORG_ID, roundId, 1)),
      ...(await storage.deliveries.list(DEV_ORG_ID, roundId, 2)),
    ];
  }

  it('loses nobody, and sends twice at most the cards in flight or awaiting their outcome write when it died', async () => {
    // Teams takes a while to answer, so that several sends are under way at the kill.
    fake.faults.push({ rate: 1, delayMs: 200 });
    child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT], {
      env: {
        ...process.env,
        MUS_CHILD_CONNECTION_STRING: storage.connectionString,
        MUS_CHILD_TABLE_PREFIX: storage.tablePrefix,
        MUS_CHILD_CONCURRENCY: String(CHILD_CONCURRENCY),
        MUS_CHILD_RATE: '20',
        MUS_CHILD_LEASE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
    await fake
      .waitUntil(() => sendsSoFar() >= recipients.length / 3, 60_000)
      .catch(() => {
        throw new Error(`the child did not send; its output:\n${childOutput}`);
      });
    child.kill('SIGKILL');
    await once(child, 'exit');
    const sentAtKill = sendsSoFar();
    // The sends that were under way still reach Teams; only their outcome is never written.
    await sleep(400);
    assert.ok(sentAtKill < recipients.length, 'the child died before it finished');

    // Sends Teams accepted whose outcome the child never wrote down: these may go out again.
    const afterKill = await rowsOfRound();
    const accepted = cardsPerUser(fake);
    const unrecorded = afterKill.filter(
      (r) => r.status !== 'sent' && (accepted.get(teamsUserId(r.recipientEmail)) ?? 0) > 0,
    ).length;
    // At most the sends under way (one per slot) plus those Teams had answered whose outcome was still
    // in the save batch (the dispatcher frees a slot as soon as Teams answers and writes outcomes in
    // ~50 ms batches): never more than two per slot.
    assert.ok(
      unrecorded <= 2 * CHILD_CONCURRENCY,
      `${unrecorded} sends were unrecorded at the kill`,
    );

    // The survivor takes over the dead process's rows when their leases run out. It looks its
    // recipients up in a snapshot from the first card, as a busy organisation's dispatcher does.
    const { log } = memoryLogger();
    const survivor = new Dispatcher({
      store: storage.deliveries,
      deliver: createCardDeliverer({
        repositories: storage.repositories,
        deliveries: storage.deliveries,
        directory: new RecipientDirectory(storage.repositories, { busyAfter: 0 }),
        messenger: proactiveMessenger(
          createBotFramework(undefined, { log, requestTimeoutMs: 5000 }),
        ),
        links: { baseUrl: 'http://127.0.0.1:3978' },
        log,
      }),
      log,
      owner: 'survivor',
      ratePerSecond: () => 50,
      concurrency: 8,
      leaseMs: 2000,
    });
    await survivor.drain();

    const rows = await rowsOfRound();
    assert.equal(rows.length, recipients.length);
    for (const r of rows) assert.equal(r.status, 'sent', `${r.recipientEmail} is recorded as sent`);
    const cards = cardsPerUser(fake);
    const lost = recipients.filter((email) => (cards.get(teamsUserId(email)) ?? 0) === 0);
    assert.deepEqual(lost, [], 'nobody lost');
    const duplicates = [...cards.values()].reduce((sum, n) => sum + (n - 1), 0);
    if (process.env.DEBUG_CRASH)
      console.log({ sentAtKill, unrecorded, duplicates, stats: survivor.stats });
    assert.ok(
      duplicates <= unrecorded,
      `${duplicates} duplicates, ${unrecorded} sends unrecorded at the kill`,
    );
    assert.ok(survivor.stats.sent >= recipients.length - sentAtKill, 'the survivor sent the rest');
  });
});
