/*
 * The dispatcher process of `npm run bench:rollout`: what a server process runs to send a launched
 * step (the Dispatcher, the card deliverer, botbuilder's proactive messenger), on its own, so its
 * memory is measured apart from the benchmark's fake Teams and Azurite. bench-rollout.ts bundles this
 * file with esbuild and runs it with plain node, as `npm run build` runs the server in production.
 *
 * Input (environment): BENCH_STORAGE (connection string), BENCH_TABLE_PREFIX, BENCH_LIMIT (requests/s), BENCH_CONCURRENCY. Output: one IPC message with the dispatcher's stats,
 * CPU time and peak memory, then exit.
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { createCardDeliverer } from '../bot/rollout/deliver-card.js';
import { Dispatcher, type DispatcherStats } from '../bot/rollout/dispatcher.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';
import { createBotFramework } from '../bot/teams/bot-framework.js';
import { proactiveMessenger } from '../bot/teams/proactive-messenger.js';

export interface DispatcherReport {
  stats: DispatcherStats;
  cpuMs: number;
  /** Peak resident set size of this process (the kernel's high-water mark), bytes. */
  peakRss: number;
  /** Resident set size once the code was loaded and storage opened, before sending, bytes. */
  rssBeforeSending: number;
  peakHeapUsed: number;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** VmHWM from /proc: the most memory this process ever had resident. */
function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall back to sampling below.
  }
  return 0;
}

const limit = Number(required('BENCH_LIMIT'));
const log = pino({ level: 'error' }, pino.destination(2));
const { deliveries, repositories } = await openTableStorage({
  connectionString: required('BENCH_STORAGE'),
  tablePrefix: required('BENCH_TABLE_PREFIX'),
});
let peakHeapUsed = 0;
let sampledRss = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
  sampledRss = Math.max(sampledRss, m.rss);
}, 250);
const rssBeforeSending = process.memoryUsage().rss;
const dispatcher = new Dispatcher({
  store: deliveries,
  deliver: createCardDeliverer({
    repositories,
    deliveries,
    messenger: proactiveMessenger(createBotFramework(undefined, { log, requestTimeoutMs: 10_000 })),
    links: { baseUrl: 'http://127.0.0.1:3978' },
    log,
  }),
  log,
  owner: `bench:${process.pid}`,
  ratePerSecond: () => limit,
  concurrency: Number(required('BENCH_CONCURRENCY')),
});
const cpuBefore = process.cpuUsage();
await dispatcher.drain();
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
const report: DispatcherReport = {
  stats: dispatcher.stats,
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakRss: Math.max(peakRssBytes(), sampledRss, process.memoryUsage().rss),
  rssBeforeSending,
  peakHeapUsed,
};
process.send?.(report, () => process.exit(0));
