/*
 * Whole-round benchmark: does every step of a big MUS round reach everyone, at Teams' pace, while
 * every click is answered at once?
 *
 *   npm run bench:round -- --employees 10000 [--limit 30] [--port 4101] [--node-args="..."] [--on-disk]
 *
 * The server gets this process's environment, so e.g. `ROLLOUT_CONCURRENCY=32 npm run bench:round`
 * tries another setting (README, Configuration).
 *
 * Starts Azurite (a child process; in memory, or with `--on-disk` keeping its data in files as
 * `npm start` does, which adds the emulator's saving of its whole database every few seconds), fake Teams (the fake Bot Connector, in this process,
 * refusing more than `--limit` requests per second per tenant and Teams' per-conversation windows
 * with 429) and the real server (bot/index.ts as `npm start` composes it, bundled and run with node
 * and production's node options in a process of its own; scripts/bench-round-server.ts). Then it
 * plays Teams and the people over HTTP: the roster (N employees, one leader per 20, 2 HR) is imported,
 * HR adds the app to a team everyone is in and the bot reads its members; HR writes "ny runde" and
 * clicks the round card's five launch buttons one after the other, each once the previous step has
 * reached everyone. While step 3's skemas arrive, every tenth employee who has one saves a draft and
 * sends it from the card; during step 4 their leaders start and finalise those talks in the tab; while
 * step 5's evaluation arrives, every tenth person who has it answers. HR's round card is refreshed
 * every few seconds meanwhile.
 *
 * Every invoke is timed from the client's side (the HTTP round trip). Per step it prints the launch
 * click's answer time, how long until everyone reachable had the card, the achieved request rate and
 * its ratio to the limit, duplicates, lost and waiting cards, and the server's memory; the last line
 * sums it up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DEV_ORG_ID } from '../bot/config.js';
import { newOrganisation } from '../bot/mus/organisation.js';
import type { Person } from '../bot/mus/person.js';
import { EVALUATION_STATEMENTS } from '../bot/mus/evaluation.js';
import { questionSections } from '../bot/mus/skema-template.js';
import type { StepNumber } from '../bot/mus/rollout-steps.js';
import { roundStep } from '../bot/mus/round.js';
import { startAzurite } from '../bot/storage/embedded-azurite.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';
import { FakeBotConnector, type FakeMember } from '../tests/helpers/fake-bot-connector/index.js';
import { productionNodeOptions, startBenchServer, type BenchServer } from './bench-round-server.js';
import { ConversationOwners, sendRates, windowOf } from './bench-round-tally.js';
import {
  HR_CHANNEL,
  percentile,
  TEAM_ID,
  TeamsClient,
  TENANT,
  teamsUserId,
  type InvokeAnswer,
} from './bench-round-teams.js';

const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '30' },
    port: { type: 'string', default: process.env.PORT ?? '4101' },
    'node-args': { type: 'string' },
    'on-disk': { type: 'boolean', default: false },
  },
});
const employeeCount = Number(values.employees);
const limit = Number(values.limit);
const port = Number(values.port);
if (!(employeeCount >= 20) || !(limit > 0) || !Number.isInteger(port)) {
  throw new Error('--employees must be at least 20, --limit positive, --port a port number');
}
const nodeArgs = (values['node-args'] ?? productionNodeOptions().join(' '))
  .split(' ')
  .filter(Boolean);

const EMPLOYEES_PER_LEADER = 20;
/** Every tenth employee answers their skema; every tenth talk is held; every tenth evaluates. */
const ACTIVE_SHARE = 10;
/** Clicks and tab calls in flight at once, as many people at their desks. */
const PEOPLE_AT_ONCE = 8;
const REFRESH_EVERY_MS = 5_000;
/** A step that has not reached everyone in this long is reported as it stands. */
const STEP_TIMEOUT_MS = 90 * 60_000;
const MB = 1024 * 1024;
const CORE_TASK =
  'Vi sikrer borgerne rent drikkevand og afleder spildevandet, i dag og for de næste generationer.';

function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function load(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${availableParallelism()} CPUs`;
}

function syntheticRoster(n: number): { hr: Person[]; leaders: Person[]; employees: Person[] } {
  const person = (
    email: string,
    name: string,
    department: string,
    roles: Person['roles'],
  ): Person => ({ orgId: DEV_ORG_ID, email, name, department, roles });
  const hr = [1, 2].map((i) => person(`hr${i}@bench.example`, `HR ${i}`, 'HR', ['hr']));
  const leaderCount = Math.ceil(n / EMPLOYEES_PER_LEADER);
  const leaders = Array.from({ length: leaderCount }, (_, l) =>
    person(`leder${l}@bench.example`, `Leder ${l}`, `Afdeling ${l}`, ['leader']),
  );
  const employees = Array.from({ length: n }, (_, e) => ({
    ...person(`medarbejder${e}@bench.example`, `Medarbejder ${e}`, `Afdeling ${e % leaderCount}`, [
      'employee',
    ]),
    leaderEmail: `leder${e % leaderCount}@bench.example`,
  }));
  return { hr, leaders, employees };
}

/** Runs `work` on each item, at most `width` at once. */
async function eachAtOnce<T>(
  items: T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The ETag an answered skema card carries in its buttons' data. */
function etagIn(answer: InvokeAnswer | undefined): string | undefined {
  return /"etag":"((?:[^"\\]|\\.)*)"/
    .exec(JSON.stringify(answer?.value ?? ''))?.[1]
    ?.replace(/\\"/g, '"');
}

interface StepReport {
  step: StepNumber;
  recipients: number;
  launchMs: number;
  preparedMs: number;
  everyoneMs: number;
  requestsPerSecond: number;
  cardsPerSecond: number;
  ratio: number;
  throttled: number;
  duplicates: number;
  lost: number;
  waiting: number;
  failed: number;
  notInstalled: number;
  invokes: number;
  invokeP99: number;
  rssMb: number;
}

const location = mkdtempSync(join(tmpdir(), 'mus-bench-round-'));
const azurite = await startAzurite({ location, inMemory: !values['on-disk'] });
const fake = await FakeBotConnector.start({
  rateLimits: { perTenantPerSecond: limit },
  keepBodies: false,
});
let server: BenchServer | undefined;
// A benchmark stopped from outside (Ctrl-C, a time limit) takes its server and storage with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([server?.stop(), azurite.stop()]).finally(() => process.exit(130));
  });
}
const loadAtStart = load();
try {
  progress(`${load()}; storing the roster`);
  const { repositories, deliveries } = await openTableStorage({
    connectionString: azurite.connectionString,
  });
  const { hr, leaders, employees } = syntheticRoster(employeeCount);
  const everyone = [...hr, ...leaders, ...employees];
  // HR has written the core task and imported the roster before the round (README's first-time setup).
  await repositories.organisations.ensure(newOrganisation(DEV_ORG_ID, 'Bench', CORE_TASK));
  await repositories.people.upsertRoster(DEV_ORG_ID, everyone);
  const members: FakeMember[] = everyone.map((p) => ({
    id: teamsUserId(p.email),
    name: p.name,
    email: p.email,
    userPrincipalName: p.email,
    aadObjectId: `aad-${p.email}`,
    tenantId: TENANT,
  }));
  fake.setMembers(TEAM_ID, members);
  fake.setMembers(HR_CHANNEL, members);

  const warningsSeen = new Map<string, number>();
  server = await startBenchServer({
    port,
    connectionString: azurite.connectionString,
    dataDir: location,
    ratePerSecond: limit,
    nodeArgs,
    onLogLine: (line) => {
      // Every stats line; of each warning the first three and then each hundredth, so a flood of one
      // kind does not bury the progress lines.
      const seen = (warningsSeen.get(line.msg) ?? 0) + 1;
      warningsSeen.set(line.msg, seen);
      if (line.msg !== 'dispatcher stats' && seen > 3 && seen % 100 !== 0) return;
      const { level, msg, time, pid, hostname, ...rest } = line;
      void [time, pid, hostname];
      const what = level >= 40 ? `warns (${seen}×)` : 'says';
      progress(`server ${what}: ${msg} ${JSON.stringify(rest)}`.slice(0, 600));
    },
  });
  const running = server;
  progress(`server pid ${running.pid} listening on ${running.url} (node ${nodeArgs.join(' ')})`);
  const teams = new TeamsClient(running.url, fake.url);
  const hrEmail = hr[0]!.email;
  const owners = new ConversationOwners(fake);

  // The app is added to the team everyone is in; the bot reads the members in the background.
  let t = Date.now();
  const installStatus = await teams.installInTeam(hrEmail);
  const installAnswerMs = Date.now() - t;
  const learnt = await running.waitForLog((l) => l.msg === 'team roster learnt', STEP_TIMEOUT_MS);
  const rosterMs = Date.now() - t;
  progress(`team roster read in ${(rosterMs / 1000).toFixed(1)} s: ${JSON.stringify(learnt)}`);

  t = Date.now();
  await teams.say(hrEmail, 'ny runde MUS bench');
  let roundId: string | undefined;
  while (!roundId) {
    roundId = (await repositories.rounds.list(DEV_ORG_ID))[0]?.id;
    if (!roundId) await sleep(200);
  }
  const newRoundMs = Date.now() - t;

  const stepOf = async (step: StepNumber) => {
    const round = await repositories.rounds.get(DEV_ORG_ID, roundId);
    return round ? roundStep(round.value, step) : undefined;
  };
  const employeeEmails = new Set(employees.map((p) => p.email));
  const leaderEmails = new Set(leaders.map((p) => p.email));
  /** Who gets a card in each step: step 3's leaders get the briefing that the skemas went out. */
  const expectedFor: Record<StepNumber, string[]> = {
    1: [...leaderEmails],
    2: [...employeeEmails],
    3: [...employeeEmails, ...leaderEmails],
    4: [...leaderEmails, ...employeeEmails],
    5: [...leaderEmails, ...employeeEmails],
  };
  /** The rows the step's counts count: step 3's briefings are not its progress. */
  const countedFor = (step: StepNumber): number =>
    step === 3 ? employeeEmails.size : expectedFor[step].length;
  // Employees whose talk was finalised also get the summary to acknowledge in step 4.
  const finalised = new Set<string>();
  /** How many cards `email` gets in `step`. */
  const cardsWanted = (step: StepNumber, email: string): number =>
    step === 4 && finalised.has(email) ? 2 : 1;
  const submitted: string[] = [];
  const evaluated = new Set<string>();
  const reports: StepReport[] = [];
  const problems: string[] = [];

  /** Each tenth employee with a skema card saves a draft, then sends it from the card. */
  const answerSkemas = async (from: number, done: () => boolean): Promise<void> => {
    const handled = new Set<string>();
    let index = 0;
    while (!done() || index === 0) {
      index++;
      const got = windowOf(fake, owners, from, Date.now() + 1).cardsTo;
      const ready = [...got.keys()].filter((e) => employeeEmails.has(e) && !handled.has(e));
      for (const e of ready) handled.add(e);
      const chosen = ready.filter((e) => Number(/\d+/.exec(e)?.[0]) % ACTIVE_SHARE === 0);
      await eachAtOnce(chosen, PEOPLE_AT_ONCE, async (email) => {
        const stored = await repositories.skemas.get(DEV_ORG_ID, roundId, email);
        if (!stored) {
          problems.push(`${email} had a skema card but no skema`);
          return;
        }
        const answers = Object.fromEntries(
          questionSections(stored.value.template).map((s) => [
            `answer_${s.id}`,
            `Mit svar om ${s.id}: kerneopgaven og fællesskabet.`,
          ]),
        );
        const ids = { roundId, employeeEmail: email };
        const saved = await teams.click(
          email,
          'skema.save',
          { ...ids, etag: stored.etag, ...answers },
          'personal',
        );
        const etag = etagIn(saved);
        if (!etag) {
          problems.push(`${email}'s save was not answered with a card`);
          return;
        }
        const sent = await teams.click(
          email,
          'skema.submit',
          { ...ids, etag, ...answers },
          'personal',
        );
        if (sent?.type === 'application/vnd.microsoft.card.adaptive') submitted.push(email);
        else problems.push(`${email}'s skema was not sent: ${JSON.stringify(sent).slice(0, 200)}`);
      });
      await sleep(1_000);
    }
  };

  /** Leaders open the submitted skemas in the tab, start the talk and finalise it. */
  const holdTalks = async (): Promise<void> => {
    await eachAtOnce([...submitted], PEOPLE_AT_ONCE, async (email) => {
      const leader = employees.find((p) => p.email === email)!.leaderEmail!;
      const path = `/api/rounds/${encodeURIComponent(roundId)}/skemas/${encodeURIComponent(email)}`;
      const read = await teams.api(leader, 'GET', path, 'tab: read skema');
      const etag0 = (read.body as { etag?: string } | undefined)?.etag;
      const started = await teams.api(leader, 'POST', `${path}/start`, 'tab: start talk', {
        etag: etag0,
      });
      const etag1 = (started.body as { etag?: string } | undefined)?.etag;
      const done = await teams.api(leader, 'POST', `${path}/finalise`, 'tab: finalise', {
        etag: etag1,
      });
      if (done.status === 200) finalised.add(email);
      else
        problems.push(
          `talk with ${email}: ${done.status} ${JSON.stringify(done.body).slice(0, 200)}`,
        );
    });
  };

  /** Each tenth person with the evaluation card answers it. */
  const answerEvaluations = async (from: number, done: () => boolean): Promise<void> => {
    const handled = new Set<string>();
    let index = 0;
    while (!done() || index === 0) {
      index++;
      const got = windowOf(fake, owners, from, Date.now() + 1).cardsTo;
      const ready = [...got.keys()].filter((e) => !handled.has(e));
      for (const e of ready) handled.add(e);
      const chosen = ready.filter((e) => Number(/\d+/.exec(e)?.[0]) % ACTIVE_SHARE === 0);
      await eachAtOnce(chosen, PEOPLE_AT_ONCE, async (email) => {
        const scores = Object.fromEntries(
          EVALUATION_STATEMENTS.map((s, i) => [
            `score_${s.id}`,
            String(1 + ((i + email.length) % 5)),
          ]),
        );
        const answer = await teams.click(
          email,
          'evaluation.submit',
          { roundId, ...scores },
          'personal',
        );
        if (answer?.type === 'application/vnd.microsoft.card.adaptive') evaluated.add(email);
        else problems.push(`${email}'s evaluation: ${JSON.stringify(answer).slice(0, 200)}`);
      });
      await sleep(1_000);
    }
  };

  /** Everyone the step is for has had their cards since `from`. */
  const allArrived = (step: StepNumber, from: number): boolean => {
    const got = windowOf(fake, owners, from, Date.now() + 1).cardsTo;
    return expectedFor[step].every((e) => (got.get(e) ?? 0) >= cardsWanted(step, e));
  };

  for (const step of [1, 2, 3, 4, 5] as StepNumber[]) {
    const from = Date.now();
    const launchAnswer = await teams.click(
      hrEmail,
      'round.launchStep',
      { roundId, step },
      'channel',
    );
    const launchMs = teams.timings.at(-1)!.ms;
    if (launchAnswer?.type !== 'application/vnd.microsoft.card.adaptive') {
      problems.push(
        `step ${step}'s launch was answered with ${JSON.stringify(launchAnswer).slice(0, 300)}`,
      );
    }
    progress(`step ${step} launched, answered in ${launchMs.toFixed(0)} ms`);
    let delivered = false;
    const alongside =
      step === 3
        ? answerSkemas(from, () => delivered)
        : step === 5
          ? answerEvaluations(from, () => delivered)
          : Promise.resolve();
    // Step 4: the leaders hold the talks of the skemas sent to them once the step is prepared.
    let talks: Promise<void> | undefined;
    let talksHeld = step !== 4;
    let talksHeldAt = 0;
    let preparedMs = 0;
    let stepCardsOutAt = 0;
    let lastRefresh = 0;
    let lastProgress = Date.now();
    const deadline = from + STEP_TIMEOUT_MS;
    for (;;) {
      const state = await stepOf(step);
      if (!preparedMs && state?.preparedAt && !state.preparing) preparedMs = Date.now() - from;
      if (step === 4 && preparedMs && !talks) {
        talks = holdTalks().then(() => {
          talksHeld = true;
          talksHeldAt = Date.now();
          return undefined;
        });
      }
      const counts = await deliveries.counts(DEV_ORG_ID, roundId, step);
      // Done when every counted row has an outcome, the talks of step 4 are held, and everyone has
      // had the cards the counts leave out (step 3's briefings, step 4's summaries) or a minute has
      // passed without them (then they are lost).
      const settled = counts.sent + counts.failed + counts.waiting + counts.notInstalled;
      if (!stepCardsOutAt && preparedMs && counts.pending === 0 && settled >= countedFor(step)) {
        // The step's own cards are out: its rate is measured up to here, not over the summaries
        // that trickle out at the pace of the leaders' talks afterwards.
        stepCardsOutAt = Date.now();
      }
      if (
        stepCardsOutAt &&
        talksHeld &&
        counts.pending === 0 &&
        (allArrived(step, from) || Date.now() - Math.max(stepCardsOutAt, talksHeldAt) > 60_000)
      )
        break;
      if (Date.now() - lastRefresh >= REFRESH_EVERY_MS) {
        lastRefresh = Date.now();
        await teams.click(hrEmail, 'round.refresh', { roundId }, 'channel');
      }
      if (Date.now() - lastProgress >= 30_000) {
        lastProgress = Date.now();
        progress(
          `step ${step}: ${JSON.stringify(counts)}, server rss ${(running.rss() / MB).toFixed(0)} MB`,
        );
      }
      if (Date.now() > deadline) {
        problems.push(
          `step ${step} had not reached everyone after ${STEP_TIMEOUT_MS / 60_000} min`,
        );
        break;
      }
      await sleep(500);
    }
    delivered = true;
    await alongside;
    // Let answers to the last requests land, so they count in this step's window.
    await sleep(2_000);
    const to = Date.now();
    const counts = await deliveries.counts(DEV_ORG_ID, roundId, step);
    const window = windowOf(fake, owners, from, to);
    const expected = expectedFor[step];
    let duplicates = 0;
    let lost = 0;
    for (const email of expected) {
      const got = window.cardsTo.get(email) ?? 0;
      const allowed = cardsWanted(step, email);
      if (got === 0) lost++;
      else if (got > allowed) duplicates += got - allowed;
    }
    const own = windowOf(fake, owners, from, stepCardsOutAt ? stepCardsOutAt + 1 : to);
    const lastCard = Math.max(from, ...expected.map((e) => own.lastCardAt.get(e) ?? 0));
    const rates = sendRates(own);
    const invokes = teams.timings.filter((x) => x.kind === 'invoke' && x.at >= from && x.at < to);
    reports.push({
      step,
      recipients: expected.length,
      launchMs,
      preparedMs,
      everyoneMs: lastCard - from,
      requestsPerSecond: rates.requestsPerSecond,
      cardsPerSecond: rates.cardsPerSecond,
      ratio: rates.requestsPerSecond / limit,
      throttled: rates.throttled,
      duplicates,
      lost,
      waiting: counts.waiting,
      failed: counts.failed,
      notInstalled: counts.notInstalled,
      invokes: invokes.length,
      invokeP99: percentile(
        invokes.map((x) => x.ms),
        99,
      ),
      rssMb: running.peakRss() / MB,
    });
    progress(`step ${step} done: ${JSON.stringify(reports.at(-1))}`);
  }

  const peakRss = running.peakRss();
  const cpu = running.cpuSeconds();
  const invokes = teams.timings.filter((x) => x.kind === 'invoke');
  const launches = invokes.filter((x) => x.what === 'round.launchStep');
  const api = teams.timings.filter((x) => x.kind === 'api');
  const failedInvokes = invokes.filter((x) => !x.ok).length;
  const byVerb = new Map<string, number[]>();
  for (const x of teams.timings) byVerb.set(x.what, [...(byVerb.get(x.what) ?? []), x.ms]);
  const big = reports.filter((r) => r.recipients >= 1000);
  const minRatio = Math.min(...(big.length ? big : reports).map((r) => r.ratio));
  const sum = (f: (r: StepReport) => number): number => reports.reduce((a, r) => a + f(r), 0);
  const ms = (x: number): string => x.toFixed(0);
  const s = (x: number): string => `${(x / 1000).toFixed(1)} s`;

  const lines = [
    `organisation          ${employees.length} employees, ${leaders.length} leaders, ${hr.length} HR, all in one team with the app`,
    `limit                 ${limit} requests/s per tenant (+ Teams' per-conversation windows)`,
    `server process        node ${nodeArgs.join(' ')} (bot/index.ts bundled like dist/index.js), pid ${running.pid}`,
    `machine               at the start ${loadAtStart}; at the end ${load()}`,
    `storage               Azurite ${values['on-disk'] ? 'keeping its data on disk (as npm start)' : 'in memory'}`,
    `team install          answered ${installStatus} in ${ms(installAnswerMs)} ms; members read and matched after ${s(rosterMs)} (${String(learnt.matched)} matched, ${String(learnt.unknown)} unknown)`,
    `new round             "ny runde" to round in storage ${ms(newRoundMs)} ms`,
    '',
    'step  recipients  launch  prepared  everyone   req/s  ratio  cards/s   429  dupl  lost  wait  fail  n/inst  invokes  p99 ms  peak rss',
    ...reports.map((r) =>
      [
        String(r.step).padEnd(4),
        String(r.recipients).padStart(10),
        `${ms(r.launchMs)} ms`.padStart(7),
        s(r.preparedMs).padStart(9),
        s(r.everyoneMs).padStart(9),
        r.requestsPerSecond.toFixed(2).padStart(7),
        r.ratio.toFixed(3).padStart(6),
        r.cardsPerSecond.toFixed(2).padStart(8),
        String(r.throttled).padStart(5),
        String(r.duplicates).padStart(5),
        String(r.lost).padStart(5),
        String(r.waiting).padStart(5),
        String(r.failed).padStart(5),
        String(r.notInstalled).padStart(7),
        String(r.invokes).padStart(8),
        ms(r.invokeP99).padStart(7),
        `${r.rssMb.toFixed(0)} MB`.padStart(9),
      ].join(' '),
    ),
    '',
    `people's actions      ${submitted.length} skemas saved and sent from the card, ${finalised.size} talks started and finalised in the tab, ${evaluated.size} evaluations answered`,
    ...[...byVerb.entries()].map(
      ([what, times]) =>
        `  ${what.padEnd(20)}${String(times.length).padStart(6)} × p50 ${ms(percentile(times, 50))} ms, p99 ${ms(percentile(times, 99))} ms, max ${ms(Math.max(...times))} ms`,
    ),
    `invokes               ${invokes.length}, ${failedInvokes} not answered 200; tab API calls ${api.length}, p99 ${ms(
      percentile(
        api.map((x) => x.ms),
        99,
      ),
    )} ms`,
    `server                peak rss ${(peakRss / MB).toFixed(0)} MB (kernel high-water mark, VmHWM), ${cpu.toFixed(0)} s CPU; ${running.warnings.length} warnings logged`,
    ...running.warnings.slice(0, 5).map((w) => `  warning: ${JSON.stringify(w).slice(0, 300)}`),
    ...problems.slice(0, 10).map((p) => `problem               ${p}`),
    ...(problems.length > 10 ? [`problem               … and ${problems.length - 10} more`] : []),
  ];
  const launchP99 = percentile(
    launches.map((x) => x.ms),
    99,
  );
  const invokeP99 = percentile(
    invokes.map((x) => x.ms),
    99,
  );
  const duplicates = sum((r) => r.duplicates);
  const lost = sum((r) => r.lost);
  const waiting = sum((r) => r.waiting);
  const missed = [
    launchP99 < 1000 ? '' : 'launch p99 < 1000 ms',
    invokeP99 < 2000 ? '' : 'invoke p99 < 2000 ms',
    minRatio >= 0.9 ? '' : 'ratio >= 0.9 on steps of 1,000+',
    duplicates === 0 ? '' : 'no duplicates',
    lost === 0 ? '' : 'none lost',
    waiting === 0 ? '' : 'none waiting',
    peakRss < 300 * MB ? '' : 'peak rss < 300 MB',
    problems.length === 0 ? '' : 'no problems',
  ].filter(Boolean);
  const ok = missed.length === 0;
  lines.push(
    ok
      ? 'targets               met (launch p99 < 1000 ms, invoke p99 < 2000 ms, ratio >= 0.9 on steps of 1,000+, none duplicated, lost or waiting, peak rss < 300 MB)'
      : `targets               NOT met: ${missed.join(', ')}`,
    `round: launch p99 ${ms(launchP99)} ms, invoke p99 ${ms(invokeP99)} ms, min ratio ${minRatio.toFixed(3)}, duplicates ${duplicates}, lost ${lost}, waiting ${waiting}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await server?.stop();
  await fake.close();
  await azurite.stop();
  rmSync(location, { recursive: true, force: true });
}
