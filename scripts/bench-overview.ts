/*
 * HR overview benchmark: what one page view of GET /api/rounds/:id/overview costs at scale, for a
 * round as it looks late in its life, against counting the same figures by reading every row.
 *
 *   npm run bench:overview -- --employees 10000 [--per-leader 12] [--loads 30]
 *                             [--answers N] [--deliveries yes|no] [--moved 1000] [--store-roster]
 *
 * Starts its own in-memory Azurite and builds a synthetic roster (one leader per `--per-leader`
 * employees, 25 departments; stored in the people table only with --store-roster, since the overview
 * never reads it). Then it stores the round the way the app does:
 *  - every employee's skema through the skema table (so the status projection is kept the way the
 *    app keeps it), in varied statuses with texts, some moved on afterwards with update();
 *  - the outbox of all five steps (unless --deliveries no): one row per leader and employee and step,
 *    plus step 3's reminders and step 4's talk summaries, which ride in the same partitions
 *    uncounted. Rows are planned through DeliveryTable.plan in a realistic mix of outcomes (steps
 *    1–4 mostly sent, some failed, not installed or still pending; step 5 still going out), then
 *    `--moved` pending rows are claimed and their outcomes saved the dispatcher's way;
 *  - `--answers` evaluation answers (default: one per employee) through the evaluation table's
 *    submit, with the clock after the step-5 deadline, so the results are shown.
 * It prints what it stored, checks the overview's counts against a full recount, and times
 * `--loads` page views (the first one apart: it computes the closed evaluation's results) and as
 * many full scans (every skema, every delivery row of the five steps, every answer summarised).
 * Prints p50/p95 of both, the ratio, what a page view spends on each part, and the load average.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closedEvaluationResults } from '../bot/evaluation/closed-evaluation-results.js';
import { defaultMusTemplate } from '../bot/mus/default-template.js';
import { EVALUATION_STATEMENTS } from '../bot/mus/evaluation.js';
import { summariseEvaluation } from '../bot/mus/evaluation-results.js';
import { newOrganisation } from '../bot/mus/organisation.js';
import type { Person } from '../bot/mus/person.js';
import { STEP_NUMBERS, type StepNumber } from '../bot/mus/rollout-steps.js';
import { newRound } from '../bot/mus/round.js';
import {
  acknowledge,
  finalise,
  newSkema,
  saveAnswers,
  SKEMA_STATUSES,
  startTalk,
  type Skema,
  type SkemaStatus,
} from '../bot/mus/skema.js';
import { questionSections } from '../bot/mus/skema-template.js';
import {
  newDelivery,
  type Delivery,
  type DeliveryAudience,
  type DeliveryStatus,
  type DeliveryStore,
  type StepCounts,
} from '../bot/rollout/delivery.js';
import { roundOverview } from '../bot/overview/round-overview.js';
import { startAzurite } from '../bot/storage/embedded-azurite.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';
import { mapWithLimit } from '../bot/storage/table-operations.js';

const ORG = 'bench-tenant';
const ROUND = 'mus-bench';
const DEPARTMENTS = 25;
const PARALLEL = 50;

const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '10000' },
    'per-leader': { type: 'string', default: '12' },
    loads: { type: 'string', default: '30' },
    deliveries: { type: 'string', default: 'yes' },
    answers: { type: 'string' },
    moved: { type: 'string', default: '1000' },
    'store-roster': { type: 'boolean', default: false },
  },
});
const employees = Number(values.employees);
const perLeader = Number(values['per-leader']);
const loads = Number(values.loads);
const answerCount = Number(values.answers ?? values.employees);
const withDeliveries = values.deliveries !== 'no';
const moved = Number(values.moved);
if (!(employees > 0) || !(perLeader > 0) || !(loads > 0) || !(answerCount >= 0) || !(moved >= 0)) {
  throw new Error(
    '--employees, --per-leader and --loads must be positive, --answers and --moved not negative',
  );
}

function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeLoads(n: number, load: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await load();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

function roster(): { hr: Person; people: Person[] } {
  const hr: Person = {
    orgId: ORG,
    email: 'hr@bench.example',
    name: 'HR',
    department: 'HR',
    roles: ['hr'],
  };
  const leaderCount = Math.max(1, Math.ceil(employees / perLeader));
  const people: Person[] = [];
  for (let l = 0; l < leaderCount; l++) {
    people.push({
      orgId: ORG,
      email: `leder${l}@bench.example`,
      name: `Leder ${l}`,
      department: `Afdeling ${l % DEPARTMENTS}`,
      roles: ['leader'],
    });
  }
  for (let e = 0; e < employees; e++) {
    const l = e % leaderCount;
    people.push({
      orgId: ORG,
      email: `medarbejder${e}@bench.example`,
      name: `Medarbejder ${e}`,
      // Most work in their leader's department; every seventh in another, as in real organisations.
      department: `Afdeling ${(e % 7 === 0 ? l + 1 : l) % DEPARTMENTS}`,
      leaderEmail: `leder${l}@bench.example`,
      roles: ['employee'],
    });
  }
  return { hr, people };
}

/** The n-th card's outcome: steps 1–4 are done, with a few failures; step 5 is still going out. */
function outcomeOf(step: StepNumber, n: number): DeliveryStatus {
  const r = (n * 37 + step * 11) % 100;
  if (step === 5) return r < 55 ? 'sent' : r < 57 ? 'failed' : r < 59 ? 'not-installed' : 'pending';
  return r < 93 ? 'sent' : r < 96 ? 'failed' : r < 98 ? 'not-installed' : 'pending';
}

/** A row as the dispatcher leaves it after that outcome. */
function withOutcome(d: Delivery, status: DeliveryStatus, at: string): Delivery {
  if (status === 'sent') {
    return { ...d, status, attempts: 1, activityId: `1:${d.recipientEmail}`, updatedAt: at };
  }
  if (status === 'failed' || status === 'not-installed') {
    const reason =
      status === 'failed'
        ? { da: 'Teams svarede med en fejl', en: 'Teams answered with an error' }
        : { da: 'appen er ikke installeret', en: 'the app is not installed' };
    return {
      ...d,
      status,
      attempts: status === 'failed' ? 8 : 1,
      lastError: { status: status === 'failed' ? 502 : 403, reason, code: 'x' },
      updatedAt: at,
    };
  }
  return d;
}

function emptyCounts(): StepCounts {
  return { sent: 0, pending: 0, failed: 0, waiting: 0, notInstalled: 0 };
}

/** A step's counts the slow way: every row of its partition. */
async function recount(deliveries: DeliveryStore, step: StepNumber): Promise<StepCounts> {
  const counts = emptyCounts();
  for (const d of await deliveries.list(ORG, ROUND, step)) {
    if (d.audience !== 'leader' && d.audience !== 'employee') continue;
    if (d.status === 'sent') counts.sent++;
    else if (d.status === 'failed') counts.failed++;
    else if (d.status === 'waiting') counts.waiting++;
    else if (d.status === 'not-installed') counts.notInstalled++;
    else counts.pending++;
  }
  return counts;
}

const location = mkdtempSync(join(tmpdir(), 'mus-bench-overview-'));
const azurite = await startAzurite({ location, inMemory: true });
try {
  const { repositories, deliveries } = await openTableStorage({
    connectionString: azurite.connectionString,
    tablePrefix: 'bench',
  });
  const start = new Date('2026-03-02T09:00:00Z');
  let t = Date.now();
  await repositories.organisations.ensure(newOrganisation(ORG, 'Bench'));
  const { hr, people } = roster();
  // The overview never reads the roster; storing 10,000 people takes minutes on Azurite, so only
  // on request.
  if (values['store-roster']) await repositories.people.upsertRoster(ORG, [hr, ...people]);
  const round = newRound({
    orgId: ORG,
    id: ROUND,
    name: 'MUS bench',
    createdBy: hr.email,
    now: start,
    template: defaultMusTemplate(),
  });
  // Steps 1–5 launched; the deadlines are those of a round started on `start`.
  round.steps = round.steps.map((s) => ({
    ...s,
    launchedAt: start.toISOString(),
    launchedBy: hr.email,
  }));
  await repositories.rounds.create(round);
  progress(
    `roster of ${people.length} ${values['store-roster'] ? 'stored' : 'built'} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );

  t = Date.now();
  const staff = people.filter((p) => p.leaderEmail);
  const leaders = people.filter((p) => p.roles.includes('leader'));
  const sections = questionSections(round.template).map((s) => s.id);
  const text = 'Et svar af en vis længde, som et rigtigt skema har. '.repeat(8);
  const statusOf = new Map<string, SkemaStatus>();
  // Each skema is created in its final status (a fifth in each), with texts from `prepared` on,
  // through createMany (a team per transaction, counts included); every tenth still sent or
  // prepared is then moved on through update(), so both ways into the projection are used.
  const moveOn: Skema[] = [];
  const created = await repositories.skemas.createMany(
    staff.map((p) => {
      const n = Number(/\d+/.exec(p.email)![0]);
      const target = SKEMA_STATUSES[n % SKEMA_STATUSES.length]!;
      statusOf.set(p.email, target);
      const by = p.leaderEmail!;
      let skema: Skema = newSkema({
        orgId: ORG,
        roundId: ROUND,
        employeeEmail: p.email,
        leaderEmail: by,
        department: p.department,
        template: round.template,
        now: start,
        by,
      });
      if (target !== 'sent') {
        const answers = Object.fromEntries(sections.map((id) => [id, text]));
        skema = saveAnswers(skema, answers, { submit: true, by: p.email, now: start });
      }
      if (target === 'held' || target === 'finalised' || target === 'acknowledged') {
        skema = startTalk(skema, { by, now: start });
      }
      if (target === 'finalised' || target === 'acknowledged') {
        skema = finalise(skema, { by, now: start });
      }
      if (target === 'acknowledged') skema = acknowledge(skema, { by: p.email, now: start });
      if (n % 10 === 0 && (target === 'sent' || target === 'prepared')) moveOn.push(skema);
      return skema;
    }),
  );
  // Some talks start afterwards, through update(): the other way into the projection.
  await mapWithLimit(moveOn, PARALLEL, async (skema) => {
    const stored = (await repositories.skemas.get(ORG, ROUND, skema.employeeEmail))!;
    await repositories.skemas.update(
      startTalk(stored.value, { by: skema.leaderEmail, now: start }),
      stored.etag,
    );
  });
  const updates = moveOn.length;
  if (created !== staff.length) throw new Error(`created ${created} of ${staff.length} skemas`);
  const seedSeconds = (Date.now() - t) / 1000;
  progress(`${staff.length} skemas created (${updates} moved on) in ${seedSeconds.toFixed(1)} s`);

  const stored: string[] = [];
  if (withDeliveries) {
    t = Date.now();
    const at = new Date(start.getTime() + 3_600_000).toISOString();
    const rowsPerStep = new Map<StepNumber, { counted: number; riders: number }>();
    const card = (step: StepNumber, p: Person, audience: DeliveryAudience, n: number) => {
      const d = newDelivery(
        { orgId: ORG, roundId: ROUND, step, audience, recipientEmail: p.email },
        start,
      );
      const entry = rowsPerStep.get(step) ?? { counted: 0, riders: 0 };
      if (audience === 'leader' || audience === 'employee') entry.counted++;
      else entry.riders++;
      rowsPerStep.set(step, entry);
      // Riders (reminders, summaries) went out long ago; the step's own cards have their mix.
      return withOutcome(
        d,
        audience === 'leader' || audience === 'employee' ? outcomeOf(step, n) : 'sent',
        at,
      );
    };
    const rows: Delivery[] = [
      ...leaders.map((p, n) => card(1, p, 'leader', n)),
      ...staff.map((p, n) => card(2, p, 'employee', n)),
      ...staff.map((p, n) => card(3, p, 'employee', n)),
      // Step 3's reminders to those who had not prepared by then.
      ...staff
        .filter((p) => statusOf.get(p.email) === 'sent')
        .map((p, n) => card(3, p, 'reminder', n)),
      ...leaders.map((p, n) => card(4, p, 'leader', n)),
      ...staff.map((p, n) => card(4, p, 'employee', n + leaders.length)),
      // Step 4's talk summaries, sent when a leader finalised.
      ...staff
        .filter((p) => ['finalised', 'acknowledged'].includes(statusOf.get(p.email)!))
        .map((p, n) => card(4, p, 'summary', n)),
      ...leaders.map((p, n) => card(5, p, 'leader', n)),
      ...staff.map((p, n) => card(5, p, 'employee', n + leaders.length)),
    ];
    await deliveries.plan(rows);
    progress(`${rows.length} deliveries planned in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    // The dispatcher's way: claim pending rows (leases) and save their outcomes.
    t = Date.now();
    const claimed = await deliveries.claimDue('bench', new Date(at), 600_000, moved);
    await mapWithLimit(
      claimed.map((c, i) => ({ c, i })),
      16,
      async ({ c, i }) => {
        const next = withOutcome(
          { ...c.value, leaseOwner: undefined, leaseUntil: undefined },
          i % 10 === 0 ? 'failed' : 'sent',
          at,
        );
        await deliveries.save(next, c.etag);
      },
    );
    progress(
      `${claimed.length} outcomes saved by claim and save in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    for (const step of STEP_NUMBERS) {
      const n = rowsPerStep.get(step)!;
      const c = await recount(deliveries, step);
      stored.push(
        `  step ${step}: ${n.counted} cards (sent ${c.sent}, failed ${c.failed}, not installed ${c.notInstalled}, pending ${c.pending})` +
          (n.riders
            ? ` + ${n.riders} ${step === 3 ? 'reminders' : 'talk summaries'} (not counted)`
            : ''),
      );
    }
    stored.push(
      `  ${claimed.length} of them claimed and saved the dispatcher's way after planning`,
    );
  }

  if (answerCount) {
    t = Date.now();
    await mapWithLimit(
      Array.from({ length: answerCount }, (_, i) => i),
      PARALLEL,
      (i) => {
        const p = staff[i % staff.length]!;
        return repositories.evaluations.submit(
          { orgId: ORG, roundId: ROUND, personEmail: `svar${i}@bench.example` },
          {
            orgId: ORG,
            roundId: ROUND,
            id: String(i),
            respondentRole: i % perLeader === 0 ? 'leader' : 'employee',
            department: p.department,
            scores: Object.fromEntries(
              EVALUATION_STATEMENTS.map((s, k) => [s.id, ((i + k) % 5) + 1]),
            ),
            ...(i % 4 === 0 ? { comment: `Kommentar ${i}: mere tid til forberedelse.` } : {}),
          },
        );
      },
    );
    progress(
      `${answerCount} evaluation answers stored in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  }

  // After the step-5 deadline, so evaluation results (if any) are computed too.
  const now = new Date(`${round.steps[4]!.deadline}T12:00:00Z`);
  now.setUTCDate(now.getUTCDate() + 1);
  const services = { repositories, deliveries, now: () => now };

  progress(`timing ${loads} overview loads`);
  const t0 = performance.now();
  let lastOverview = await roundOverview(services, hr, ROUND);
  const firstLoad = performance.now() - t0;
  const overview = await timeLoads(loads, async () => {
    lastOverview = await roundOverview(services, hr, ROUND);
  });

  // What a page view spends on each of its parts (they run concurrently in the page view).
  progress('timing the parts');
  const parts = {
    'status projection': await timeLoads(loads, () => repositories.skemas.statusTally(ORG, ROUND)),
    'step counts (5 steps)': await timeLoads(loads, () =>
      Promise.all(STEP_NUMBERS.map((step) => deliveries.counts(ORG, ROUND, step))),
    ),
    'evaluation (count + kept results)': await timeLoads(loads, async () => {
      const n = await repositories.evaluations.countAnswers(ORG, ROUND);
      return closedEvaluationResults(repositories.evaluations, ORG, ROUND, n);
    }),
  };

  // A full scan takes seconds at 10,000 employees: fewer of them do for the ratio.
  const scanLoads = Math.min(loads, 10);
  progress(`timing ${scanLoads} full scans`);
  const scan = await timeLoads(scanLoads, async () => {
    const skemas = await repositories.skemas.listByRound(ORG, ROUND);
    const byDepartment = new Map<string, number[]>();
    const byLeader = new Map<string, number[]>();
    for (const s of skemas) {
      for (const [map, key] of [
        [byDepartment, s.department ?? ''],
        [byLeader, s.leaderEmail],
      ] as const) {
        const counts = map.get(key) ?? SKEMA_STATUSES.map(() => 0);
        counts[SKEMA_STATUSES.indexOf(s.status)]! += 1;
        map.set(key, counts);
      }
    }
    await Promise.all(STEP_NUMBERS.map((step) => recount(deliveries, step)));
    if (answerCount) summariseEvaluation(await repositories.evaluations.listAnswers(ORG, ROUND));
    return byLeader.size + byDepartment.size;
  });

  // The projection and the counters must say what a full read says.
  const skemas = await repositories.skemas.listByRound(ORG, ROUND);
  const truth = Object.fromEntries(
    SKEMA_STATUSES.map((s) => [s, skemas.filter((k) => k.status === s).length]),
  );
  const agrees = SKEMA_STATUSES.every((s) => truth[s] === lastOverview.skemas.byStatus[s]);
  let countsAgree = true;
  for (const step of STEP_NUMBERS) {
    const expected = await recount(deliveries, step);
    const shown = lastOverview.steps[step - 1]!.deliveries;
    if (JSON.stringify(expected) !== JSON.stringify(shown)) countsAgree = false;
  }
  const answersAgree =
    lastOverview.evaluation.answers ===
    (await repositories.evaluations.listAnswers(ORG, ROUND)).length;

  const ms = (v: number): string => `${v.toFixed(1)} ms`;
  const p = (list: number[]): string =>
    `p50 ${ms(percentile(list, 50))}, p95 ${ms(percentile(list, 95))}`;
  const lines = [
    `stored: ${staff.length} employees' skemas, ${leaders.length} leaders, ${lastOverview.departments.length} departments` +
      `, ${answerCount} evaluation answers${withDeliveries ? ', the outbox of steps 1–5:' : ', no outbox rows'}`,
    ...stored,
    `skemas by status: ${SKEMA_STATUSES.map((s) => `${s} ${lastOverview.skemas.byStatus[s]}`).join(', ')}` +
      ` (projection ${agrees ? 'matches' : 'DOES NOT MATCH'} a full read)`,
    `step counts ${countsAgree ? 'match' : 'DO NOT MATCH'} a full recount; answers ${answersAgree ? 'match' : 'DO NOT MATCH'}` +
      `; evaluation results shown: ${lastOverview.evaluation.groups.length} groups`,
    `seeding skemas (create + status changes through the skema table): ${seedSeconds.toFixed(1)} s`,
    `first overview load (computes the closed evaluation's results): ${ms(firstLoad)}`,
    `overview (page view): ${p(overview)} over ${loads} loads`,
    ...Object.entries(parts).map(([name, list]) => `  of which ${name}: ${p(list)}`),
    `full scan (every skema, delivery row and answer): ${p(scan)} over ${scanLoads} loads`,
    `ratio (scan / overview): p50 ${(percentile(scan, 50) / percentile(overview, 50)).toFixed(1)}×, p95 ${(percentile(scan, 95) / percentile(overview, 95)).toFixed(1)}×`,
    `target p95 < 300 ms: ${percentile(overview, 95) < 300 ? 'met' : 'NOT met'}`,
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!agrees || !countsAgree || !answersAgree) process.exitCode = 1;
} finally {
  await azurite.stop();
  rmSync(location, { recursive: true, force: true });
}
