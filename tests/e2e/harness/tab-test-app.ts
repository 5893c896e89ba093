import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import type { Repositories } from '../../../bot/mus/repositories.js';
import { newRound } from '../../../bot/mus/round.js';
import { newSkema } from '../../../bot/mus/skema.js';
import type { DeliveryStore } from '../../../bot/rollout/delivery.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import { buildTab, type TabBuild } from '../../../scripts/build-tab.js';
import type { AppOverrides, AppStorage } from '../../../bot/app.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { listenTestApp } from '../../helpers/test-app.js';
import { CORE_TASK, NOW, ORG, PEOPLE, skemaPath } from '../../integration/api/api-test-app.js';
import {
  localSsoVerifier,
  objectIdFor,
  startLocalSso,
  TENANT,
  type LocalSso,
} from '../../integration/api/local-sso.js';

/*
 * The app as the tab meets it: the real createServer on port 0 serving the built tab and its API,
 * real Azurite storage, the sample roster, and — in production mode — Teams SSO tokens minted with a
 * local key (the API's own test stand-in for Entra ID). In dev mode the same data is reached with the
 * dev-user header, and GET /api/dev/people exists. HR's overview routes read the rollout's outbox
 * (`deliveries`) on the same storage, with the clock the test chooses.
 */

export { PEOPLE, ORG, CORE_TASK };

let built: Promise<TabBuild> | undefined;
let buildDir: string | undefined;

/** Builds the tab once per test run, into a temporary folder. */
export function builtTab(): Promise<TabBuild> {
  buildDir ??= mkdtempSync(join(tmpdir(), 'mus-tab-'));
  built ??= buildTab(join(buildDir, 'dist'));
  return built;
}

// Under mocha, remove the build after the run (the benchmark script imports this file too).
if (typeof after === 'function') {
  after(() => {
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });
}

export interface TabTestApp {
  url: string;
  devMode: boolean;
  repositories: Repositories;
  /** The rollout's outbox the overview counts step deliveries from. */
  deliveries: DeliveryStore;
  /** A valid SSO token for a roster person (production mode). */
  tokenFor(email: string): Promise<string>;
  /** Calls the API as a roster person, as another window of theirs would. */
  call<T = unknown>(
    method: string,
    path: string,
    options: { as: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T }>;
  /** A round with the default template, and a skema for each employee with their roster leader. */
  createRound(roundId: string, employees: string[], leader?: string): Promise<void>;
  close(): Promise<void>;
}

export { skemaPath };

export async function startTabTestApp(
  options: {
    devMode?: boolean;
    /** Storage to use (the benchmark's own Azurite); by default fresh tables on the test run's. */
    storage?: AppStorage;
    /** The server's clock (the overview decides what is overdue by it); by default the real time. */
    now?: () => Date;
    /** How Graph's calendar is reached for booking (a fake Graph); by default none. */
    calendar?: AppOverrides['calendar'];
  } = {},
): Promise<TabTestApp> {
  const devMode = options.devMode ?? false;
  // Imported only when needed: the helper registers a mocha hook, and the benchmark runs without mocha.
  const openStorage = async (): Promise<AppStorage> =>
    options.storage ?? (await (await import('../../helpers/azurite.js')).testStorage());
  const [storage, tab] = await Promise.all([openStorage(), builtTab()]);
  const { repositories, deliveries } = storage;
  await importRosterCsv(repositories.people, ORG, readFileSync('tests/fixtures/roster-sample.csv'));
  for (const person of await repositories.people.list(ORG)) {
    await repositories.people.setTeamsIdentity(ORG, person.email, {
      aadObjectId: objectIdFor(person.email),
      tenantId: TENANT,
    });
  }
  await repositories.organisations.ensure(newOrganisation(ORG, 'Vandværket', CORE_TASK));

  const sso: LocalSso = await startLocalSso();
  const { log } = memoryLogger();
  const app = await listenTestApp(
    { settings: { devMode, allowedTenants: [TENANT] }, log, storage },
    {
      ...(options.now ? { now: options.now } : {}),
      ...(options.calendar ? { calendar: options.calendar } : {}),
      verifySso: localSsoVerifier(sso),
      devOrgId: ORG,
      tabDir: tab.outDir,
      background: false,
    },
  );
  const { url } = app;
  const tokenFor = (email: string): Promise<string> => sso.mint({ oid: objectIdFor(email) });

  return {
    url,
    devMode,
    repositories,
    deliveries,
    tokenFor,
    async call<T>(
      method: string,
      path: string,
      opts: { as: string; body?: unknown; headers?: Record<string, string> },
    ) {
      const headers: Record<string, string> = {
        ...opts.headers,
        authorization: `Bearer ${await tokenFor(opts.as)}`,
      };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async createRound(roundId, employees, leader = PEOPLE.leader) {
      await repositories.rounds.create(
        newRound({
          orgId: ORG,
          id: roundId,
          name: `MUS ${roundId}`,
          createdBy: PEOPLE.hr,
          now: NOW,
          template: defaultMusTemplate(),
        }),
      );
      for (const employee of employees) {
        await repositories.skemas.createIfAbsent(
          newSkema({
            orgId: ORG,
            roundId,
            employeeEmail: employee,
            leaderEmail: leader,
            template: defaultMusTemplate(),
            now: NOW,
            by: PEOPLE.hr,
          }),
        );
      }
    },
    async close() {
      await app.stop();
      await sso.close();
    },
  };
}
