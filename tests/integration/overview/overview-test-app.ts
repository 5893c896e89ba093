import { readFileSync } from 'node:fs';
import type { Versioned } from '../../../bot/mus/errors.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import type { Person } from '../../../bot/mus/person.js';
import type { StepNumber } from '../../../bot/mus/rollout-steps.js';
import type { Round } from '../../../bot/mus/round.js';
import { createRound } from '../../../bot/rollout/create-round.js';
import { launchRolloutStep } from '../../../bot/rollout/launch-step.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import type { SkemaServices } from '../../../bot/skema/skema-services.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { listenTestApp } from '../../helpers/test-app.js';
import { localSsoVerifier, objectIdFor, startLocalSso, TENANT } from '../api/local-sso.js';

/*
 * HR's overview API as production runs it: the real createServer on port 0 with the overview routes,
 * real Azurite, SSO tokens from a local key, the sample roster (tests/fixtures/roster-sample.csv) with
 * Entra object ids, and a clock the tests move. The skema use cases run on the same storage, so status
 * changes reach the overview the way they do in the app.
 */

export const ORG = TENANT;
export const START = new Date('2026-03-02T09:00:00Z');
export const HR = 'lone.hvid@vandvaerk.example';
export const TOP_LEADER = 'mette.kjaer@vandvaerk.example';
export const LEADER = 'soren.dahl@vandvaerk.example';
export const EMPLOYEE = 'pernille.krogh@vandvaerk.example';

export interface OverviewTestApp {
  storage: TestStorage;
  skemaServices: SkemaServices;
  /** The time the app sees; tests move it. */
  clock: { now: Date };
  person(email: string): Promise<Person>;
  /** Calls the API as `email` (an SSO token) or with no token. */
  get(
    path: string,
    as?: string,
  ): Promise<{ status: number; text: string; headers: Headers; body: unknown }>;
  /** A new round with steps 1..`through` launched by HR (step 3 creates the skemas). */
  roundThrough(name: string, through: StepNumber): Promise<Versioned<Round>>;
  close(): Promise<void>;
}

export async function startOverviewTestApp(): Promise<OverviewTestApp> {
  const storage = await testStorage();
  const { repositories, deliveries } = storage;
  await importRosterCsv(repositories.people, ORG, readFileSync('tests/fixtures/roster-sample.csv'));
  for (const p of await repositories.people.list(ORG)) {
    await repositories.people.setTeamsIdentity(ORG, p.email, {
      aadObjectId: objectIdFor(p.email),
      tenantId: TENANT,
    });
  }
  await repositories.organisations.ensure(newOrganisation(ORG, 'Vandværket', 'Rent vand'));

  const clock = { now: START };
  const now = (): Date => clock.now;
  const sso = await startLocalSso();
  const { log } = memoryLogger();
  const app = await listenTestApp(
    { settings: { devMode: false, allowedTenants: [TENANT] }, log, storage },
    { now, verifySso: localSsoVerifier(sso), background: false },
  );
  const { url } = app;
  const person = async (email: string): Promise<Person> => {
    const found = await repositories.people.get(ORG, email);
    if (!found) throw new Error(`${email} is not on the roster`);
    return found.value;
  };

  return {
    storage,
    skemaServices: app.skemaServices,
    clock,
    person,
    async get(path, as) {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = `Bearer ${await sso.mint({ oid: objectIdFor(as) })}`;
      const res = await fetch(url + path, { headers });
      // Decoded by hand, keeping a byte-order mark (res.text() would drop it).
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
      const json = res.headers.get('content-type')?.includes('json');
      return {
        status: res.status,
        text,
        headers: res.headers,
        body: json && text ? (JSON.parse(text) as unknown) : undefined,
      };
    },
    async roundThrough(name, through) {
      const hr = await person(HR);
      const deps = { repositories, deliveries, now };
      let round = await createRound(deps, { by: hr, name });
      for (let step = 1; step <= through; step++) {
        round = (
          await launchRolloutStep(deps, {
            by: hr,
            roundId: round.value.id,
            step: step as StepNumber,
          })
        ).round;
      }
      return round;
    },
    async close() {
      await app.stop();
      await sso.close();
    },
  };
}
