import assert from 'node:assert/strict';
import { TABLE_NAMES, type TableRole } from '../../../bot/storage/open-table-storage.js';
import { encodeKeyPart } from '../../../bot/storage/table-keys.js';
import { agreementReminderKey } from '../../../bot/rollout/agreement-reminders.js';
import { newDelivery } from '../../../bot/rollout/delivery.js';
import { newAgreement } from '../../../bot/mus/agreement.js';
import { personRef } from '../../../bot/logger.js';
import type { PersonExport } from '../../../bot/privacy/export-person.js';
import type { ErasureReport } from '../../../bot/privacy/erase-person.js';
import type { AuditLine } from '../../../bot/privacy/audit-trail.js';
import {
  ORG,
  START,
  WHO,
  skemaPath,
  startPrivacyApiApp,
  type PrivacyApiApp,
} from './privacy-api-app.js';

const ROUND = 'mus-2026';
const ROSTER = [
  'mette.kjaer@vandvaerk.example',
  'lone.hvid@vandvaerk.example',
  'soren.dahl@vandvaerk.example',
  'anja.holm@vandvaerk.example',
  'jens.madsen@vandvaerk.example',
  'pernille.krogh@vandvaerk.example',
  'lars.christensen@vandvaerk.example',
  'frederik.nygaard@vandvaerk.example',
  'maja.thomsen@vandvaerk.example',
];
const SECRET_NOTE = 'Privat: overvej en mentorordning';
const ANSWER = 'Jeg bidrager mest i kundedialogen';
const TALK_NOTE = 'Stærk i kundedialogen; vil gerne mere drift';

/** Every roster email found in a text, other than `except`. */
function emailsIn(text: string, except: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return ROSTER.filter((e) => !except.includes(e) && lower.includes(e));
}

/**
 * One round with real content for two of Søren's employees (Pernille and Lars) and one of Anja's
 * (Frederik): answers, talk notes, private notes, agreements, evaluations, conversations, outbox rows,
 * and the leaders' reads in the audit trail. All written through the API or the repositories.
 */
async function seed(app: PrivacyApiApp): Promise<void> {
  const { repositories, deliveries } = app.storage;
  await app.createRound(ROUND);
  const people: [string, string][] = [
    [WHO.employee, WHO.leader],
    [WHO.colleague, WHO.leader],
    [WHO.otherTeamMember, WHO.otherLeader],
  ];
  for (const [employee, leader] of people) {
    const skema = await app.createSkema(ROUND, employee, leader);
    const answered = await app.call('PUT', skemaPath(ROUND, employee, '/answers'), {
      as: employee,
      body: {
        answers: { kerneopgaven: `${ANSWER} (${employee})` },
        submit: true,
        etag: skema.etag,
      },
    });
    assert.equal(answered.status, 200);
    const opened = await app.call('GET', skemaPath(ROUND, employee), { as: leader });
    assert.equal(opened.status, 200);
    const noted = await app.call('PUT', skemaPath(ROUND, employee, '/talk-notes'), {
      as: leader,
      body: {
        talkNotes: { kerneopgaven: `${TALK_NOTE} (${employee})` },
        etag: (opened.body as { etag: string }).etag,
      },
    });
    assert.equal(noted.status, 200);
    const note = await app.call('PUT', skemaPath(ROUND, employee, '/private-note'), {
      as: leader,
      body: { text: `${SECRET_NOTE} (${employee})`, etag: null },
    });
    assert.equal(note.status, 200);
    const added = await app.call('POST', skemaPath(ROUND, employee, '/agreements'), {
      as: leader,
      body: { what: `Aftale for ${employee}`, ownerEmail: leader, dueDate: '2026-03-06' },
    });
    assert.equal(added.status, 201);
    await repositories.evaluations.submit(
      { orgId: ORG, roundId: ROUND, personEmail: employee },
      {
        orgId: ORG,
        roundId: ROUND,
        id: 'x',
        respondentRole: 'employee',
        department: 'Kundeservice',
        scores: { 'saa-fremad': 4 },
        comment: 'Godt med fokus på kerneopgaven',
      },
    );
    await repositories.conversations.put({
      orgId: ORG,
      personEmail: employee,
      key: `personal:29:${employee}`,
      reference: { user: { id: `29:${employee}` }, conversation: { id: `a:${employee}` } },
      updatedAt: START.toISOString(),
    });
    await deliveries.plan([
      newDelivery(
        { orgId: ORG, roundId: ROUND, step: 3, audience: 'employee', recipientEmail: employee },
        START,
      ),
    ]);
    const agreement = (await repositories.agreements.listForSkema(ORG, ROUND, employee))[0]!;
    await deliveries.plan([newDelivery(agreementReminderKey(agreement.value), START)]);
  }
  // Pernille also carries an agreement herself, and her leader has the app in a personal chat.
  await repositories.agreements.add(
    newAgreement({
      orgId: ORG,
      roundId: ROUND,
      employeeEmail: WHO.employee,
      id: 'own',
      what: 'Pernilles egen aftale',
      ownerEmail: WHO.employee,
      dueDate: '2026-04-01',
      now: START,
    }),
  );
  await repositories.conversations.put({
    orgId: ORG,
    personEmail: WHO.leader,
    key: `personal:29:${WHO.leader}`,
    reference: { user: { id: `29:${WHO.leader}` } },
    updatedAt: START.toISOString(),
  });
}

const REASON = `?reason=${encodeURIComponent('Anmodning om indsigt')}`;

describe('GDPR: export and erasure of one person’s data', function () {
  this.timeout(60_000);
  let app: PrivacyApiApp;

  before(async () => {
    app = await startPrivacyApiApp();
    await seed(app);
  });
  after(async () => app.close());

  it('HR exports everything stored about the person: roster row, skema, agreements, receipts, chats, trail, cards', async () => {
    const res = await app.call(
      'GET',
      `/api/people/${encodeURIComponent(WHO.employee)}/export${REASON}`,
      {
        as: WHO.hr,
      },
    );
    assert.equal(res.status, 200);
    const data = res.body as PersonExport;
    assert.equal(data.person.email, WHO.employee);
    assert.equal(data.person.leaderEmail, WHO.leader);
    assert.ok(data.person.teams?.aadObjectId);
    assert.equal(data.skemas.length, 1);
    const section = data.skemas[0]!.sections.find((s) => s.id === 'kerneopgaven')!;
    assert.match(section.answer!, new RegExp(ANSWER));
    assert.match(section.talkNote!, new RegExp(TALK_NOTE));
    assert.equal(data.skemas[0]!.leader.email, WHO.leader);
    assert.deepEqual(data.agreements.map((a) => a.what).sort(), [
      `Aftale for ${WHO.employee}`,
      'Pernilles egen aftale',
    ]);
    assert.deepEqual(data.evaluationReceipts, [{ roundId: ROUND, roundName: `Runde ${ROUND}` }]);
    assert.deepEqual(
      data.conversations.map((c) => c.key),
      [`personal:29:${WHO.employee}`],
    );
    assert.deepEqual(
      data.auditTrail.map((e) => [e.action, e.viewer?.email]),
      [['skema-opened', WHO.leader]],
    );
    assert.deepEqual(
      data.deliveries.map((d) => [d.step, d.audience]),
      [[3, 'employee']],
    );
  });

  it('the export holds nothing about anyone else: no other email but the leader’s, no private notes, no evaluation answers', async () => {
    const res = await app.call(
      'GET',
      `/api/people/${encodeURIComponent(WHO.employee)}/export${REASON}`,
      {
        as: WHO.hr,
      },
    );
    const text = JSON.stringify(res.body);
    assert.deepEqual(emailsIn(text, [WHO.employee, WHO.leader]), []);
    assert.doesNotMatch(text, /Privat: overvej/, 'the leader’s private note is the leader’s');
    assert.doesNotMatch(text, /Godt med fokus/, 'evaluation answers are anonymous');
    assert.doesNotMatch(text, /Lars|Frederik/);
  });

  it('a leader’s own export ("Mine data") holds the private notes that leader wrote', async () => {
    const res = await app.call('GET', '/api/me/export', { as: WHO.leader });
    assert.equal(res.status, 200);
    const data = res.body as PersonExport;
    assert.equal(data.person.email, WHO.leader);
    assert.deepEqual(
      data.privateNotes.map((n) => n.aboutEmail).sort(),
      [WHO.colleague, WHO.employee].sort(),
    );
    assert.doesNotMatch(JSON.stringify(data), new RegExp(WHO.otherTeamMember));
  });

  it('an employee downloads their own data themselves, without the leader’s private notes', async () => {
    const res = await app.call('GET', '/api/me/export', { as: WHO.employee });
    assert.equal(res.status, 200);
    const data = res.body as PersonExport;
    assert.equal(data.person.email, WHO.employee);
    assert.match(JSON.stringify(data), new RegExp(ANSWER));
    assert.doesNotMatch(JSON.stringify(data), /Privat: overvej/);
  });

  it('HR cannot read a leader’s private notes through the export, and the export is logged for the employees in it', async () => {
    const refused = await app.call('GET', `/api/people/${encodeURIComponent(WHO.leader)}/export`, {
      as: WHO.hr,
    });
    assert.equal(refused.status, 409, 'a reason is required');
    const res = await app.call(
      'GET',
      `/api/people/${encodeURIComponent(WHO.leader)}/export${REASON}`,
      {
        as: WHO.hr,
      },
    );
    assert.equal(res.status, 200);
    const data = res.body as PersonExport;
    assert.deepEqual(data.privateNotes, []);
    assert.doesNotMatch(JSON.stringify(data), /Privat: overvej/);
    const exportOfEmployee = await app.call(
      'GET',
      `/api/people/${encodeURIComponent(WHO.employee)}/export${REASON}`,
      { as: WHO.hr },
    );
    assert.equal(exportOfEmployee.status, 200);
    // The employee's export holds the leader's talk notes: the leader's trail shows it, with the reason.
    const trail = await app.storage.repositories.audit.listAbout(ORG, WHO.leader, 50);
    const line = trail.find((e) => e.action === 'data-exported');
    assert.equal(line?.viewer?.email, WHO.hr);
    assert.equal(line?.reason, 'Anmodning om indsigt');
  });

  it('only HR may export someone else: their leader and others get 403', async () => {
    const path = `/api/people/${encodeURIComponent(WHO.employee)}/export${REASON}`;
    assert.equal((await app.call('GET', path, { as: WHO.employee })).status, 200, 'their own');
    for (const who of [WHO.leader, WHO.topLeader, WHO.colleague]) {
      assert.equal((await app.call('GET', path, { as: who })).status, 403, who);
    }
    assert.equal((await app.call('GET', path)).status, 401);
    const unknown = await app.call(
      'GET',
      `/api/people/nobody%40vandvaerk.example/export${REASON}`,
      {
        as: WHO.hr,
      },
    );
    assert.equal(unknown.status, 404);
  });

  it('the person sees in their audit trail that HR exported their data', async () => {
    const res = await app.call('GET', '/api/me/audit', { as: WHO.employee });
    const entries = (res.body as { entries: AuditLine[] }).entries;
    const exported = entries.filter((e) => e.action === 'data-exported');
    assert.ok(exported.length >= 1);
    assert.equal(exported[0]!.viewer?.name, 'Lone Hvid');
  });

  it('only HR may erase: anyone else gets 403 and nothing is removed', async () => {
    const path = `/api/people/${encodeURIComponent(WHO.employee)}`;
    for (const who of [WHO.employee, WHO.leader, WHO.topLeader]) {
      assert.equal((await app.call('DELETE', path, { as: who })).status, 403, who);
    }
    assert.ok(await app.storage.repositories.skemas.get(ORG, ROUND, WHO.employee));
  });

  it('HR erases the person: no table holds anything about them, while evaluation answers and others’ data stay', async () => {
    const answersBefore = (await app.storage.rawEntities('evaluationAnswers')).length;
    const res = await app.call('DELETE', `/api/people/${encodeURIComponent(WHO.employee)}`, {
      as: WHO.hr,
    });
    assert.equal(res.status, 200);
    const report = res.body as ErasureReport;
    assert.deepEqual(report, {
      person: true,
      skemas: 1,
      agreements: 2,
      privateNotes: 1,
      evaluationReceipts: 1,
      deliveries: 2,
      conversations: 1,
      // Søren's read, and HR's three exports of Pernille made above.
      auditEntries: 4,
      auditEntriesAnonymised: 0,
    });

    const needles = [WHO.employee, encodeKeyPart(WHO.employee), 'Pernille', 'pernille'];
    for (const role of Object.keys(TABLE_NAMES) as TableRole[]) {
      for (const entity of await app.storage.rawEntities(role)) {
        const text = JSON.stringify(entity);
        for (const needle of needles) {
          assert.ok(!text.includes(needle), `${role} still holds ${needle}: ${text.slice(0, 300)}`);
        }
      }
    }

    assert.equal((await app.storage.rawEntities('evaluationAnswers')).length, answersBefore);
    const { repositories } = app.storage;
    assert.ok(await repositories.skemas.get(ORG, ROUND, WHO.colleague), 'Lars keeps his skema');
    assert.equal((await repositories.agreements.listForSkema(ORG, ROUND, WHO.colleague)).length, 1);
    assert.ok(await repositories.privateNotes.get(ORG, ROUND, WHO.colleague));
    assert.ok(await repositories.evaluations.hasAnswered(ORG, ROUND, WHO.colleague));
    assert.ok(await repositories.conversations.getPersonal(ORG, WHO.colleague));
    assert.equal((await repositories.people.listTeam(ORG, WHO.leader)).length, 7);
  });

  it('erasing again finds nothing left and says so', async () => {
    const res = await app.call('DELETE', `/api/people/${encodeURIComponent(WHO.employee)}`, {
      as: WHO.hr,
    });
    assert.equal(res.status, 200);
    const report = res.body as ErasureReport;
    assert.equal(report.person, false);
    assert.equal(report.skemas + report.agreements + report.deliveries + report.auditEntries, 0);
  });

  it('erasing a leader removes the notes they wrote and their name from their employees’ audit trails, keeping the line under a pseudonym', async () => {
    const res = await app.call('DELETE', `/api/people/${encodeURIComponent(WHO.otherLeader)}`, {
      as: WHO.hr,
    });
    assert.equal(res.status, 200);
    const report = res.body as ErasureReport;
    assert.equal(report.privateNotes, 1);
    assert.equal(report.auditEntriesAnonymised, 1);
    const { repositories } = app.storage;
    assert.equal(await repositories.privateNotes.get(ORG, ROUND, WHO.otherTeamMember), undefined);
    const trail = await app.call('GET', '/api/me/audit', { as: WHO.otherTeamMember });
    const entries = (trail.body as { entries: AuditLine[] }).entries;
    assert.equal(entries.length, 1);
    const viewer = entries[0]!.viewer;
    assert.equal(viewer?.email, `erased:${personRef(WHO.otherLeader)}`, 'listed under a pseudonym');
    assert.doesNotMatch(viewer?.name ?? '', /Anja|Holm/);
    assert.ok(entries[0]!.at);
    const audit = JSON.stringify(await app.storage.rawEntities('auditLog'));
    assert.ok(!audit.includes(WHO.otherLeader));
    // Frederik's own talk record stays his, still naming the leader it was held with.
    assert.ok(await repositories.skemas.get(ORG, ROUND, WHO.otherTeamMember));
  });
});
