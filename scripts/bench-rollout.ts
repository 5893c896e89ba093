/*
 * Rollout benchmark: how close does one dispatcher come to Teams' rate limit, and does it stay exact?
 *
 *   npm run bench:rollout -- --recipients 10000 [--limit 30] [--concurrency 16]
 *
 * Starts its own in-memory Azurite (a child process) and the fake Bot Connector (in this process,
 * enforcing `--limit` requests per second per tenant and Teams' per-conversation windows with 429 +
 * Retry-After), stores N synthetic people (one leader per 20 employees) with their 1:1 chats, launches
 * step 1 (leaders) and step 2 (employees), and runs one Dispatcher at ratePerSecond = limit until the
 * outbox is drained. Prints the achieved send rate, 429s, duplicates, lost cards and peak memory.
 * With BENCH_DEBUG=1 it also prints, for each 429, the gaps between the requests of the second before.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { newOrganisation } from '../bot/mus/organisation.js';
import type { Person } from '../bot/mus/person.js';
import { createRound } from '../bot/rollout/create-round.js';
import { createCardDeliverer } from '../bot/rollout/deliver-card.js';
import { Dispatcher } from '../bot/rollout/dispatcher.js';
import { launchRolloutStep } from '../bot/rollout/launch-step.js';
import { startAzurite } from '../bot/storage/embedded-azurite.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';
import { mapWithLimit } from '../bot/storage/table-operations.js';
import { createBotFramework } from '../bot/teams/bot-framework.js';
import { proactiveMessenger } from '../bot/teams/proactive-messenger.js';
import { FakeBotConnector } from '../tests/helpers/fake-bot-connector/index.js';

const ORG = 'bench-tenant';
const EMPLOYEES_PER_LEADER = 20;

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '16' },
  },
});
const recipients = Number(values.recipients);
const limit = Number(values.limit);
const concurrency = Number(values.concurrency);
if (!(recipients > 0) || !(limit > 0) || !(concurrency > 0)) {
  throw new Error('--recipients, --limit and --concurrency must be positive numbers');
}

const MB = 1024 * 1024;
const atStart = process.memoryUsage();
const peak = { rss: 0, heapUsed: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}, 250);

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

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const location = mkdtempSync(join(tmpdir(), 'mus-bench-'));
const azurite = await startAzurite({ location, inMemory: true });
const fake = await FakeBotConnector.start({
  rateLimits: { perTenantPerSecond: limit },
  keepBodies: false,
});
try {
  const log = pino({ level: 'error' }, pino.destination(2));
  const { repositories, deliveries } = await openTableStorage({
    connectionString: azurite.connectionString,
    tablePrefix: 'bench',
  });

  let t = Date.now();
  await repositories.organisations.ensure({
    ...newOrganisation(ORG, 'Bench'),
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

  const dispatcher = new Dispatcher({
    store: deliveries,
    deliver: createCardDeliverer({
      repositories,
      messenger: proactiveMessenger(
        createBotFramework(undefined, { log, requestTimeoutMs: 10_000 }),
      ),
      links: { baseUrl: 'http://127.0.0.1:3978' },
      log,
    }),
    log,
    owner: `bench:${process.pid}`,
    ratePerSecond: () => limit,
    concurrency,
  });
  t = Date.now();
  const cpuBefore = process.cpuUsage();
  const azuriteCpuBefore = cpuSecondsOf(azurite.pid);
  const ticker = setInterval(() => {
    const done = fake.requests({ route: 'sendToConversation' }).filter((c) => c.status === 201);
    progress(
      `${done.length} sent, ${fake.throttledCount} throttled, stats ${JSON.stringify(dispatcher.stats)}`,
    );
  }, 10_000);
  await dispatcher.drain().finally(() => clearInterval(ticker));
  const drainMs = Date.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  const ownCpuMs = (cpu.user + cpu.system) / 1000;
  const azuriteCpuMs = (cpuSecondsOf(azurite.pid) - azuriteCpuBefore) * 1000;

  const sends = fake.requests({ route: 'sendToConversation' });
  const accepted = sends.filter((c) => c.status === 201);
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
  const final = process.memoryUsage();
  clearInterval(sampler);
  peak.rss = Math.max(peak.rss, final.rss);
  peak.heapUsed = Math.max(peak.heapUsed, final.heapUsed);

  const lines = [
    `recipients            ${recipients} (${step1.recipients} leaders in step 1, ${step2.recipients} employees in step 2)`,
    `limit                 ${limit} requests/s per tenant (+ Teams' per-conversation windows), dispatcher concurrency ${concurrency}`,
    `setup                 ${seconds(setupMs)} (roster + 1:1 chats), launch ${seconds(launchMs)} (planning ${step1.recipients + step2.recipients} rows)`,
    `elapsed               ${seconds(drainMs)} from start of dispatch to drained`,
    `sending period        ${seconds(last - first)} (first to last accepted send)`,
    `achieved send rate    ${rate.toFixed(2)} sends/s`,
    `ratio to the limit    ${(rate / limit).toFixed(3)}`,
    `requests              ${sends.length} sends, ${accepted.length} accepted`,
    `429s received         ${throttled}`,
    `duplicates            ${duplicates.length} recipients with more than one card`,
    `lost                  ${lost.length} recipients with no card`,
    `dispatcher stats      ${JSON.stringify(dispatcher.stats)}`,
    `CPU while sending     this process ${seconds(ownCpuMs)} (${(ownCpuMs / accepted.length).toFixed(1)} ms per card), Azurite ${seconds(azuriteCpuMs)} (${(azuriteCpuMs / accepted.length).toFixed(1)} ms per card); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} CPUs`,
    `peak memory           rss ${(peak.rss / MB).toFixed(0)} MB, heap used ${(peak.heapUsed / MB).toFixed(0)} MB (sampled every 250 ms)`,
    `                      at start, with the code loaded: rss ${(atStart.rss / MB).toFixed(0)} MB, heap used ${(atStart.heapUsed / MB).toFixed(0)} MB`,
    `                      this process runs the dispatcher and the fake Bot Connector, which keeps`,
    `                      every request and card it received; Azurite is a separate process`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const ok =
    rate / limit >= 0.9 && duplicates.length === 0 && lost.length === 0 && peak.rss < 200 * MB;
  process.stdout.write(
    `targets               ${ok ? 'met' : 'NOT met'} (ratio >= 0.9, no duplicates, none lost, rss < 200 MB)\n`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  clearInterval(sampler);
  await fake.close();
  await azurite.stop();
  rmSync(location, { recursive: true, force: true });
}
