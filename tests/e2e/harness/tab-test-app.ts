import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'restify';
import { createAuthenticator, orgIdForTenant } from '../../../bot/api/authenticate.js';
import { registerAgreementRoutes } from '../../../bot/api/agreement-routes.js';
import { registerDevRoutes } from '../../../bot/api/dev-routes.js';
import { registerMeRoutes } from '../../../bot/api/me-routes.js';
import { registerOrganisationRoutes } from '../../../bot/api/organisation-routes.js';
import { registerOverviewRoutes } from '../../../bot/api/overview-routes.js';
import { registerPrivacyRoutes } from '../../../bot/api/privacy-routes.js';
import { registerRoundRoutes } from '../../../bot/api/round-routes.js';
import { registerRoundSetupRoutes } from '../../../bot/api/round-setup-routes.js';
import { registerGroupTalkRoutes } from '../../../bot/api/group-talk-routes.js';
import { registerSkemaRoutes } from '../../../bot/api/skema-routes.js';
import { createSsoVerifier, ssoAudiences } from '../../../bot/api/sso-token.js';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import type { Repositories } from '../../../bot/mus/repositories.js';
import { newRound } from '../../../bot/mus/round.js';
import { newSkema } from '../../../bot/mus/skema.js';
import type { DeliveryStore } from '../../../bot/rollout/delivery.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import { createServer } from '../../../bot/server.js';
import { createSkemaServices } from '../../../bot/skema/skema-services.js';
import { buildTab, type TabBuild } from '../../../scripts/build-tab.js';
import { InMemoryDeliveryStore } from '../../helpers/in-memory-delivery-store.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { CORE_TASK, NOW, ORG, PEOPLE, skemaPath } from '../../integration/api/api-test-app.js';
import {
  CLIENT_ID,
  objectIdFor,
  startLocalSso,
  TAB_HOST,
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
    /**
     * Storage to use; by default fresh tables on the test run's shared Azurite. Given repositories
     * without an outbox get an in-memory one.
     */
    repositories?: Repositories;
    deliveries?: DeliveryStore;
    /** The server's clock (the overview decides what is overdue by it); by default the real time. */
    now?: () => Date;
  } = {},
): Promise<TabTestApp> {
  const devMode = options.devMode ?? false;
  const now = options.now ?? (() => new Date());
  // Imported only when needed: the helper registers a mocha hook, and the benchmark runs without mocha.
  const storage = async (): Promise<{ repositories: Repositories; deliveries: DeliveryStore }> =>
    options.repositories
      ? {
          repositories: options.repositories,
          deliveries: options.deliveries ?? new InMemoryDeliveryStore(),
        }
      : await (await import('../../helpers/azurite.js')).testStorage();
  const [{ repositories, deliveries }, tab] = await Promise.all([storage(), builtTab()]);
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
  const authenticate = createAuthenticator({
    devMode,
    devOrgId: ORG,
    people: repositories.people,
    verifySso: createSsoVerifier({
      audiences: ssoAudiences(CLIENT_ID, [TAB_HOST]),
      allowedTenants: [TENANT],
      jwksUrl: sso.jwksUrl,
    }),
    orgIdOf: orgIdForTenant(false, ORG),
    log,
  });
  const services = createSkemaServices({
    repositories,
    log,
    onFinalised: () => Promise.resolve(),
    skemaDeliveries: deliveries,
    ...(options.now ? { now } : {}),
  });
  const server: Server = createServer({
    devMode,
    log,
    storageReachable: () => Promise.resolve(true),
    handleBotRequest: () => Promise.resolve(),
    tabDir: tab.outDir,
    registerApi: [
      (s) => registerMeRoutes(s, { authenticate, log }),
      (s) => registerRoundSetupRoutes(s, { authenticate, repositories, now, log }),
      (s) =>
        registerOrganisationRoutes(s, {
          authenticate,
          organisations: repositories.organisations,
          log,
        }),
      (s) => registerRoundRoutes(s, { authenticate, log, services }),
      (s) => registerSkemaRoutes(s, { authenticate, log, services }),
      (s) => registerAgreementRoutes(s, { authenticate, log, services }),
      (s) =>
        registerGroupTalkRoutes(s, { authenticate, log, services: { repositories, now, log } }),
      (s) => registerDevRoutes(s, { devMode, people: repositories.people, orgId: ORG, log }),
      (s) =>
        registerOverviewRoutes(s, {
          authenticate,
          log,
          services: { repositories, deliveries, now },
        }),
      (s) =>
        registerPrivacyRoutes(s, {
          authenticate,
          log,
          privacy: { repositories, deliveries, now, log },
        }),
    ],
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${server.address().port}`;
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
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await sso.close();
    },
  };
}
