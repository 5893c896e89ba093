import assert from 'node:assert/strict';
import type { Skema } from '../../../bot/mus/skema.js';
import type { Versioned } from '../../../bot/mus/errors.js';
import { PEOPLE, skemaPath, startApiTestApp, type ApiTestApp } from './api-test-app.js';

/*
 * Who may call what (docs/architecture.md, "Who sees what"), as one table: every endpoint of the tab's skema API against the
 * employee, a colleague, their leader, another leader, their leader's leader, HR, no token and a
 * bad token. Each cell runs on a round of its own so an allowed write cannot change another cell.
 */

type Actor =
  | 'employee'
  | 'otherEmployee'
  | 'leader'
  | 'otherLeader'
  | 'leadersLeader'
  | 'hr'
  | 'noToken'
  | 'badToken';

const ACTORS: Record<Actor, string> = {
  employee: 'the employee',
  otherEmployee: 'another employee',
  leader: 'their leader',
  otherLeader: 'another leader',
  leadersLeader: "their leader's leader",
  hr: 'HR',
  noToken: 'a caller without a token',
  badToken: 'a caller with a bad token',
};

interface Setup {
  app: ApiTestApp;
  roundId: string;
  skema: Versioned<Skema>;
  /** Agreements `prepare` made. */
  agreementIds: string[];
}

interface Endpoint {
  name: string;
  /** Brings the round's skema to the state the call needs; returns the skema's current version. */
  prepare?: (s: Setup) => Promise<Versioned<Skema>>;
  request: (s: Setup) => { method: string; path: string; body?: unknown };
  expect: Record<Actor, number>;
  /** Extra checks on an allowed answer (what the caller may see). */
  check?: (actor: Actor, body: unknown, s: Setup) => void;
}

const DENIED_TO_ALL_BUT = (allowed: Partial<Record<Actor, number>>): Record<Actor, number> => ({
  employee: 403,
  otherEmployee: 403,
  leader: 403,
  otherLeader: 403,
  leadersLeader: 403,
  hr: 403,
  noToken: 401,
  badToken: 401,
  ...allowed,
});

const withAgreement = async (s: Setup): Promise<Versioned<Skema>> => {
  await s.app.addAgreement(s.skema.value, PEOPLE.employee);
  s.agreementIds.push('a1');
  return s.skema;
};

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/rounds',
    request: () => ({ method: 'GET', path: '/api/rounds' }),
    expect: {
      employee: 200,
      otherEmployee: 200,
      leader: 200,
      otherLeader: 200,
      leadersLeader: 200,
      hr: 200,
      noToken: 401,
      badToken: 401,
    },
    check: (actor, body, s) => {
      const ids = (body as { rounds: { id: string }[] }).rounds.map((r) => r.id);
      const takesPart = actor === 'employee' || actor === 'leader' || actor === 'hr';
      assert.equal(ids.includes(s.roundId), takesPart, `${actor} sees the round: ${takesPart}`);
    },
  },
  {
    name: 'GET /api/rounds/:roundId/team',
    request: (s) => ({ method: 'GET', path: `/api/rounds/${s.roundId}/team` }),
    expect: DENIED_TO_ALL_BUT({ leader: 200, otherLeader: 200, leadersLeader: 200, hr: 200 }),
    check: (actor, body) => {
      const team = body as { members?: { email: string }[]; counts?: { total: number } };
      const listed = (team.members ?? []).some((m) => m.email === PEOPLE.employee);
      assert.equal(listed, actor === 'leader', `${actor} sees the employee in the team`);
      assert.equal(team.counts !== undefined, actor === 'hr', `${actor} gets counts`);
      assert.doesNotMatch(JSON.stringify(body), /answers|talkNotes|privateNote/);
    },
  },
  {
    name: 'GET …/skemas/:email',
    request: (s) => ({ method: 'GET', path: skemaPath(s.roundId, PEOPLE.employee) }),
    expect: DENIED_TO_ALL_BUT({ employee: 200, leader: 200 }),
    check: (actor, body) => {
      const view = body as { privateNote?: unknown; viewerRole: string };
      assert.equal(view.viewerRole, actor);
      assert.equal('privateNote' in view, actor === 'leader');
    },
  },
  {
    name: 'PUT …/answers',
    request: (s) => ({
      method: 'PUT',
      path: skemaPath(s.roundId, PEOPLE.employee, '/answers'),
      body: { answers: { kerneopgaven: 'Rent vand' }, etag: s.skema.etag },
    }),
    expect: DENIED_TO_ALL_BUT({ employee: 200 }),
  },
  {
    name: 'POST …/start',
    request: (s) => ({
      method: 'POST',
      path: skemaPath(s.roundId, PEOPLE.employee, '/start'),
      body: { etag: s.skema.etag },
    }),
    expect: DENIED_TO_ALL_BUT({ leader: 200 }),
  },
  {
    name: 'PUT …/talk-notes',
    request: (s) => ({
      method: 'PUT',
      path: skemaPath(s.roundId, PEOPLE.employee, '/talk-notes'),
      body: { talkNotes: { kerneopgaven: 'Godt overblik' }, etag: s.skema.etag },
    }),
    expect: DENIED_TO_ALL_BUT({ leader: 200 }),
  },
  {
    name: 'PUT …/private-note',
    request: (s) => ({
      method: 'PUT',
      path: skemaPath(s.roundId, PEOPLE.employee, '/private-note'),
      body: { text: 'Virker presset', etag: null },
    }),
    expect: DENIED_TO_ALL_BUT({ leader: 200 }),
  },
  {
    name: 'POST …/agreements',
    request: (s) => ({
      method: 'POST',
      path: skemaPath(s.roundId, PEOPLE.employee, '/agreements'),
      body: { what: 'Kursus i ledningsnet', ownerEmail: PEOPLE.employee, dueDate: '2026-09-01' },
    }),
    expect: DENIED_TO_ALL_BUT({ leader: 201 }),
  },
  {
    name: 'PATCH …/agreements/:id (the employee owns it)',
    prepare: withAgreement,
    request: (s) => ({
      method: 'PATCH',
      path: skemaPath(s.roundId, PEOPLE.employee, '/agreements/a1'),
      body: { status: 'in-progress', etag: '*' },
    }),
    // The etag is filled in per cell from the stored agreement (see below).
    expect: DENIED_TO_ALL_BUT({ employee: 200, leader: 200 }),
  },
  {
    name: 'DELETE …/agreements/:id',
    prepare: withAgreement,
    request: (s) => ({
      method: 'DELETE',
      path: skemaPath(s.roundId, PEOPLE.employee, '/agreements/a1'),
    }),
    expect: DENIED_TO_ALL_BUT({ leader: 204 }),
  },
  {
    name: 'POST …/finalise',
    request: (s) => ({
      method: 'POST',
      path: skemaPath(s.roundId, PEOPLE.employee, '/finalise'),
      body: { etag: s.skema.etag, followUpDate: '2026-09-01' },
    }),
    expect: DENIED_TO_ALL_BUT({ leader: 200 }),
  },
  {
    name: 'POST …/acknowledge',
    prepare: (s) => s.app.finaliseDirectly(s.roundId),
    request: (s) => ({
      method: 'POST',
      path: skemaPath(s.roundId, PEOPLE.employee, '/acknowledge'),
      body: { etag: s.skema.etag, comment: 'Tak for en god samtale' },
    }),
    expect: DENIED_TO_ALL_BUT({ employee: 200 }),
  },
];

/** A refused call leaves the skema, its agreements and the private note as they were. */
async function assertNothingChanged(s: Setup): Promise<void> {
  const { orgId, employeeEmail } = s.skema.value;
  const stored = await s.app.repositories.skemas.get(orgId, s.roundId, employeeEmail);
  assert.equal(stored?.etag, s.skema.etag, 'the skema is unchanged');
  const agreements = await s.app.repositories.agreements.listForSkema(
    orgId,
    s.roundId,
    employeeEmail,
  );
  assert.deepEqual(
    agreements.map((a) => [a.value.id, a.value.status]),
    s.agreementIds.map((id) => [id, 'open']),
    'the agreements are unchanged',
  );
  assert.equal(
    await s.app.repositories.privateNotes.get(orgId, s.roundId, employeeEmail),
    undefined,
    'no private note was written',
  );
}

describe('the authorisation table of the tab API', () => {
  let app: ApiTestApp;
  let badToken: string;
  let cell = 0;

  before(async () => {
    app = await startApiTestApp();
    badToken = await app.sso.mintWithOtherKey({});
  });
  after(async () => {
    await app.close();
  });

  for (const endpoint of ENDPOINTS) {
    describe(endpoint.name, () => {
      for (const actor of Object.keys(ACTORS) as Actor[]) {
        const status = endpoint.expect[actor];
        const verdict = status < 300 ? `is allowed (${status})` : `is refused with ${status}`;
        it(`${ACTORS[actor]} ${verdict}`, async () => {
          cell += 1;
          const roundId = `authz-${cell}`;
          const skema = await app.createRoundWithSkema(roundId);
          const setup: Setup = { app, roundId, skema, agreementIds: [] };
          setup.skema = endpoint.prepare ? await endpoint.prepare(setup) : skema;
          const request = endpoint.request(setup);
          if (request.body && (request.body as { etag?: string }).etag === '*') {
            const agreement = await app.repositories.agreements.get(
              skema.value.orgId,
              roundId,
              PEOPLE.employee,
              'a1',
            );
            (request.body as { etag?: string }).etag = agreement?.etag;
          }
          const res = await app.call(request.method, request.path, {
            body: request.body,
            ...(actor === 'noToken'
              ? {}
              : actor === 'badToken'
                ? { authorization: `Bearer ${badToken}` }
                : { as: PEOPLE[actor] }),
          });
          assert.equal(res.status, status, JSON.stringify(res.body));
          if (status >= 400) {
            const error = (
              res.body as { error: { code: string; message: { da: string; en: string } } }
            ).error;
            assert.ok(error.message.da && error.message.en, 'a message in Danish and English');
            assert.equal(error.code, status === 401 ? 'unauthorized' : 'forbidden');
            await assertNothingChanged(setup);
          } else {
            endpoint.check?.(actor, res.body, setup);
          }
        });
      }
    });
  }
});
