import { personRef } from '../../../bot/logger.js';
import assert from 'node:assert/strict';
import type { SkemaView } from '../../../bot/skema/skema-view.js';
import type { AgreementView } from '../../../bot/skema/skema-view.js';
import type { TeamOverview } from '../../../bot/skema/leader-team.js';
import type { RoundSummary } from '../../../bot/skema/my-rounds.js';
import { ANSWER_MAX_CHARS } from '../../../bot/mus/skema-template.js';
import {
  CORE_TASK,
  ORG,
  PEOPLE,
  skemaPath,
  startApiTestApp,
  type ApiTestApp,
} from './api-test-app.js';

/*
 * The skema's life through the tab's API, as the employee and the leader live it: preparation,
 * the talk, conflicts between two writers, private notes, agreements, finalising and acknowledging.
 */

interface ErrorBody {
  error: {
    code: string;
    message: { da: string; en: string };
    issues?: { where: string; message: { da: string; en: string } }[];
    current?: unknown;
    changed?: string[];
  };
}

const { employee: EMPLOYEE, leader: LEADER, hr: HR } = PEOPLE;

describe('the skema API', () => {
  let app: ApiTestApp;
  let round = 0;
  let roundId: string;
  const path = (rest = ''): string => skemaPath(roundId, EMPLOYEE, rest);
  const view = async (as: string): Promise<SkemaView> => {
    const res = await app.call('GET', path(), { as });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as SkemaView;
  };
  const stored = async () => (await app.repositories.skemas.get(ORG, roundId, EMPLOYEE))!;

  before(async () => {
    app = await startApiTestApp();
  });
  after(async () => {
    await app.close();
  });
  beforeEach(async () => {
    round += 1;
    roundId = `mus-${round}`;
    await app.createRoundWithSkema(roundId);
  });

  it('the employee opens their skema with the core task, the template and both names', async () => {
    const skema = await view(EMPLOYEE);
    assert.equal(skema.viewerRole, 'employee');
    assert.equal(skema.coreTask, CORE_TASK);
    assert.equal(skema.status, 'sent');
    assert.deepEqual(skema.employee, { email: EMPLOYEE, name: 'Pernille Krogh' });
    assert.deepEqual(skema.leader, { email: LEADER, name: 'Søren Dahl' });
    assert.ok(skema.template.sections.some((s) => s.id === 'kerneopgaven'));
    assert.equal(skema.can.editAnswers, true);
    assert.equal(skema.can.finalise, false);
    assert.equal('privateNote' in skema, false);
  });

  it('the employee saves a draft, submits it, and edits it again before the talk', async () => {
    const first = await view(EMPLOYEE);
    const draft = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: 'Rent vand' }, etag: first.etag },
    });
    assert.equal(draft.status, 200);
    const afterDraft = draft.body as SkemaView;
    assert.equal(afterDraft.status, 'sent', 'a draft leaves the status alone');
    assert.notEqual(afterDraft.etag, first.etag);

    const submitted = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { handlinger: 'Flere tilsyn' }, submit: true, etag: afterDraft.etag },
    });
    const afterSubmit = submitted.body as SkemaView;
    assert.equal(afterSubmit.status, 'prepared');
    assert.ok(afterSubmit.preparedAt);

    const edited = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: 'Rent vand til alle' }, etag: afterSubmit.etag },
    });
    assert.equal(edited.status, 200);
    assert.deepEqual((await stored()).value.answers, {
      kerneopgaven: 'Rent vand til alle',
      handlinger: 'Flere tilsyn',
    });
    assert.equal((await stored()).value.status, 'prepared');
  });

  it("once the leader starts the talk the employee's edit is refused with 409 and nothing changes", async () => {
    const before = await view(EMPLOYEE);
    const started = await app.call('POST', path('/start'), {
      as: LEADER,
      body: { etag: before.etag },
    });
    assert.equal(started.status, 200);
    assert.equal((started.body as SkemaView).status, 'held');

    const refused = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: 'For sent' }, etag: (started.body as SkemaView).etag },
    });
    assert.equal(refused.status, 409);
    const error = (refused.body as ErrorBody).error;
    assert.equal(error.code, 'not_allowed_now');
    assert.match(error.message.da, /Samtalen er gået i gang/);
    assert.deepEqual((await stored()).value.answers, {});
    assert.equal((await view(EMPLOYEE)).can.editAnswers, false);
  });

  it('the leader writes talk notes and the common understandings during the talk', async () => {
    const before = await view(LEADER);
    assert.equal(before.viewerRole, 'leader');
    const res = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      body: {
        talkNotes: { kerneopgaven: 'Deler billedet af kerneopgaven' },
        understandings: [true, true, false, true],
        etag: before.etag,
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const after = res.body as SkemaView;
    assert.equal(after.status, 'held', 'the first note starts the talk');
    assert.deepEqual(after.understandings, [true, true, false, true]);
    const asEmployee = await view(EMPLOYEE);
    assert.equal(asEmployee.talkNotes.kerneopgaven, 'Deler billedet af kerneopgaven');
  });

  it('an autosave asking for the short answer gets the new version only, and the next one saves on it', async () => {
    const before = await view(LEADER);
    const minimal = { prefer: 'return=minimal' };
    const first = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      headers: minimal,
      body: { talkNotes: { kerneopgaven: 'Første udkast' }, etag: before.etag },
    });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.headers.get('preference-applied'), 'return=minimal');
    const saved = first.body as { etag: string; updatedAt: string; status: string };
    assert.deepEqual(Object.keys(saved).sort(), ['etag', 'status', 'updatedAt']);
    assert.equal(saved.status, 'held');
    assert.equal(saved.etag, (await stored()).etag);

    const second = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      headers: minimal,
      body: { talkNotes: { kerneopgaven: 'Andet udkast' }, etag: saved.etag },
    });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    // A stale one is refused with the whole view, as without the preference.
    const stale = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      headers: minimal,
      body: { talkNotes: { kerneopgaven: 'For sent' }, etag: saved.etag },
    });
    assert.equal(stale.status, 412);
    const current = (stale.body as ErrorBody).error.current as SkemaView;
    assert.equal(current.talkNotes.kerneopgaven, 'Andet udkast');
    assert.equal((await view(EMPLOYEE)).talkNotes.kerneopgaven, 'Andet udkast');
  });

  it('planning the talk time alone leaves the preparation open', async () => {
    const before = await view(LEADER);
    const res = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      body: { talkAt: '2026-04-14T10:00:00+02:00', etag: before.etag },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const after = res.body as SkemaView;
    assert.equal(after.talkAt, '2026-04-14T10:00:00+02:00');
    assert.equal(after.status, 'sent');
    assert.equal(after.can.editAnswers, false, 'the leader never edits answers');
    assert.equal((await view(EMPLOYEE)).can.editAnswers, true);

    const team = await app.call('GET', `/api/rounds/${roundId}/team`, { as: LEADER });
    const member = (team.body as TeamOverview).members?.find((m) => m.email === EMPLOYEE);
    assert.equal(member?.talkAt, '2026-04-14T10:00:00+02:00');
    assert.equal(member?.status, 'sent');
  });

  it("two writers on one version: the second gets 412 with the current skema and what changed, and the loser's text is not stored", async () => {
    const base = await view(LEADER);
    const winner = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      body: { talkNotes: { kerneopgaven: 'Fra mødelokalet' }, etag: base.etag },
    });
    assert.equal(winner.status, 200);
    const loser = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      body: {
        talkNotes: { kerneopgaven: 'Fra mobilen', 'rammer-og-retning': 'Ny note' },
        etag: base.etag,
      },
    });
    assert.equal(loser.status, 412);
    const error = (loser.body as ErrorBody).error;
    assert.equal(error.code, 'conflict');
    assert.ok(error.message.da && error.message.en);
    const current = error.current as SkemaView;
    assert.equal(current.talkNotes.kerneopgaven, 'Fra mødelokalet');
    assert.equal(current.etag, (winner.body as SkemaView).etag);
    assert.ok(current.privateNote, 'current is the view the leader may see');
    assert.deepEqual(error.changed, ['talkNotes.kerneopgaven', 'talkNotes.rammer-og-retning']);
    assert.deepEqual((await stored()).value.talkNotes, { kerneopgaven: 'Fra mødelokalet' });
  });

  it("the employee's conflict carries only what the employee may see", async () => {
    const base = await view(EMPLOYEE);
    await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: 'Fra Teams-chatten' }, etag: base.etag },
    });
    await app.call('PUT', path('/private-note'), {
      as: LEADER,
      body: { text: 'Kun til mig', etag: null },
    });
    const loser = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: 'Fra fanen' }, etag: base.etag },
    });
    assert.equal(loser.status, 412);
    const error = (loser.body as ErrorBody).error;
    assert.deepEqual(error.changed, ['answers.kerneopgaven']);
    assert.equal((error.current as SkemaView).answers.kerneopgaven, 'Fra Teams-chatten');
    assert.doesNotMatch(JSON.stringify(loser.body), /Kun til mig/);
  });

  it('the private note is returned to its leader only, never to the employee or HR', async () => {
    const created = await app.call('PUT', path('/private-note'), {
      as: LEADER,
      body: { text: 'Overvej at tale om arbejdspres', etag: null },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const note = created.body as { text: string; etag: string };
    assert.equal(note.text, 'Overvej at tale om arbejdspres');

    assert.deepEqual((await view(LEADER)).privateNote, note);
    const asEmployee = await app.call('GET', path(), { as: EMPLOYEE });
    assert.doesNotMatch(JSON.stringify(asEmployee.body), /arbejdspres/);
    for (const as of [HR, PEOPLE.otherLeader, PEOPLE.leadersLeader]) {
      const res = await app.call('GET', path(), { as });
      assert.equal(res.status, 403);
      assert.doesNotMatch(JSON.stringify(res.body), /arbejdspres/);
    }
    const team = await app.call('GET', `/api/rounds/${roundId}/team`, { as: HR });
    assert.doesNotMatch(JSON.stringify(team.body), /arbejdspres/);

    const stale = await app.call('PUT', path('/private-note'), {
      as: LEADER,
      body: { text: 'En anden udgave', etag: null },
    });
    assert.equal(stale.status, 412);
    assert.deepEqual((stale.body as ErrorBody).error.current, note);
    assert.deepEqual((stale.body as ErrorBody).error.changed, ['privateNote']);
    const updated = await app.call('PUT', path('/private-note'), {
      as: LEADER,
      body: { text: 'En anden udgave', etag: note.etag },
    });
    assert.equal(updated.status, 200);
  });

  it('an agreement is carried by the employee or the leader; a third person as owner is refused', async () => {
    const refused = await app.call('POST', path('/agreements'), {
      as: LEADER,
      body: { what: 'Skygge en kollega', ownerEmail: PEOPLE.otherEmployee, dueDate: '2026-06-01' },
    });
    assert.equal(refused.status, 400);
    const error = (refused.body as ErrorBody).error;
    assert.deepEqual(
      error.issues?.map((i) => i.where),
      ['ownerEmail'],
    );
    assert.match(error.issues?.[0]?.message.da ?? '', /medarbejderen eller lederen/);
    assert.deepEqual(await app.repositories.agreements.listForSkema(ORG, roundId, EMPLOYEE), []);

    const made = await app.call('POST', path('/agreements'), {
      as: LEADER,
      body: {
        what: 'Kursus i ledningsnet',
        ownerEmail: EMPLOYEE.toUpperCase(),
        dueDate: '2026-06-01',
      },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const agreement = made.body as AgreementView;
    assert.equal(agreement.ownerEmail, EMPLOYEE);
    assert.equal(agreement.status, 'open');
    assert.deepEqual(
      (await view(EMPLOYEE)).agreements.map((a) => [a.id, a.canUpdateStatus]),
      [[agreement.id, true]],
    );
  });

  it("an agreement's status is moved on by its owner or the leader; a stale change gets 412 with the current agreement", async () => {
    const mine = await app.addAgreement((await stored()).value, EMPLOYEE, 'egen');
    const leaders = await app.addAgreement((await stored()).value, LEADER, 'lederens');
    const byOwner = await app.call('PATCH', path('/agreements/egen'), {
      as: EMPLOYEE,
      body: { status: 'in-progress', etag: mine.etag },
    });
    assert.equal(byOwner.status, 200);
    const notOwner = await app.call('PATCH', path('/agreements/lederens'), {
      as: EMPLOYEE,
      body: { status: 'done', etag: leaders.etag },
    });
    assert.equal(notOwner.status, 403);
    const rewordByEmployee = await app.call('PATCH', path('/agreements/egen'), {
      as: EMPLOYEE,
      body: { what: 'Noget andet', etag: (byOwner.body as AgreementView).etag },
    });
    assert.equal(rewordByEmployee.status, 403);

    const stale = await app.call('PATCH', path('/agreements/egen'), {
      as: LEADER,
      body: { status: 'dropped', etag: mine.etag },
    });
    assert.equal(stale.status, 412);
    const error = (stale.body as ErrorBody).error;
    assert.equal((error.current as AgreementView).status, 'in-progress');
    assert.equal((error.current as AgreementView).etag, (byOwner.body as AgreementView).etag);
    assert.deepEqual(error.changed, ['status']);
    const kept = await app.repositories.agreements.get(ORG, roundId, EMPLOYEE, 'egen');
    assert.equal(kept?.value.status, 'in-progress');

    const missing = await app.call('DELETE', path('/agreements/findes-ikke'), { as: LEADER });
    assert.equal(missing.status, 404);
  });

  it('finalising calls onFinalised once and makes the notes and agreements read-only', async () => {
    const calls = app.finalised.length;
    const made = await app.call('POST', path('/agreements'), {
      as: LEADER,
      body: { what: 'Mentorordning', ownerEmail: LEADER, dueDate: '2026-05-01' },
    });
    const agreement = made.body as AgreementView;
    const before = await view(LEADER);
    const done = await app.call('POST', path('/finalise'), {
      as: LEADER,
      body: { etag: before.etag, followUpDate: '2026-10-01' },
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const after = done.body as SkemaView;
    assert.equal(after.status, 'finalised');
    assert.equal(after.followUpDate, '2026-10-01');
    assert.equal(after.can.editTalkNotes, false);
    assert.equal(app.finalised.length, calls + 1);
    assert.equal(app.finalised.at(-1)?.employeeEmail, EMPLOYEE);
    assert.equal(app.finalised.at(-1)?.status, 'finalised');

    const notes = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      body: { talkNotes: { kerneopgaven: 'Efterrationalisering' }, etag: after.etag },
    });
    assert.equal(notes.status, 409);
    const again = await app.call('POST', path('/finalise'), {
      as: LEADER,
      body: { etag: after.etag },
    });
    assert.equal(again.status, 409);
    assert.equal(app.finalised.length, calls + 1, 'not called again');
    const added = await app.call('POST', path('/agreements'), {
      as: LEADER,
      body: { what: 'Noget nyt', ownerEmail: EMPLOYEE, dueDate: '2026-06-01' },
    });
    assert.equal(added.status, 409);
    const removed = await app.call('DELETE', path(`/agreements/${agreement.id}`), { as: LEADER });
    assert.equal(removed.status, 409);

    const progressed = await app.call('PATCH', path(`/agreements/${agreement.id}`), {
      as: LEADER,
      body: { status: 'done', etag: agreement.etag },
    });
    assert.equal(progressed.status, 200, 'the plan is followed up after finalising');
    assert.equal((progressed.body as AgreementView).status, 'done');
    const reworded = await app.call('PATCH', path(`/agreements/${agreement.id}`), {
      as: LEADER,
      body: { what: 'Omskrevet', etag: (progressed.body as AgreementView).etag },
    });
    assert.equal(reworded.status, 409);
  });

  it('a failing onFinalised hook is logged and the talk stays finalised', async () => {
    app.failOnFinalised(true);
    try {
      const before = await view(LEADER);
      const done = await app.call('POST', path('/finalise'), {
        as: LEADER,
        body: { etag: before.etag },
      });
      assert.equal(done.status, 200);
      assert.equal((await stored()).value.status, 'finalised');
      assert.ok(app.logLines.some((l) => l.msg === 'onFinalised failed'));
    } finally {
      app.failOnFinalised(false);
    }
  });

  it('the employee acknowledges the summary with a comment, once', async () => {
    const finalised = await app.finaliseDirectly(roundId);
    const res = await app.call('POST', path('/acknowledge'), {
      as: EMPLOYEE,
      body: { etag: finalised.etag, comment: 'Tak — jeg savner en aftale om efteruddannelse.' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body as SkemaView).status, 'acknowledged');
    assert.equal(
      (await stored()).value.employeeComment,
      'Tak — jeg savner en aftale om efteruddannelse.',
    );
    assert.equal(
      (await view(LEADER)).employeeComment,
      'Tak — jeg savner en aftale om efteruddannelse.',
    );
    const twice = await app.call('POST', path('/acknowledge'), {
      as: EMPLOYEE,
      body: { etag: (res.body as SkemaView).etag },
    });
    assert.equal(twice.status, 409);
    assert.match((twice.body as ErrorBody).error.message.da, /allerede kvitteret/);
  });

  it('acknowledging before the talk is finalised is refused with 409', async () => {
    const before = await view(EMPLOYEE);
    const res = await app.call('POST', path('/acknowledge'), {
      as: EMPLOYEE,
      body: { etag: before.etag },
    });
    assert.equal(res.status, 409);
  });

  it('an oversize answer is refused with 400 naming the field, and nothing changes', async () => {
    const before = await stored();
    const res = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: {
        answers: { kerneopgaven: 'Kort', handlinger: 'x'.repeat(ANSWER_MAX_CHARS + 1) },
        etag: before.etag,
      },
    });
    assert.equal(res.status, 400);
    const error = (res.body as ErrorBody).error;
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(
      error.issues?.map((i) => i.where),
      ['answers.handlinger'],
    );
    assert.match(error.issues?.[0]?.message.da ?? '', /Højst 4000 tegn/);
    assert.match(error.issues?.[0]?.message.en ?? '', /At most 4000 characters/);
    assert.equal((await stored()).etag, before.etag);
  });

  it('a body over 2 MB is refused with 413 in both languages', async () => {
    const before = await stored();
    const res = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: 'x'.repeat(2 * 1024 * 1024) }, etag: before.etag },
    });
    assert.equal(res.status, 413);
    assert.ok((res.body as ErrorBody).error.message.da);
    assert.equal((await stored()).etag, before.etag);
  });

  it('an answer for a question the skema does not have is refused with 400', async () => {
    const before = await stored();
    const res = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { 'ukendt-spoergsmaal': 'Hej' }, etag: before.etag },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(
      (res.body as ErrorBody).error.issues?.map((i) => i.where),
      ['answers.ukendt-spoergsmaal'],
    );
  });

  it('unknown fields are refused with 400 and a bilingual issue', async () => {
    const before = await stored();
    const res = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: {}, etag: before.etag, status: 'finalised' },
    });
    assert.equal(res.status, 400);
    const issue = (res.body as ErrorBody).error.issues?.[0];
    assert.deepEqual(issue, {
      where: '(body)',
      message: { da: 'Ukendt felt: status.', en: 'Unknown field: status.' },
    });
  });

  it('a missing etag and a body that is not JSON are refused with 400', async () => {
    const missing = await app.call('POST', path('/start'), { as: LEADER, body: {} });
    assert.equal(missing.status, 400);
    assert.deepEqual(
      (missing.body as ErrorBody).error.issues?.map((i) => [i.where, i.message.da]),
      [['etag', 'Feltet mangler.']],
    );
    const res = await fetch(app.url + path('/start'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await app.tokenFor(LEADER)}`,
        'content-type': 'application/json',
      },
      body: '{"etag": ',
    });
    assert.equal(res.status, 400);
    assert.ok(((await res.json()) as ErrorBody).error.message.da);
  });

  it('HTML and markdown in answers are stored and returned verbatim', async () => {
    const text = '<script>alert("x")</script> **fed** [link](javascript:alert(1)) & <b>ø</b>';
    const before = await stored();
    const res = await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: text }, etag: before.etag },
    });
    assert.equal(res.status, 200);
    assert.equal((await stored()).value.answers.kerneopgaven, text);
    assert.equal((await view(LEADER)).answers.kerneopgaven, text);
  });

  it('emails in paths are URL-decoded and matched in lower case', async () => {
    const res = await app.call('GET', skemaPath(roundId, '  Pernille.Krogh@Vandvaerk.Example'), {
      as: EMPLOYEE,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body as SkemaView).employee.email, EMPLOYEE);
  });

  it('a skema that does not exist is 404 to its would-be parties and 403 to anyone else', async () => {
    const absent = skemaPath(roundId, PEOPLE.otherEmployee);
    assert.equal((await app.call('GET', absent, { as: PEOPLE.otherEmployee })).status, 404);
    assert.equal((await app.call('GET', absent, { as: LEADER })).status, 404);
    assert.equal((await app.call('GET', absent, { as: EMPLOYEE })).status, 403);
    assert.equal((await app.call('GET', absent, { as: HR })).status, 403);
  });

  it("a leader opening an employee's skema leaves an audit line in the log, naming both by hash", async () => {
    await view(LEADER);
    const line = app.logLines.find(
      (l) => l.audit === 'skema-opened' && l.roundId === roundId && l.by === personRef(LEADER),
    );
    assert.ok(line, 'audit line written');
    assert.equal(line.employee, personRef(EMPLOYEE));
  });

  it('the rounds list shows each round the viewer takes part in, newest first, with their part', async () => {
    const res = await app.call('GET', '/api/rounds', { as: EMPLOYEE });
    assert.equal(res.status, 200);
    const rounds = (res.body as { rounds: RoundSummary[] }).rounds;
    const mine = rounds.find((r) => r.id === roundId);
    assert.deepEqual(mine?.roles, ['employee']);
    assert.deepEqual(mine?.mySkema, { status: 'sent', leaderEmail: LEADER, talkAt: null });
    assert.equal(mine?.team, null);
    const created = rounds.map((r) => r.createdAt);
    assert.ok(created.length > 1);
    assert.deepEqual(created, [...created].sort().reverse());
    assert.equal(rounds[0]?.id, roundId, 'the newest round first');

    const asLeader = (await app.call('GET', '/api/rounds', { as: LEADER })).body as {
      rounds: RoundSummary[];
    };
    const led = asLeader.rounds.find((r) => r.id === roundId);
    assert.deepEqual(led?.roles, ['leader']);
    assert.equal(led?.team?.byStatus.sent, 1);
  });

  it("HR sees the round's counts per status and no contents", async () => {
    const before = await stored();
    await app.call('PUT', path('/answers'), {
      as: EMPLOYEE,
      body: { answers: { kerneopgaven: 'Hemmeligt svar' }, submit: true, etag: before.etag },
    });
    await app.createRoundWithSkema(roundId, PEOPLE.otherEmployee);
    const res = await app.call('GET', `/api/rounds/${roundId}/team`, { as: HR });
    assert.equal(res.status, 200);
    const team = res.body as TeamOverview;
    assert.equal(team.members, undefined);
    assert.equal(team.counts?.total, 2);
    assert.equal(team.counts?.byStatus.prepared, 1);
    assert.equal(team.counts?.byStatus.sent, 1);
    assert.doesNotMatch(JSON.stringify(team), /Hemmeligt|pernille|lars/);
  });

  it("the leader's team lists every employee, also those the round has no skema for", async () => {
    const res = await app.call('GET', `/api/rounds/${roundId}/team`, { as: LEADER });
    const members = (res.body as TeamOverview).members ?? [];
    assert.equal(members.length, 8);
    assert.equal(members.find((m) => m.email === EMPLOYEE)?.status, 'sent');
    assert.equal(members.find((m) => m.email === PEOPLE.otherEmployee)?.status, 'not-sent');
    assert.equal((res.body as TeamOverview).counts, undefined);
  });

  it('an unknown round is 404 for the team view', async () => {
    const res = await app.call('GET', '/api/rounds/findes-ikke/team', { as: LEADER });
    assert.equal(res.status, 404);
  });
});
