import assert from 'node:assert/strict';
import { newAgreement } from '../../../bot/mus/agreement.js';
import { defaultTemplateFor } from '../../../bot/mus/default-template.js';
import {
  acknowledgeGroupTalk,
  finaliseGroupTalk,
  newGroupTalk,
  saveGroupNotes,
} from '../../../bot/mus/group-talk.js';
import { acknowledge, finalise, saveAnswers, saveTalkNotes } from '../../../bot/mus/skema.js';
import { applyRetention, runRetentionJob } from '../../../bot/privacy/retention-job.js';
import { ORG, WHO, startPrivacyApiApp, skemaPath, type PrivacyApiApp } from './privacy-api-app.js';

const OLD = 'mus-2023';
const RECENT = 'mus-2025';
const OPEN = 'mus-2026';

describe('retention: talk notes and answers of long-closed rounds are deleted, agreements kept', function () {
  this.timeout(60_000);
  let app: PrivacyApiApp;

  /** A skema taken through the whole talk: answers, notes, agreement, private note, comment. */
  async function heldTalk(roundId: string, at: Date): Promise<void> {
    const { repositories } = app.storage;
    app.setNow(at);
    const created = await app.createSkema(roundId, WHO.employee, WHO.leader);
    let skema = saveAnswers(
      created.value,
      { kerneopgaven: 'Rent vand' },
      { submit: true, by: WHO.employee, now: at },
    );
    skema = saveTalkNotes(skema, { kerneopgaven: 'Godt bidrag' }, { by: WHO.leader, now: at });
    skema = finalise(skema, { by: WHO.leader, now: at, followUpDate: '2026-12-01' });
    skema = acknowledge(skema, { by: WHO.employee, now: at, comment: 'Enig i det hele' });
    await repositories.skemas.update(skema, created.etag);
    await repositories.privateNotes.save(
      {
        orgId: ORG,
        roundId,
        employeeEmail: WHO.employee,
        leaderEmail: WHO.leader,
        text: 'Privat',
        updatedAt: at.toISOString(),
      },
      undefined,
    );
    await repositories.agreements.add(
      newAgreement({
        orgId: ORG,
        roundId,
        employeeEmail: WHO.employee,
        id: 'a1',
        what: 'Kursus i SCADA',
        ownerEmail: WHO.employee,
        dueDate: '2026-06-01',
        now: at,
      }),
    );
  }

  /** A GRUS group talk held in the round: notes on a question and on what the team agreed. */
  async function heldGroupTalk(roundId: string, at: Date): Promise<void> {
    const template = defaultTemplateFor('GRUS');
    const question = template.sections.find((s) => s.kind === 'question')!.id;
    const agreed = template.sections.find((s) => s.kind === 'agreements')!.id;
    const { repositories } = app.storage;
    const { talk } = await repositories.groupTalks.createIfAbsent(
      newGroupTalk({
        orgId: ORG,
        roundId,
        leaderEmail: WHO.leader,
        members: [{ email: WHO.employee, department: 'Drift' }],
        template,
        now: at,
      }),
    );
    let next = saveGroupNotes(
      talk.value,
      { [question]: 'Vi taler om vagtplanen', [agreed]: 'Fælles vagtplan fra maj' },
      { by: WHO.leader, now: at },
    );
    next = finaliseGroupTalk(next, { by: WHO.leader, now: at });
    next = acknowledgeGroupTalk(next, { memberEmail: WHO.employee, now: at });
    await repositories.groupTalks.update(next, talk.etag);
  }

  async function close(roundId: string, at: Date): Promise<void> {
    app.setNow(at);
    const res = await app.call('POST', `/api/rounds/${roundId}/close`, { as: WHO.hr });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }

  before(async () => {
    app = await startPrivacyApiApp();
    await app.createRound(OLD, { minutesAfterStart: 1 });
    await app.createRound(RECENT, { minutesAfterStart: 2 });
    await app.createRound(OPEN, { minutesAfterStart: 3 });
    await heldTalk(OLD, new Date('2023-10-01T09:00:00Z'));
    await heldGroupTalk(OLD, new Date('2023-10-02T09:00:00Z'));
    await heldTalk(RECENT, new Date('2025-10-01T09:00:00Z'));
    await heldTalk(OPEN, new Date('2026-03-01T09:00:00Z'));
  });
  after(async () => app.close());

  it('only HR closes a round; closing twice is harmless', async () => {
    app.setNow(new Date('2023-12-01T09:00:00Z'));
    const refused = await app.call('POST', `/api/rounds/${OLD}/close`, { as: WHO.leader });
    assert.equal(refused.status, 403);
    const closed = await app.call('POST', `/api/rounds/${OLD}/close`, { as: WHO.hr });
    assert.deepEqual(closed.body, {
      roundId: OLD,
      closedAt: '2023-12-01T09:00:00.000Z',
      alreadyClosed: false,
    });
    app.setNow(new Date('2024-01-01T09:00:00Z'));
    const again = await app.call('POST', `/api/rounds/${OLD}/close`, { as: WHO.hr });
    assert.deepEqual(again.body, {
      roundId: OLD,
      closedAt: '2023-12-01T09:00:00.000Z',
      alreadyClosed: true,
    });
    await close(RECENT, new Date('2025-12-01T09:00:00Z'));
    const launch = await app.call('GET', '/api/rounds', { as: WHO.hr });
    const rounds = (launch.body as { rounds: { id: string; closedAt: string | null }[] }).rounds;
    assert.equal(rounds.find((r) => r.id === OLD)?.closedAt, '2023-12-01T09:00:00.000Z');
  });

  it('after the organisation’s 24 months, the daily job deletes answers, notes, comment and private note, and logs the counts', async () => {
    const now = new Date('2026-03-02T03:00:00Z');
    const reports = await runRetentionJob(
      { repositories: app.storage.repositories, log: app.privacy.log },
      now,
    );
    assert.deepEqual(reports, [
      {
        orgId: ORG,
        roundId: OLD,
        skemas: 1,
        answers: 1,
        talkNotes: 1,
        comments: 1,
        privateNotes: 1,
        groupTalks: 1,
      },
    ]);
    const { repositories } = app.storage;
    const skema = (await repositories.skemas.get(ORG, OLD, WHO.employee))!.value;
    assert.deepEqual(skema.answers, {});
    assert.deepEqual(skema.talkNotes, {});
    assert.equal(skema.employeeComment, undefined);
    assert.equal(await repositories.privateNotes.get(ORG, OLD, WHO.employee), undefined);
    const line = app.logLines.find((l) => l.retention === 'applied' && l.roundId === OLD);
    assert.ok(line, 'the deletion is logged');
    assert.equal(line.answers, 1);
    assert.equal(line.privateNotes, 1);
  });

  it('a group talk keeps what the team agreed, its members and acknowledgements; its talk notes go', async () => {
    const talk = (await app.storage.repositories.groupTalks.get(ORG, OLD, WHO.leader))!.value;
    assert.deepEqual(talk.notes, { aftaler: 'Fælles vagtplan fra maj' });
    assert.equal(talk.status, 'finalised');
    assert.deepEqual(talk.members, [WHO.employee]);
    assert.deepEqual(Object.keys(talk.acknowledgedBy), [WHO.employee]);
  });

  it('the agreements and the acknowledgement are kept', async () => {
    const { repositories } = app.storage;
    const skema = (await repositories.skemas.get(ORG, OLD, WHO.employee))!.value;
    assert.equal(skema.status, 'acknowledged');
    assert.equal(skema.acknowledgedAt, '2023-10-01T09:00:00.000Z');
    assert.equal(skema.followUpDate, '2026-12-01');
    assert.equal(skema.contentDeletedAt, '2026-03-02T03:00:00.000Z');
    const agreements = await repositories.agreements.listForSkema(ORG, OLD, WHO.employee);
    assert.deepEqual(
      agreements.map((a) => [a.value.what, a.value.status]),
      [['Kursus i SCADA', 'open']],
    );
    app.setNow(new Date('2026-03-02T09:00:00Z'));
    const view = await app.call('GET', skemaPath(OLD, WHO.employee), { as: WHO.employee });
    assert.equal(view.status, 200);
    const body = view.body as { contentDeletedAt: string | null; agreements: unknown[] };
    assert.equal(body.contentDeletedAt, '2026-03-02T03:00:00.000Z');
    assert.equal(body.agreements.length, 1);
  });

  it('rounds closed recently and open rounds keep everything', async () => {
    const { repositories } = app.storage;
    for (const roundId of [RECENT, OPEN]) {
      const skema = (await repositories.skemas.get(ORG, roundId, WHO.employee))!.value;
      assert.equal(skema.answers.kerneopgaven, 'Rent vand', roundId);
      assert.equal(skema.talkNotes.kerneopgaven, 'Godt bidrag', roundId);
      assert.ok(await repositories.privateNotes.get(ORG, roundId, WHO.employee), roundId);
    }
  });

  it('a second run the same day finds nothing to do and writes nothing', async () => {
    const before = await app.storage.repositories.skemas.get(ORG, OLD, WHO.employee);
    const reports = await applyRetention(
      { repositories: app.storage.repositories, log: app.privacy.log },
      ORG,
      new Date('2026-03-02T04:00:00Z'),
    );
    assert.deepEqual(reports, []);
    const after = await app.storage.repositories.skemas.get(ORG, OLD, WHO.employee);
    assert.equal(after!.etag, before!.etag);
  });

  it('the organisation’s own retention period decides: at 3 months the recent round is cleaned too', async () => {
    const { repositories } = app.storage;
    const org = (await repositories.organisations.get(ORG))!;
    await repositories.organisations.update(
      { ...org.value, settings: { ...org.value.settings, retentionMonths: 3 } },
      org.etag,
    );
    const reports = await applyRetention(
      { repositories, log: app.privacy.log },
      ORG,
      new Date('2026-03-02T03:00:00Z'),
    );
    assert.deepEqual(
      reports.map((r) => r.roundId),
      [RECENT],
    );
    const skema = (await repositories.skemas.get(ORG, OPEN, WHO.employee))!.value;
    assert.equal(skema.answers.kerneopgaven, 'Rent vand', 'the open round is never cleaned');
  });
});
