/*
 * Rollout benchmark: how close does one dispatcher come to Teams' rate limit, and does it stay exact?
 *
 *   npm run bench:rollout -- --recipients 10000 [--limit 30] [--concurrency 16] [--node-args="..."]
 *
 * Starts its own in-memory Azurite (a child process) and the fake Bot Connector (in this process,
 * enforcing `--limit` requests per second per tenant and Teams' per-conversation windows with 429 +
 * Retry-After), stores N synthetic people (one leader per 20 employees) with their 1:1 chats, launches
 * step 1 (leaders) and step 2 (employees), and runs one Dispatcher at ratePerSecond = limit until the
 * outbox is drained. The dispatcher runs in a process of its own (scripts/bench-rollout-dispatcher.ts,
 * bundled and run with node and the options of package.json's `start:prod`, like the production server;
 * `--node-args` overrides them), so its memory is its own. Prints the
 * achieved send rate, 429s, duplicates, lost cards and the dispatcher process's peak memory.
 * With BENCH_DEBUG=1 it also prints, for each 429, the gaps between the requests of the second before.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parseArgs } from 'node:util';
import { newOrganisation } from '../bot/mus/organisation.js';
import type { Person } from '../bot/mus/person.js';
import { createRound } from '../bot/rollout/create-round.js';
import { launchRolloutStep } from '../bot/rollout/launch-step.js';
import { startAzurite } from '../bot/storage/embedded-azurite.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';
import { mapWithLimit } from '../bot/storage/table-operations.js';
import type { DispatcherReport } from './bench-rollout-dispatcher.js';
import { FakeBotConnector } from '../tests/helpers/fake-bot-connector/index.js';

const ORG = 'bench-tenant';
const EMPLOYEES_PER_LEADER = 20;

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '16' },
    'node-args': { type: 'string' },
  },
});

/** The node options production runs the server with (package.json `start:prod`). */
function productionNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts['start:prod'] ?? '').split(' ').filter((word) => word.startsWith('--'));
}

/** Node options for the dispatcher process: production's, unless `--node-args="..."` says otherwise. */
const nodeArgs = (values['node-args'] ?? productionNodeOptions().join(' '))
  .split(' ')
  .filter(Boolean);
const recipients = Number(values.recipients);
const limit = Number(values.limit);
const concurrency = Number(values.concurrency);
if (!(recipients > 0) || !(limit > 0) || !(concurrency > 0)) {
  throw new Error('--recipients, --limit and --concurrency must be positive numbers');
}

const MB = 1024 * 1024;
const TABLE_PREFIX = 'bench';

function userId(email: string): string {
  return `29:${email}`;
}

function conversationId(email: string): string {
  return `a:personal-${email}`;
}

function syntheticRoster(n: number): { hr: Person; people: Person[] } {
  const hr: Person = {
    orgId: ORG,
    email: 'hr@bench.example',
    name: 'HR',
    department: 'HR',
    roles: ['hr'],
  };
  const people: Person[] = [];
  const leaders = Math.max(1, Math.round(n / (EMPLOYEES_PER_LEADER + 1)));
  for (let l = 0; l < leaders; l++) {
    const leader = `leder${l}@bench.example`;
    people.push({
      orgId: ORG,
      email: leader,
      name: `Leder ${l}`,
      department: `Afd ${l}`,
      roles: ['leader'],
    });
  }
  for (let e = 0; people.length < n; e++) {
    const l = e % leaders;
    people.push({
      orgId: ORG,
      email: `medarbejder${e}@bench.example`,
      name: `Medarbejder ${e}`,
      department: `Afd ${l}`,
      leaderEmail: `leder${l}@bench.example`,
      roles: ['employee'],
    });
  }
  return { hr, people };
}

/** Progress on stderr, so a long run shows where it is. */
function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** CPU seconds a process has used so far (Linux /proc), or 0 where that cannot be read. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function mb(bytes: number): string {
  return (bytes / MB).toFixed(0);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles the dispatcher process like `npm run build` bundles the server: our code, packages external
 * (so the bundle lives inside the project, where node finds node_modules).
 */
async function bundleDispatcher(): Promise<string> {
  const outfile = join(
    projectRoot,
    'node_modules',
    '.cache',
    'mus-bench',
    'rollout-dispatcher.mjs',
  );
  await build({
    entryPoints: [join(projectRoot, 'scripts', 'bench-rollout-dispatcher.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

/** Runs the dispatcher process until the outbox is drained; its report. */
async function runDispatcher(script: string, connectionString: string): Promise<DispatcherReport> {
  const child = fork(script, [], {
    cwd: projectRoot,
    execArgv: nodeArgs,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      BENCH_STORAGE: connectionString,
      BENCH_TABLE_PREFIX: TABLE_PREFIX,
      BENCH_LIMIT: String(limit),
      BENCH_CONCURRENCY: String(concurrency),
    },
  });
  return new Promise((resolve, reject) => {
    let report: DispatcherReport | undefined;
    child.on('message', (message) => (report = message as DispatcherReport));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (report) resolve(report);
      else reject(new Error(`the dispatcher process exited with ${code} and no report`));
    });
  });
}

const location = mkdtempSync(join(tmpdir(), 'mus-bench-'));
const azurite = await startAzurite({ location, inMemory: true });
const fake = await FakeBotConnector.start({
  rateLimits: { perTenantPerSecond: limit },
  keepBodies: false,
});
try {
  const { repositories, deliveries } = await openTableStorage({
    connectionString: azurite.connectionString,
    tablePrefix: TABLE_PREFIX,
  });

  let t = Date.now();
  await repositories.organisations.ensure({
    ...newOrganisation(ORG, 'Bench', 'Vi leverer rent vand.'),
    serviceUrl: fake.url,
  });
  const { hr, people } = syntheticRoster(recipients);
  await repositories.people.upsertRoster(ORG, [hr, ...people]);
  await mapWithLimit(people, 32, (p) =>
    repositories.conversations.put({
      orgId: ORG,
      personEmail: p.email,
      key: `personal:${userId(p.email)}`,
      reference: {
        channelId: 'msteams',
        serviceUrl: fake.url,
        conversation: { id: conversationId(p.email), conversationType: 'personal', tenantId: ORG },
        user: { id: userId(p.email) },
        bot: { id: '28:bench-bot' },
      },
      updatedAt: new Date().toISOString(),
    }),
  );
  const setupMs = Date.now() - t;
  progress(`roster and chats stored in ${seconds(setupMs)}`);

  t = Date.now();
  const services = { repositories, deliveries, now: () => new Date() };
  const round = await createRound(services, { by: hr, name: 'MUS bench' });
  const step1 = await launchRolloutStep(services, { by: hr, roundId: round.value.id, step: 1 });
  const step2 = await launchRolloutStep(services, { by: hr, roundId: round.value.id, step: 2 });
  const launchMs = Date.now() - t;
  progress(`steps 1 and 2 launched in ${seconds(launchMs)}`);

  const script = await bundleDispatcher();
  t = Date.now();
  const fakeCpuBefore = process.cpuUsage();
  const azuriteCpuBefore = cpuSecondsOf(azurite.pid);
  const ticker = setInterval(() => {
    const done = fake.requests({ route: 'sendToConversation' }).filter((c) => c.status === 201);
    progress(`${done.length} sent, ${fake.throttledCount} throttled`);
  }, 10_000);
  const report = await runDispatcher(script, azurite.connectionString).finally(() =>
    clearInterval(ticker),
  );
  const drainMs = Date.now() - t;
  const fakeCpu = process.cpuUsage(fakeCpuBefore);
  const fakeCpuMs = (fakeCpu.user + fakeCpu.system) / 1000;
  const azuriteCpuMs = (cpuSecondsOf(azurite.pid) - azuriteCpuBefore) * 1000;

  const sends = fake.requests({ route: 'sendToConversation' });
  const accepted = sends.filter((c) => c.status === 201);
  const perCard = (ms: number): string => (ms / Math.max(1, accepted.length)).toFixed(1);
  const perConversation = new Map<string, number>();
  for (const c of accepted) {
    const id = c.conversationId ?? '';
    perConversation.set(id, (perConversation.get(id) ?? 0) + 1);
  }
  const duplicates = people.filter((p) => (perConversation.get(conversationId(p.email)) ?? 0) > 1);
  const lost = people.filter((p) => (perConversation.get(conversationId(p.email)) ?? 0) === 0);
  const first = accepted[0]?.at ?? 0;
  const last = accepted.at(-1)?.at ?? 0;
  // n sends spaced at the rate span (n - 1) intervals.
  const rate = accepted.length > 1 ? (accepted.length - 1) / ((last - first) / 1000) : 0;
  const throttled = sends.filter((c) => c.status === 429).length;
  if (process.env.BENCH_DEBUG) {
    for (const [i, c] of sends.entries()) {
      if (c.status !== 429) continue;
      const window = sends
        .slice(Math.max(0, i - 40), i + 1)
        .filter((x) => x.at > c.at - 1000 && x.status !== 429);
      const gaps = window.map((x, j) => (j ? x.at - window[j - 1]!.at : 0));
      process.stderr.write(
        `429 at +${c.at - first} ms: ${window.length} in the second before; gaps ${gaps.join(',')}\n`,
      );
    }
  }

  const lines = [
    `recipients            ${recipients} (${step1.recipients} leaders in step 1, ${step2.recipients} employees in step 2)`,
    `limit                 ${limit} requests/s per tenant (+ Teams' per-conversation windows), dispatcher concurrency ${concurrency}`,
    `dispatcher process    node ${nodeArgs.join(' ')} (bundled like dist/index.js)`,
    `setup                 ${seconds(setupMs)} (roster + 1:1 chats), launch ${seconds(launchMs)} (planning ${step1.recipients + step2.recipients} rows)`,
    `elapsed               ${seconds(drainMs)} from start of dispatch to drained`,
    `sending period        ${seconds(last - first)} (first to last accepted send)`,
    `achieved send rate    ${rate.toFixed(2)} sends/s`,
    `ratio to the limit    ${(rate / limit).toFixed(3)}`,
    `requests              ${sends.length} sends, ${accepted.length} accepted`,
    `429s received         ${throttled}`,
    `duplicates            ${duplicates.length} recipients with more than one card`,
    `lost                  ${lost.length} recipients with no card`,
    `dispatcher stats      ${JSON.stringify(report.stats)}`,
    `CPU while sending     dispatcher ${seconds(report.cpuMs)} (${perCard(report.cpuMs)} ms per card), Azurite ${seconds(azuriteCpuMs)} (${perCard(azuriteCpuMs)} ms per card), fake Teams ${seconds(fakeCpuMs)}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} CPUs`,
    `dispatcher memory     peak rss ${mb(report.peakRss)} MB (kernel high-water mark), heap used at most ${mb(report.peakHeapUsed)} MB;`,
    `                      rss ${mb(report.rssBeforeSending)} MB with the code loaded and storage open, before sending`,
    `                      (the dispatcher process alone, bundled and run with node as in production;`,
    `                      fake Teams and Azurite run in other processes)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const ok =
    rate / limit >= 0.9 &&
    duplicates.length === 0 &&
    lost.length === 0 &&
    report.peakRss < 200 * MB;
  process.stdout.write(
    `targets               ${ok ? 'met' : 'NOT met'} (ratio >= 0.9, no duplicates, none lost, rss < 200 MB)\n`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await fake.close();
  await azurite.stop();
  rmSync(location, { recursive: true, force: true });
}
