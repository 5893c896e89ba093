import { readFileSync } from 'node:fs';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import { newRound, type RoundKind } from '../../../bot/mus/round.js';
import { newSkema, type Skema } from '../../../bot/mus/skema.js';
import type { Versioned } from '../../../bot/mus/errors.js';
import type { PrivacyServices } from '../../../bot/privacy/privacy-services.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import type { SkemaServices } from '../../../bot/skema/skema-services.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { memoryLogger, type LogLine } from '../../helpers/memory-logger.js';
import { listenTestApp } from '../../helpers/test-app.js';
import {
  localSsoVerifier,
  objectIdFor,
  startLocalSso,
  TENANT,
  type LocalSso,
} from '../api/local-sso.js';

/*
 * The tab's API with the follow-up and privacy routes, as production runs it: the real createServer
 * on port 0, Azurite storage (exposed raw, to assert on what is really stored), SSO tokens from a
 * local key. The clock is the test's: `setNow` moves it.
 */

export const ORG = TENANT;
export const START = new Date('2026-03-02T09:00:00Z');

/** People from tests/fixtures/roster-sample.csv, by the part they play. */
export const WHO = {
  employee: 'pernille.krogh@vandvaerk.example',
  colleague: 'lars.christensen@vandvaerk.example',
  leader: 'soren.dahl@vandvaerk.example',
  otherLeader: 'anja.holm@vandvaerk.example',
  otherTeamMember: 'frederik.nygaard@vandvaerk.example',
  topLeader: 'mette.kjaer@vandvaerk.example',
  hr: 'lone.hvid@vandvaerk.example',
} as const;

export interface PrivacyApiApp {
  storage: TestStorage;
  skemaServices: SkemaServices;
  privacy: PrivacyServices;
  logLines: LogLine[];
  setNow(now: Date): void;
  call(
    method: string,
    path: string,
    options?: { as?: string; body?: unknown },
  ): Promise<{ status: number; body: unknown }>;
  /** A round (created `minutesAfterStart` after START, so rounds have an order). */
  createRound(
    roundId: string,
    options?: { kind?: RoundKind; minutesAfterStart?: number },
  ): Promise<void>;
  createSkema(roundId: string, employee: string, leader: string): Promise<Versioned<Skema>>;
  close(): Promise<void>;
}

export async function startPrivacyApiApp(): Promise<PrivacyApiApp> {
  const storage = await testStorage();
  const { repositories } = storage;
  await importRosterCsv(repositories.people, ORG, readFileSync('tests/fixtures/roster-sample.csv'));
  for (const person of await repositories.people.list(ORG)) {
    await repositories.people.setTeamsIdentity(ORG, person.email, {
      aadObjectId: objectIdFor(person.email),
      tenantId: TENANT,
    });
  }
  await repositories.organisations.ensure(newOrganisation(ORG, 'Vandværket', 'Rent vand.'));

  let now = START;
  const sso: LocalSso = await startLocalSso();
  const { log, lines } = memoryLogger();
  const app = await listenTestApp(
    { settings: { devMode: false, allowedTenants: [TENANT] }, log, storage },
    { now: () => now, verifySso: localSsoVerifier(sso), background: false },
  );
  const { url, skemaServices } = app;
  const privacy: PrivacyServices = {
    repositories,
    deliveries: storage.deliveries,
    installAttempts: storage.installAttempts,
    now: () => now,
    log,
  };

  return {
    storage,
    skemaServices,
    privacy,
    logLines: lines,
    setNow: (next) => {
      now = next;
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (options.as) {
        headers.authorization = `Bearer ${await sso.mint({ oid: objectIdFor(options.as) })}`;
      }
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async createRound(roundId, options = {}) {
      await repositories.rounds.create(
        newRound({
          orgId: ORG,
          id: roundId,
          name: `Runde ${roundId}`,
          kind: options.kind ?? 'MUS',
          createdBy: WHO.hr,
          now: new Date(START.getTime() + (options.minutesAfterStart ?? 0) * 60_000),
          template: defaultMusTemplate(),
        }),
      );
    },
    async createSkema(roundId, employee, leader) {
      const { skema } = await repositories.skemas.createIfAbsent(
        newSkema({
          orgId: ORG,
          roundId,
          employeeEmail: employee,
          leaderEmail: leader,
          template: defaultMusTemplate(),
          now,
          by: leader,
        }),
      );
      return skema;
    },
    async close() {
      await app.stop();
      await sso.close();
    },
  };
}

export function skemaPath(roundId: string, email: string, rest = ''): string {
  return `/api/rounds/${encodeURIComponent(roundId)}/skemas/${encodeURIComponent(email)}${rest}`;
}
