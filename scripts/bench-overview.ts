/*
 * HR overview benchmark: what one page view of GET /api/rounds/:id/overview costs at scale, read from
 * the status projection, against counting the same figures by reading every skema.
 *
 *   npm run bench:overview -- --employees 10000 [--per-leader 12] [--loads 30]
 *                             [--deliveries] [--answers 0] [--store-roster]
 *
 * Starts its own in-memory Azurite, builds a synthetic roster (one leader per `--per-leader`
 * employees, 25 departments; stored in the people table only with --store-roster, since the overview
 * never reads it), creates every employee's skema through the skema table (so the projection is kept
 * the way the app keeps it) in varied statuses with texts, moves some on with update(), then times `--loads` loads of the overview use case and of a full scan
 * (listByRound + counting per department and leader). Prints p50/p95 of both and the ratio.
 * With --deliveries it also plans the outbox rows of steps 1–4 (the overview counts them per step);
 * with --answers N it stores N evaluation answers and puts the clock after the step-5 deadline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultMusTemplate } from '../bot/mus/default-template.js';
import { EVALUATION_STATEMENTS } from '../bot/mus/evaluation.js';
import { newOrganisation } from '../bot/mus/organisation.js';
import type { Person } from '../bot/mus/person.js';
import { STEP_NUMBERS } from '../bot/mus/rollout-steps.js';
import { newRound } from '../bot/mus/round.js';
import {
  acknowledge,
  finalise,
  newSkema,
  saveAnswers,
  SKEMA_STATUSES,
  startTalk,
  type Skema,
} from '../bot/mus/skema.js';
import { questionSections } from '../bot/mus/skema-template.js';
import { newDelivery, type Delivery } from '../bot/rollout/delivery.js';
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
    deliveries: { type: 'boolean', default: false },
    answers: { type: 'string', default: '0' },
    'store-roster': { type: 'boolean', default: false },
  },
});
const employees = Number(values.employees);
const perLeader = Number(values['per-leader']);
const loads = Number(values.loads);
const answerCount = Number(values.answers);
if (!(employees > 0) || !(perLeader > 0) || !(loads > 0) || !(answerCount >= 0)) {
  throw new Error('--employees, --per-leader and --loads must be positive, --answers not negative');
}

function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeLoads(n: number, load: () => Promise<unknown>): Promise<number[]> {
  await load(); // warm-up: connections, JIT
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
  const sections = questionSections(round.template).map((s) => s.id);
  const text = 'Et svar af en vis længde, som et rigtigt skema har. '.repeat(8);
  // Each skema is created in its final status (a fifth in each), with texts from `prepared` on,
  // through createMany (a team per transaction, counts included); every tenth still sent or
  // prepared is then moved on through update(), so both ways into the projection are used.
  const moveOn: Skema[] = [];
  const created = await repositories.skemas.createMany(
    staff.map((p) => {
      const n = Number(/\d+/.exec(p.email)![0]);
      const target = SKEMA_STATUSES[n % SKEMA_STATUSES.length]!;
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

  if (values.deliveries) {
    t = Date.now();
    const leaders = people.filter((p) => p.roles.includes('leader'));
    const rows: Delivery[] = [
      ...leaders.map((p) => ({ step: 1 as const, email: p.email, audience: 'leader' as const })),
      ...staff.map((p) => ({ step: 2 as const, email: p.email, audience: 'employee' as const })),
      ...staff.map((p) => ({ step: 3 as const, email: p.email, audience: 'employee' as const })),
      ...leaders.map((p) => ({ step: 4 as const, email: p.email, audience: 'leader' as const })),
      ...staff.map((p) => ({ step: 4 as const, email: p.email, audience: 'employee' as const })),
    ].map((r) =>
      newDelivery(
        { orgId: ORG, roundId: ROUND, step: r.step, audience: r.audience, recipientEmail: r.email },
        start,
      ),
    );
    await deliveries.plan(rows);
    progress(`${rows.length} deliveries planned in ${((Date.now() - t) / 1000).toFixed(1)} s`);
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
  let lastOverview = await roundOverview(services, hr, ROUND);
  const overview = await timeLoads(loads, async () => {
    lastOverview = await roundOverview(services, hr, ROUND);
  });

  progress(`timing ${loads} full scans`);
  const scan = await timeLoads(loads, async () => {
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
    await Promise.all(STEP_NUMBERS.map((step) => deliveries.counts(ORG, ROUND, step)));
    if (answerCount) await repositories.evaluations.listAnswers(ORG, ROUND);
    return byLeader.size + byDepartment.size;
  });

  // The projection must say what the scan says.
  const skemas = await repositories.skemas.listByRound(ORG, ROUND);
  const truth = Object.fromEntries(
    SKEMA_STATUSES.map((s) => [s, skemas.filter((k) => k.status === s).length]),
  );
  const agrees = SKEMA_STATUSES.every((s) => truth[s] === lastOverview.skemas.byStatus[s]);

  const ms = (v: number): string => `${v.toFixed(1)} ms`;
  const lines = [
    `employees ${staff.length}, leaders ${lastOverview.leaders.length}, departments ${lastOverview.departments.length}` +
      `, deliveries ${values.deliveries ? 'yes' : 'no'}, evaluation answers ${answerCount}`,
    `skemas by status: ${SKEMA_STATUSES.map((s) => `${s} ${lastOverview.skemas.byStatus[s]}`).join(', ')}` +
      ` (projection ${agrees ? 'matches' : 'DOES NOT MATCH'} a full read)`,
    `seeding (create + status changes through the skema table): ${seedSeconds.toFixed(1)} s`,
    `overview (projection): p50 ${ms(percentile(overview, 50))}, p95 ${ms(percentile(overview, 95))} over ${loads} loads`,
    `full scan (every skema): p50 ${ms(percentile(scan, 50))}, p95 ${ms(percentile(scan, 95))} over ${loads} loads`,
    `ratio (scan / overview): p50 ${(percentile(scan, 50) / percentile(overview, 50)).toFixed(1)}×, p95 ${(percentile(scan, 95) / percentile(overview, 95)).toFixed(1)}×`,
    `target p95 < 300 ms: ${percentile(overview, 95) < 300 ? 'met' : 'NOT met'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!agrees) process.exitCode = 1;
} finally {
  await azurite.stop();
  rmSync(location, { recursive: true, force: true });
}
