import { readFileSync } from 'node:fs';
import { newAgreement, type Agreement } from '../../../bot/mus/agreement.js';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import type { Versioned } from '../../../bot/mus/errors.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import type { Repositories } from '../../../bot/mus/repositories.js';
import { newRound } from '../../../bot/mus/round.js';
import { finalise, newSkema, type Skema } from '../../../bot/mus/skema.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import type { AppOverrides } from '../../../bot/app.js';
import { testStorage } from '../../helpers/azurite.js';
import { listenTestApp } from '../../helpers/test-app.js';
import { memoryLogger, type LogLine } from '../../helpers/memory-logger.js';
import {
  localSsoVerifier,
  objectIdFor,
  startLocalSso,
  TENANT,
  type LocalSso,
} from './local-sso.js';

/*
 * The tab's API as production runs it: the real createServer on port 0, real Azurite storage, and
 * sign-in with SSO tokens minted by a local key whose JWKS is served over HTTP. The organisation is
 * the tenant (production mapping). Everybody on the sample roster has an Entra object id.
 */

export const ORG = TENANT;
export const NOW = new Date('2026-03-02T09:00:00Z');
export const CORE_TASK = 'Vi leverer rent drikkevand til borgerne — hver dag, hele året.';

/** People from tests/fixtures/roster-sample.csv, by the part they play. */
export const PEOPLE = {
  employee: 'pernille.krogh@vandvaerk.example',
  otherEmployee: 'lars.christensen@vandvaerk.example',
  leader: 'soren.dahl@vandvaerk.example',
  otherLeader: 'anja.holm@vandvaerk.example',
  leadersLeader: 'mette.kjaer@vandvaerk.example',
  hr: 'lone.hvid@vandvaerk.example',
} as const;

export interface ApiTestApp {
  url: string;
  repositories: Repositories;
  sso: LocalSso;
  logLines: LogLine[];
  finalised: Skema[];
  /** Makes onFinalised fail, to show the finalise still stands. */
  failOnFinalised(fail: boolean): void;
  /** A valid SSO token for a roster person. */
  tokenFor(email: string): Promise<string>;
  /** Calls the API as `email` (a token), with no token (`undefined`), or with a raw header value. */
  call<T = unknown>(
    method: string,
    path: string,
    options?: {
      as?: string;
      authorization?: string;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /** A round with the default template, and a skema for the employee with their leader. */
  createRoundWithSkema(
    roundId: string,
    employee?: string,
    leader?: string,
  ): Promise<Versioned<Skema>>;
  addAgreement(skema: Skema, ownerEmail: string, id?: string): Promise<Versioned<Agreement>>;
  finaliseDirectly(roundId: string, employee?: string): Promise<Versioned<Skema>>;
  close(): Promise<void>;
}

export function skemaPath(roundId: string, email: string, rest = ''): string {
  return `/api/rounds/${encodeURIComponent(roundId)}/skemas/${encodeURIComponent(email)}${rest}`;
}

export async function startApiTestApp(
  options: {
    /** The app's clock (the talk's clock counts by it); by default the real time. */
    now?: () => Date;
    /** How Graph's calendar is reached (booking); by default none, as without Entra credentials. */
    calendar?: AppOverrides['calendar'];
    /** The Bot Framework transport (booking tells the employee in chat through it). */
    bot?: AppOverrides['bot'];
  } = {},
): Promise<ApiTestApp> {
  const storage = await testStorage();
  const { repositories } = storage;
  await importRosterCsv(repositories.people, ORG, readFileSync('tests/fixtures/roster-sample.csv'));
  for (const person of await repositories.people.list(ORG)) {
    await repositories.people.setTeamsIdentity(ORG, person.email, {
      aadObjectId: objectIdFor(person.email),
      tenantId: TENANT,
    });
  }
  await repositories.organisations.ensure(newOrganisation(ORG, 'Vandværket', CORE_TASK));

  const sso = await startLocalSso();
  const { log, lines } = memoryLogger();
  const finalised: Skema[] = [];
  let failFinalise = false;
  const built = await listenTestApp(
    { settings: { devMode: false, allowedTenants: [TENANT] }, log, storage },
    {
      now: options.now ?? (() => NOW),
      verifySso: localSsoVerifier(sso),
      background: false,
      ...(options.calendar ? { calendar: options.calendar } : {}),
      ...(options.bot ? { bot: options.bot } : {}),
      onFinalised: (skema) => {
        finalised.push(skema);
        return failFinalise ? Promise.reject(new Error('bot unreachable')) : Promise.resolve();
      },
    },
  );
  const { url } = built;

  let roundsMade = 0;
  const tokenFor = (email: string): Promise<string> => sso.mint({ oid: objectIdFor(email) });

  const app: ApiTestApp = {
    url,
    repositories,
    sso,
    logLines: lines,
    finalised,
    failOnFinalised: (fail) => {
      failFinalise = fail;
    },
    tokenFor,
    async call<T = unknown>(
      method: string,
      path: string,
      options: {
        as?: string;
        authorization?: string;
        body?: unknown;
        headers?: Record<string, string>;
      } = {},
    ) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.as) headers.authorization = `Bearer ${await tokenFor(options.as)}`;
      if (options.authorization) headers.authorization = options.authorization;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        headers: res.headers,
      };
    },
    async createRoundWithSkema(roundId, employee = PEOPLE.employee, leader = PEOPLE.leader) {
      const existing = await repositories.rounds.get(ORG, roundId);
      if (!existing) {
        roundsMade += 1;
        await repositories.rounds.create(
          newRound({
            orgId: ORG,
            id: roundId,
            name: `MUS ${roundId}`,
            createdBy: PEOPLE.hr,
            // A minute apart, so "newest first" is a real order.
            now: new Date(NOW.getTime() + roundsMade * 60_000),
            template: defaultMusTemplate(),
          }),
        );
      }
      const { skema } = await repositories.skemas.createIfAbsent(
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
      return skema;
    },
    addAgreement: (skema, ownerEmail, id = 'a1') =>
      repositories.agreements.add(
        newAgreement({
          orgId: ORG,
          roundId: skema.roundId,
          employeeEmail: skema.employeeEmail,
          id,
          what: 'Lære det nye SCADA-system',
          ownerEmail,
          dueDate: '2026-06-01',
          now: NOW,
        }),
      ),
    async finaliseDirectly(roundId, employee = PEOPLE.employee) {
      const stored = await repositories.skemas.get(ORG, roundId, employee);
      if (!stored) throw new Error(`no skema ${roundId}/${employee}`);
      const done = finalise(stored.value, { by: PEOPLE.leader, now: NOW });
      return repositories.skemas.update(done, stored.etag);
    },
    async close() {
      await built.stop();
      await sso.close();
    },
  };
  return app;
}
