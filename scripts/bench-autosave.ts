/*
 * Benchmark: what one autosave from the tab costs the storage account, through the real stack
 * (restify → SSO token check → skema use case → Azure Tables on the test Azurite).
 *
 *   npm run bench:autosave [-- --saves 40]
 *
 * The leader saves talk notes `--saves` times, as the meeting side panel does while they type: once
 * answered with the whole skema view (what the tab asked for before) and once with `Prefer:
 * return=minimal` (what it asks for now: the new version only). Every request to Azurite is
 * counted per save, after one warm-up save each (which fills the identity cache). Prints requests
 * and latency per save for both and their ratio; the last line is
 *   autosave: <n> storage requests per save (whole view: <m>), ratio <m/n>
 */
import { channel } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { stopTestAzurite, testStorage } from '../tests/helpers/azurite.js';
import { PEOPLE, skemaPath, startApiTestApp } from '../tests/integration/api/api-test-app.js';

const { values } = parseArgs({ options: { saves: { type: 'string', default: '40' } } });
const saves = Number(values.saves);
if (!(saves > 0)) throw new Error('--saves must be a positive number');

// The shared test Azurite: its address tells storage requests from the others (SSO keys, the app).
const probe = await testStorage();
const endpoint = /TableEndpoint=([^;]+)/.exec(probe.connectionString)?.[1];
if (!endpoint) throw new Error('no table endpoint in the test connection string');
const azuriteHost = new URL(endpoint).host;
let storageRequests = 0;
const onRequest = (message: unknown): void => {
  const req = (message as { request: ClientRequest }).request;
  if (req.getHeader('host') === azuriteHost) storageRequests += 1;
};
channel('http.client.request.start').subscribe(onRequest);

const app = await startApiTestApp();
const roundId = 'bench-autosave';
await app.createRoundWithSkema(roundId);
const path = skemaPath(roundId, PEOPLE.employee, '/talk-notes');
const opened = await app.call<{ etag: string }>('GET', skemaPath(roundId, PEOPLE.employee), {
  as: PEOPLE.leader,
});
let etag = opened.body.etag;

interface Figures {
  requests: number[];
  ms: number[];
}

async function autosaves(mode: 'whole view' | 'short answer'): Promise<Figures> {
  const headers: Record<string, string> =
    mode === 'short answer' ? { prefer: 'return=minimal' } : {};
  const figures: Figures = { requests: [], ms: [] };
  for (let i = 0; i <= saves; i++) {
    const before = storageRequests;
    const started = performance.now();
    const res = await app.call<{ etag: string }>('PUT', path, {
      as: PEOPLE.leader,
      headers,
      body: { talkNotes: { kerneopgaven: `${mode} ${i}: vi taler om kerneopgaven` }, etag },
    });
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`save ${i} answered ${res.status}`);
    etag = res.body.etag;
    // The first save of each mode warms the caches; it is not counted.
    if (i === 0) continue;
    figures.requests.push(storageRequests - before);
    figures.ms.push(ms);
  }
  return figures;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

try {
  const whole = await autosaves('whole view');
  const short = await autosaves('short answer');
  for (const [name, f] of [
    ['whole view  ', whole],
    ['short answer', short],
  ] as const) {
    console.log(
      `${name}: ${mean(f.requests).toFixed(2)} storage requests per save (max ${Math.max(...f.requests)}), ` +
        `p50 ${percentile(f.ms, 50).toFixed(1)} ms, p99 ${percentile(f.ms, 99).toFixed(1)} ms, ${saves} saves`,
    );
  }
  const now = mean(short.requests);
  const before = mean(whole.requests);
  console.log(
    `autosave: ${now.toFixed(2)} storage requests per save (whole view: ${before.toFixed(2)}), ratio ${(before / now).toFixed(2)}`,
  );
} finally {
  channel('http.client.request.start').unsubscribe(onRequest);
  await app.close();
  await stopTestAzurite();
}
