/*
 * Benchmark: 50 employees save their skema draft from the chat card 20 times each, concurrently,
 * through the real stack (restify → Bot Framework adapter → card action → Azure Tables on Azurite).
 * Prints p50/p99 invoke latency and the ratio to a no-op invoke on the same adapter.
 *
 *   npm run bench:submit [-- --users 50 --saves 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DEV_ORG_ID } from '../bot/config.js';
import { newOrganisation } from '../bot/mus/organisation.js';
import type { Person } from '../bot/mus/person.js';
import { launchRolloutStep } from '../bot/rollout/launch-step.js';
import { createRound } from '../bot/rollout/create-round.js';
import { startRollout } from '../bot/rollout-wiring.js';
import { createSkemaServices } from '../bot/skema/skema-services.js';
import { startAzurite } from '../bot/storage/embedded-azurite.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';
import { createBotFramework } from '../bot/teams/bot-framework.js';
import { skemaActions } from '../bot/teams/card-actions/skema-actions.js';
import { MusActivityHandler } from '../bot/teams/mus-activity-handler.js';
import { startBotTestServer } from '../tests/helpers/bot-test-server.js';
import { FakeBotConnector } from '../tests/helpers/fake-bot-connector/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const USERS = arg('users', 50);
const SAVES = arg('saves', 20);
const location = mkdtempSync(join(tmpdir(), 'mus-bench-submit-'));
const azurite = await startAzurite({ location, inMemory: true });
const fake = await FakeBotConnector.start();
try {
  const { repositories, deliveries } = await openTableStorage({
    connectionString: azurite.connectionString,
  });
  await repositories.organisations.ensure(newOrganisation(DEV_ORG_ID, 'Bench'));
  const hr: Person = {
    orgId: DEV_ORG_ID,
    email: 'hr@bench.example',
    name: 'HR',
    department: 'HR',
    roles: ['hr'],
  };
  const people: Person[] = [hr];
  for (let l = 0; l < Math.ceil(USERS / 10); l++) {
    people.push({
      orgId: DEV_ORG_ID,
      email: `leder${l}@bench.example`,
      name: `Leder ${l}`,
      department: `Afd ${l}`,
      roles: ['leader'],
    });
  }
  for (let e = 0; e < USERS; e++) {
    people.push({
      orgId: DEV_ORG_ID,
      email: `medarbejder${e}@bench.example`,
      name: `Medarbejder ${e}`,
      department: `Afd ${e % 10}`,
      leaderEmail: `leder${Math.floor(e / 10)}@bench.example`,
      roles: ['employee'],
      teams: { userId: `29:medarbejder${e}`, aadObjectId: `aad-${e}` },
    });
  }
  await repositories.people.upsertRoster(DEV_ORG_ID, people);
  for (const p of people)
    if (p.teams) await repositories.people.setTeamsIdentity(DEV_ORG_ID, p.email, p.teams);
  const round = await createRound(
    { repositories, now: () => new Date() },
    { by: hr, name: 'Bench' },
  );
  for (const step of [1, 2, 3] as const) {
    await launchRolloutStep(
      { repositories, deliveries, now: () => new Date() },
      { by: hr, roundId: round.value.id, step },
    );
  }

  const log = pino({ level: 'silent' });
  const bot = createBotFramework(undefined, { log });
  const skemaServices = createSkemaServices({ repositories, log });
  const rollout = startRollout({
    config: { publicUrl: 'http://127.0.0.1:3978', rolloutRatePerSecond: 30 },
    repositories,
    deliveries,
    bot,
    log,
    autoStart: false,
    extraActions: (services) => ({
      ...skemaActions(services, skemaServices),
      'bench.noop': () => Promise.resolve({ message: { da: 'ok', en: 'ok' } }),
    }),
  });
  const handler = new MusActivityHandler({
    conversations: repositories.conversations,
    orgIdOf: () => DEV_ORG_ID,
    log,
    router: rollout.router,
  });
  const server = await startBotTestServer(bot, handler);

  const invoke = async (
    e: number,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<{ ms: number; body: unknown }> => {
    const started = performance.now();
    const res = await server.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `bench-${e}-${Math.random()}`,
      serviceUrl: fake.url,
      channelId: 'msteams',
      from: { id: `29:medarbejder${e}`, aadObjectId: `aad-${e}` },
      recipient: { id: '28:bot' },
      conversation: { id: `a:personal-${e}`, conversationType: 'personal', tenantId: 't' },
      channelData: { tenant: { id: 't' } },
      locale: 'da-DK',
      value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } } },
    });
    const body: unknown = await res.json();
    return { ms: performance.now() - started, body };
  };

  const etagOf = (body: unknown): string => {
    const find = (node: unknown): string | undefined => {
      if (!node || typeof node !== 'object') return undefined;
      const record = node as Record<string, unknown>;
      if (typeof record.etag === 'string') return record.etag;
      for (const value of Object.values(record)) {
        const found = find(value);
        if (found) return found;
      }
      return undefined;
    };
    const etag = find(body);
    if (!etag) throw new Error(`no etag in response: ${JSON.stringify(body).slice(0, 300)}`);
    return etag;
  };

  // Warm up the adapter and the user lookups.
  for (let e = 0; e < USERS; e++) await invoke(e, 'bench.noop', {});

  const runAll = async (verb: 'skema.save' | 'bench.noop'): Promise<number[]> => {
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: USERS }, async (_, e) => {
        const email = `medarbejder${e}@bench.example`;
        let etag = (await repositories.skemas.get(DEV_ORG_ID, round.value.id, email))!.etag;
        for (let i = 0; i < SAVES; i++) {
          const data =
            verb === 'skema.save'
              ? {
                  roundId: round.value.id,
                  employeeEmail: email,
                  etag,
                  answer_kerneopgaven: `Udkast ${i}: vi leverer rent vand.`,
                }
              : {};
          const { ms, body } = await invoke(e, verb, data);
          latencies.push(ms);
          if (verb === 'skema.save') etag = etagOf(body);
        }
      }),
    );
    return latencies.sort((a, b) => a - b);
  };

  const started = performance.now();
  const saves = await runAll('skema.save');
  const saveSeconds = (performance.now() - started) / 1000;
  const noops = await runAll('bench.noop');
  const stored = await repositories.skemas.listByRound(DEV_ORG_ID, round.value.id);
  const lastDrafts = stored.filter(
    (s) => s.answers.kerneopgaven === `Udkast ${SAVES - 1}: vi leverer rent vand.`,
  ).length;

  const row = (name: string, xs: number[]): string =>
    `${name.padEnd(18)} p50 ${percentile(xs, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(1).padStart(7)} ms   n=${xs.length}`;
  console.log(
    `bench:submit — ${USERS} concurrent users × ${SAVES} draft saves (Azurite, real HTTP)`,
  );
  console.log(row('save draft', saves));
  console.log(row('no-op invoke', noops));
  console.log(
    `ratio save/no-op   p50 ${(percentile(saves, 50) / percentile(noops, 50)).toFixed(2)}   p99 ${(percentile(saves, 99) / percentile(noops, 99)).toFixed(2)}`,
  );
  console.log(
    `throughput         ${(saves.length / saveSeconds).toFixed(0)} saves/s; last draft stored for ${lastDrafts}/${USERS} users`,
  );
  await server.close();
  await rollout.stop();
} finally {
  await fake.close();
  await azurite.stop();
  rmSync(location, { recursive: true, force: true });
}
