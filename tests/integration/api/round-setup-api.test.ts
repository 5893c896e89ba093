import assert from 'node:assert/strict';
import { launchStep, preparationDone } from '../../../bot/mus/round.js';
import { ORG, PEOPLE, startApiTestApp, type ApiTestApp } from './api-test-app.js';

interface RoundSetupView {
  id: string;
  kind: string;
  deadlines: Record<string, string>;
  template: { sections: { id: string; kind: string; title: { da: string; en: string } }[] };
  editable: boolean;
  launched: Record<string, string | null>;
  invitation: { text?: { da: string; en: string }; questions: { da: string; en: string }[] };
  invitationEditable: boolean;
  invitationLockedBecause?: { da: string; en: string };
  etag: string;
}

interface ErrorView {
  error: { code: string; message: { da: string; en: string }; current?: RoundSetupView };
}

const section = (id: string, da: string) => ({
  id,
  kind: 'question',
  title: { da, en: `${da} (en)` },
  prompt: { da: `Hvad tænker du om ${da}?`, en: `What do you think about ${da}?` },
});

describe('HR sets up a round through the API: new round, template, deadlines', function () {
  this.timeout(60_000);
  let app: ApiTestApp;
  let round: RoundSetupView;

  before(async () => {
    app = await startApiTestApp();
  });
  after(async () => app.close());

  it('HR creates a GRUS round; others are refused with 403 and bad input with 400', async () => {
    const created = await app.call<RoundSetupView>('POST', '/api/rounds', {
      as: PEOPLE.hr,
      body: { name: 'GRUS 2027', kind: 'GRUS' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.kind, 'GRUS');
    assert.equal(created.body.editable, true);
    round = created.body;
    for (const who of [PEOPLE.employee, PEOPLE.leader]) {
      const refused = await app.call('POST', '/api/rounds', {
        as: who,
        body: { name: 'Min egen', kind: 'MUS' },
      });
      assert.equal(refused.status, 403, who);
      const read = await app.call('GET', `/api/rounds/${round.id}/template`, { as: who });
      assert.equal(read.status, 403, who);
    }
    for (const body of [{ name: '', kind: 'MUS' }, { name: 'X', kind: 'OTHER' }, { name: 'X' }]) {
      const bad = await app.call<ErrorView>('POST', '/api/rounds', { as: PEOPLE.hr, body });
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.notEqual(bad.body.error.message.da, bad.body.error.message.en);
    }
  });

  it('HR edits the template: adds, reorders and removes sections; a stale ETag gets 412 and the current one', async () => {
    const first = await app.call<RoundSetupView>('GET', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
    });
    const sections = [
      section('samarbejde', 'Samarbejdet i teamet'),
      ...first.body.template.sections.slice(0, 2),
    ];
    const saved = await app.call<RoundSetupView>('PUT', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
      headers: { 'if-match': first.body.etag },
      body: { sections },
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(
      saved.body.template.sections.map((s) => s.id),
      sections.map((s) => s.id),
    );
    const stale = await app.call<ErrorView>('PUT', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
      headers: { 'if-match': first.body.etag },
      body: { sections: [section('andet', 'Noget andet')] },
    });
    assert.equal(stale.status, 412);
    assert.deepEqual(
      stale.body.error.current?.template.sections.map((s) => s.id),
      sections.map((s) => s.id),
    );
    const noIfMatch = await app.call('PUT', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
      body: { sections },
    });
    assert.equal(noIfMatch.status, 428);
    const duplicate = await app.call<ErrorView>('PUT', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
      headers: { 'if-match': saved.body.etag },
      body: { sections: [section('a', 'A'), section('a', 'B')] },
    });
    assert.equal(duplicate.status, 400);
    round = saved.body;
  });

  it('HR sets the deadlines in step order and not in the past; a bad set changes nothing', async () => {
    const good = {
      '1': '2026-03-10',
      '2': '2026-03-17',
      '3': '2026-03-24',
      '4': '2026-04-30',
      '5': '2026-05-15',
    };
    const saved = await app.call<RoundSetupView>('PUT', `/api/rounds/${round.id}/deadlines`, {
      as: PEOPLE.hr,
      headers: { 'if-match': round.etag },
      body: good,
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.deadlines, good);
    for (const body of [
      { ...good, '2': '2026-03-01' },
      { ...good, '1': '2025-01-01' },
      { ...good, '5': '15-05-2026' },
      { '1': '2026-03-10' },
    ]) {
      const bad = await app.call<ErrorView>('PUT', `/api/rounds/${round.id}/deadlines`, {
        as: PEOPLE.hr,
        headers: { 'if-match': saved.body.etag },
        body,
      });
      assert.equal(bad.status, 400, JSON.stringify(body));
    }
    const after = await app.call<RoundSetupView>('GET', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
    });
    assert.deepEqual(after.body.deadlines, good);
    round = after.body;
  });

  it('HR writes their own text and questions for the step-2 card; others 403, bad input 400, stale 412', async () => {
    const path = `/api/rounds/${round.id}/invitation`;
    const body = {
      text: { da: 'I år taler vi om fællesskabet.', en: 'This year we talk about the community.' },
      questions: [{ da: 'Hvad er du stolt af?', en: 'What are you proud of?' }],
    };
    for (const who of [PEOPLE.employee, PEOPLE.leader]) {
      const refused = await app.call('PUT', path, {
        as: who,
        headers: { 'if-match': round.etag },
        body,
      });
      assert.equal(refused.status, 403, who);
    }
    const saved = await app.call<RoundSetupView>('PUT', path, {
      as: PEOPLE.hr,
      headers: { 'if-match': round.etag },
      body,
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.invitation, body);
    assert.equal(saved.headers.get('etag'), saved.body.etag);

    const stale = await app.call<ErrorView>('PUT', path, {
      as: PEOPLE.hr,
      headers: { 'if-match': round.etag },
      body: { text: null, questions: [] },
    });
    assert.equal(stale.status, 412);
    assert.deepEqual(stale.body.error.current?.invitation, body);

    for (const bad of [
      { text: { da: 'Kun dansk' }, questions: [] },
      { text: null, questions: [{ da: '', en: 'Empty Danish' }] },
      { text: null, questions: Array.from({ length: 9 }, () => ({ da: 'Spm', en: 'Q' })) },
      { text: null, questions: [], extra: true },
    ]) {
      const refused = await app.call<ErrorView>('PUT', path, {
        as: PEOPLE.hr,
        headers: { 'if-match': saved.body.etag },
        body: bad,
      });
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.ok(refused.body.error.message.da && refused.body.error.message.en);
    }
    const stored = (await app.repositories.rounds.get(ORG, round.id))!.value;
    assert.deepEqual(stored.invitation, body);
    round = saved.body;
  });

  it('once step 3 is launched the template is read-only: 409 with the reason', async () => {
    const stored = (await app.repositories.rounds.get(ORG, round.id))!;
    const now = new Date('2026-03-02T10:00:00Z');
    let launched = stored.value;
    for (const step of [1, 2, 3] as const)
      launched = preparationDone(launchStep(launched, step, PEOPLE.hr, now), step, now);
    const after = await app.repositories.rounds.update(launched, stored.etag);
    const read = await app.call<RoundSetupView>('GET', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
    });
    assert.equal(read.body.editable, false);
    assert.equal(read.body.invitationEditable, false);
    assert.match(read.body.invitationLockedBecause?.da ?? '', /trin 2/);
    assert.deepEqual(
      Object.keys(read.body.launched).filter((s) => read.body.launched[s]),
      ['1', '2', '3'],
    );
    const lockedInvitation = await app.call<ErrorView>(
      'PUT',
      `/api/rounds/${round.id}/invitation`,
      {
        as: PEOPLE.hr,
        headers: { 'if-match': after.etag },
        body: { text: null, questions: [] },
      },
    );
    assert.equal(lockedInvitation.status, 409);
    const locked = await app.call<ErrorView>('PUT', `/api/rounds/${round.id}/template`, {
      as: PEOPLE.hr,
      headers: { 'if-match': after.etag },
      body: { sections: [section('sent', 'For sent')] },
    });
    assert.equal(locked.status, 409);
    assert.match(locked.body.error.message.da, /sendt/);
    const unchanged = (await app.repositories.rounds.get(ORG, round.id))!.value.template;
    assert.ok(!unchanged.sections.some((s) => s.id === 'sent'));
  });
});
