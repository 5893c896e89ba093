import assert from 'node:assert/strict';
import type { GroupTalkView } from '../../../bot/group-talk/group-talk-view.js';
import { defaultGrusTemplate } from '../../../bot/mus/default-template.js';
import type { Repositories } from '../../../bot/mus/repositories.js';
import { newRound } from '../../../bot/mus/round.js';
import { saveAnswers } from '../../../bot/mus/skema.js';
import { sendSkema } from '../../../bot/rollout/steps/step-3-send-skema.js';
import { NOW, ORG, startApiTestApp, type ApiTestApp } from './api-test-app.js';

/*
 * The group talk API (GRUS) as production runs it: SSO tokens, real Azurite, the team's group talk
 * made by step 3's own `prepare`. Søren Dahl leads eight in Kundeservice; two of them prepare.
 */

const ROUND = 'grus-2026';
const WHO = {
  leader: 'soren.dahl@vandvaerk.example',
  member: 'pernille.krogh@vandvaerk.example',
  member2: 'lars.christensen@vandvaerk.example',
  quietMember: 'maja.thomsen@vandvaerk.example',
  outsider: 'jens.madsen@vandvaerk.example',
  otherLeader: 'anja.holm@vandvaerk.example',
  leadersLeader: 'mette.kjaer@vandvaerk.example',
  hr: 'lone.hvid@vandvaerk.example',
} as const;
const PATH = `/api/rounds/${ROUND}/group-talks/${encodeURIComponent(WHO.leader)}`;

describe('the group talk API (GRUS)', function () {
  this.timeout(60_000);
  let app: ApiTestApp;
  let repositories: Repositories;

  const call = <T = GroupTalkView>(
    method: string,
    path: string,
    options: { as?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: T }> => app.call<T>(method, path, options);

  const prepare = async (email: string, answers: Record<string, string>): Promise<void> => {
    const stored = await repositories.skemas.get(ORG, ROUND, email);
    assert.ok(stored, `a skema for ${email}`);
    const next = saveAnswers(stored.value, answers, { submit: true, by: email, now: NOW });
    await repositories.skemas.update(next, stored.etag, stored.value);
  };

  before(async () => {
    app = await startApiTestApp();
    ({ repositories } = app);

    const round = newRound({
      orgId: ORG,
      id: ROUND,
      name: 'GRUS 2026',
      kind: 'GRUS',
      createdBy: WHO.hr,
      now: NOW,
      template: defaultGrusTemplate(),
    });
    await repositories.rounds.create(round);
    await sendSkema.prepare!(repositories, round, await repositories.people.list(ORG), NOW);
    await prepare(WHO.member, {
      kerneopgaven: 'Vi svarer borgerne samme dag.',
      vaerdier: 'Ærlighed.',
    });
    await prepare(WHO.member2, { kerneopgaven: 'Vi hjælper hinanden i spidsbelastning.' });
  });

  after(async () => app.close());

  it('the leader sees every prepared answer per question with names, and who has not prepared', async () => {
    const res = await call('GET', PATH, { as: WHO.leader });
    assert.equal(res.status, 200);
    const view = res.body;
    assert.equal(view.viewerRole, 'leader');
    assert.equal(view.members.length, 8);
    const core = view.preparations?.find((p) => p.sectionId === 'kerneopgaven');
    assert.deepEqual(
      core?.answers.map((a) => [a.name, a.text]),
      [
        ['Lars Christensen', 'Vi hjælper hinanden i spidsbelastning.'],
        ['Pernille Krogh', 'Vi svarer borgerne samme dag.'],
      ],
    );
    assert.equal(view.notPrepared?.length, 6);
    assert.ok(view.notPrepared?.some((p) => p.name === 'Maja Thomsen'));
    assert.deepEqual(view.can, {
      editNotes: true,
      start: true,
      finalise: true,
      acknowledge: false,
    });
    // Opening the preparations is written to each prepared member's own audit trail.
    const trail = await repositories.audit.listAbout(ORG, WHO.member, 10);
    assert.equal(trail[0]?.viewer?.email, WHO.leader);
    assert.deepEqual(await repositories.audit.listAbout(ORG, WHO.quietMember, 10), []);
  });

  it('a member sees who takes part, but no notes before finalising and never the others’ preparation', async () => {
    const res = await call('GET', PATH, { as: WHO.member2 });
    assert.equal(res.status, 200);
    assert.equal(res.body.viewerRole, 'member');
    assert.equal(res.body.notes, null);
    assert.equal(res.body.preparations, null);
    const text = JSON.stringify(res.body);
    assert.ok(!text.includes('Vi svarer borgerne samme dag.'), 'no other member’s answer');
    assert.ok(res.body.members.every((m) => m.prepared === null));
  });

  const DENIED: [string, number][] = [
    [WHO.outsider, 403],
    [WHO.otherLeader, 403],
    [WHO.leadersLeader, 403],
    [WHO.hr, 403],
  ];
  const ENDPOINTS: {
    name: string;
    method: string;
    path: string;
    body?: unknown;
    member: number;
  }[] = [
    { name: 'GET', method: 'GET', path: PATH, member: 200 },
    {
      name: 'PUT notes',
      method: 'PUT',
      path: `${PATH}/notes`,
      body: { notes: { vaerdier: 'x' }, etag: 'W/"x"' },
      member: 403,
    },
    {
      name: 'POST start',
      method: 'POST',
      path: `${PATH}/start`,
      body: { etag: 'W/"x"' },
      member: 403,
    },
    {
      name: 'POST finalise',
      method: 'POST',
      path: `${PATH}/finalise`,
      body: { etag: 'W/"x"' },
      member: 403,
    },
    // Before finalising the member is refused by the method's rule (409), the others by access (403).
    {
      name: 'POST acknowledge',
      method: 'POST',
      path: `${PATH}/acknowledge`,
      body: {},
      member: 409,
    },
  ];
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name}: a member gets ${endpoint.member}; outsiders, other leaders, the leader’s leader and HR 403; no token 401`, async () => {
      const { method, path, body } = endpoint;
      assert.equal((await call(method, path, { as: WHO.member, body })).status, endpoint.member);
      for (const [who, status] of DENIED) {
        assert.equal((await call(method, path, { as: who, body })).status, status, who);
      }
      assert.equal((await call(method, path, { body })).status, 401);
    });
  }

  it('refuses unknown fields, unknown sections and a group talk that does not exist', async () => {
    const { body: view } = await call('GET', PATH, { as: WHO.leader });
    const unknown = await call('PUT', `${PATH}/notes`, {
      as: WHO.leader,
      body: { notes: {}, etag: view.etag, extra: 1 },
    });
    assert.equal(unknown.status, 400);
    const section = await call('PUT', `${PATH}/notes`, {
      as: WHO.leader,
      body: { notes: { ukendt: 'x' }, etag: view.etag },
    });
    assert.equal(section.status, 400);
    const none = await call(
      'GET',
      `/api/rounds/${ROUND}/group-talks/${encodeURIComponent(WHO.outsider)}`,
      { as: WHO.outsider },
    );
    assert.equal(none.status, 404, 'their own (missing) group talk: 404');
    // Someone else's group talk that does not exist answers as one that does: 403, so who leads a
    // group talk cannot be probed.
    const probe = await call(
      'GET',
      `/api/rounds/${ROUND}/group-talks/${encodeURIComponent('ingen.leder@vandvaerk.example')}`,
      { as: WHO.outsider },
    );
    assert.equal(probe.status, 403);
  });

  it('a stale notes save gets 412 with the stored version and what changed; nothing is overwritten', async () => {
    const { body: view } = await call('GET', PATH, { as: WHO.leader });
    const first = await call('PUT', `${PATH}/notes`, {
      as: WHO.leader,
      body: { notes: { kerneopgaven: 'Fælles: vi svarer samme dag.' }, etag: view.etag },
    });
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'held');
    const stale = await call<{
      error: { code: string; current: GroupTalkView; changed: string[] };
    }>('PUT', `${PATH}/notes`, {
      as: WHO.leader,
      body: { notes: { kerneopgaven: 'Gammel tekst' }, etag: view.etag },
    });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.code, 'conflict');
    assert.equal(stale.body.error.current.notes?.kerneopgaven, 'Fælles: vi svarer samme dag.');
    assert.equal(stale.body.error.current.etag, first.body.etag);
    assert.deepEqual(stale.body.error.changed, ['notes.kerneopgaven']);
  });

  it('after finalising, members read the notes and each acknowledges once; the leader sees who did', async () => {
    const { body: view } = await call('GET', PATH, { as: WHO.leader });
    const saved = await call('PUT', `${PATH}/notes`, {
      as: WHO.leader,
      body: {
        notes: { aftaler: 'Lars laver en ny vagtplan inden 1. juni.' },
        followUpDate: '2026-09-01',
        etag: view.etag,
      },
    });
    const done = await call('POST', `${PATH}/finalise`, {
      as: WHO.leader,
      body: { etag: saved.body.etag },
    });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'finalised');
    assert.equal(
      (
        await call('PUT', `${PATH}/notes`, {
          as: WHO.leader,
          body: { notes: { aftaler: 'x' }, etag: done.body.etag },
        })
      ).status,
      409,
    );

    const memberView = await call('GET', PATH, { as: WHO.quietMember });
    assert.equal(memberView.body.notes?.aftaler, 'Lars laver en ny vagtplan inden 1. juni.');
    assert.equal(memberView.body.followUpDate, '2026-09-01');
    assert.equal(memberView.body.can.acknowledge, true);
    const ack = await call('POST', `${PATH}/acknowledge`, { as: WHO.quietMember, body: {} });
    assert.equal(ack.status, 200);
    assert.ok(ack.body.members.find((m) => m.email === WHO.quietMember)?.acknowledgedAt);
    assert.equal(ack.body.members.find((m) => m.email === WHO.member)?.acknowledgedAt, null);
    assert.equal(
      (await call('POST', `${PATH}/acknowledge`, { as: WHO.quietMember, body: {} })).status,
      409,
    );
    assert.equal(
      (await call('POST', `${PATH}/acknowledge`, { as: WHO.member })).status,
      200,
      'no body is fine',
    );
    assert.equal(
      (await call('POST', `${PATH}/acknowledge`, { as: WHO.leader, body: {} })).status,
      403,
    );

    const leaderView = await call('GET', PATH, { as: WHO.leader });
    assert.equal(leaderView.body.members.filter((m) => m.acknowledgedAt).length, 2);
  });
});
