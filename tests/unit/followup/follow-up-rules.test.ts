import assert from 'node:assert/strict';
import {
  agreementReminderDue,
  agreementReminderDueRange,
  followUpSnapshot,
  newAgreement,
  type Agreement,
} from '../../../bot/mus/agreement.js';
import { defaultTemplateFor } from '../../../bot/mus/default-template.js';
import { RuleError } from '../../../bot/mus/errors.js';
import type { Person } from '../../../bot/mus/person.js';
import { closeRound, newRound, retentionDue, retentionEndsAt } from '../../../bot/mus/round.js';
import { templateIssues } from '../../../bot/mus/skema-template.js';
import {
  acknowledge,
  finalise,
  hasTalkContent,
  newSkema,
  saveAnswers,
  saveTalkNotes,
  withoutTalkContent,
} from '../../../bot/mus/skema.js';
import {
  agreementReminderKey,
  agreementReminderSubject,
  parseAgreementReminderSubject,
} from '../../../bot/rollout/agreement-reminders.js';
import { participants } from '../../../bot/rollout/steps/rollout-step.js';
import { parseCommand } from '../../../bot/teams/parse-command.js';

const NOW = new Date('2026-09-08T10:00:00Z');

function agreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    ...newAgreement({
      orgId: 'org',
      roundId: 'r1',
      employeeEmail: 'ansat@x.example',
      id: 'a1',
      what: 'Lære SCADA',
      ownerEmail: 'ansat@x.example',
      dueDate: '2026-09-15',
      now: new Date('2026-03-01T09:00:00Z'),
    }),
    ...overrides,
  };
}

describe('follow-up of agreements: when the owner is reminded', () => {
  it('an open agreement is due for a reminder from seven days before its due date until the day ends', () => {
    const a = agreement({ dueDate: '2026-09-15' });
    assert.equal(agreementReminderDue(a, new Date('2026-09-07T23:59:59Z')), false);
    assert.equal(agreementReminderDue(a, new Date('2026-09-08T00:00:00Z')), true);
    assert.equal(agreementReminderDue(a, new Date('2026-09-15T23:59:59Z')), true);
    assert.equal(agreementReminderDue(a, new Date('2026-09-16T00:00:00Z')), false);
  });

  it('agreements in progress are reminded; done and dropped ones are not', () => {
    assert.equal(agreementReminderDue(agreement({ status: 'in-progress' }), NOW), true);
    assert.equal(agreementReminderDue(agreement({ status: 'done' }), NOW), false);
    assert.equal(agreementReminderDue(agreement({ status: 'dropped' }), NOW), false);
  });

  it('the planner asks storage for due dates from today to a week ahead', () => {
    assert.deepEqual(agreementReminderDueRange(NOW), { from: '2026-09-08', to: '2026-09-15' });
  });

  it('the reminder row is keyed by agreement and due date, so a new due date is a new reminder', () => {
    const a = agreement();
    const subject = agreementReminderSubject(a);
    assert.deepEqual(parseAgreementReminderSubject(subject), {
      employeeEmail: 'ansat@x.example',
      id: 'a1',
      dueDate: '2026-09-15',
    });
    const key = agreementReminderKey(a);
    assert.equal(key.audience, 'agreement');
    assert.equal(key.recipientEmail, a.ownerEmail);
    assert.notEqual(agreementReminderKey({ ...a, dueDate: '2026-09-20' }).subject, key.subject);
    assert.equal(parseAgreementReminderSubject('not a valid subject here'), undefined);
    assert.equal(parseAgreementReminderSubject(undefined), undefined);
  });

  it('the follow-up copy keeps what, who, when and status, oldest agreement first', () => {
    const later = agreement({ id: 'a2', what: 'Mentor', createdAt: '2026-03-02T00:00:00Z' });
    const first = agreement({ status: 'done', createdAt: '2026-03-01T00:00:00Z' });
    assert.deepEqual(followUpSnapshot([later, first]), [
      {
        fromRoundId: 'r1',
        what: 'Lære SCADA',
        ownerEmail: 'ansat@x.example',
        dueDate: '2026-09-15',
        status: 'done',
      },
      {
        fromRoundId: 'r1',
        what: 'Mentor',
        ownerEmail: 'ansat@x.example',
        dueDate: '2026-09-15',
        status: 'open',
      },
    ]);
  });
});

describe('closing a round and the retention period', () => {
  const round = newRound({
    orgId: 'org',
    id: 'r1',
    name: 'MUS 2025',
    createdBy: 'hr@x.example',
    now: new Date('2025-01-01T00:00:00Z'),
    template: defaultTemplateFor('MUS'),
  });

  it('a closed round cannot be closed again', () => {
    const closed = closeRound(round, new Date('2025-06-01T00:00:00Z'));
    assert.equal(closed.closedAt, '2025-06-01T00:00:00.000Z');
    assert.throws(() => closeRound(closed, NOW), RuleError);
  });

  it('retention is due the given number of months after closing, and only once', () => {
    const closed = closeRound(round, new Date('2025-06-01T00:00:00Z'));
    assert.equal(retentionEndsAt(closed.closedAt!, 24).toISOString(), '2027-06-01T00:00:00.000Z');
    assert.equal(retentionDue(closed, 12, new Date('2026-05-31T23:59:59Z')), false);
    assert.equal(retentionDue(closed, 12, new Date('2026-06-01T00:00:00Z')), true);
    assert.equal(
      retentionDue({ ...closed, retentionAppliedAt: NOW.toISOString() }, 12, NOW),
      false,
    );
    assert.equal(retentionDue(round, 0, NOW), false, 'an open round is never due');
  });

  it('retention removes answers, talk notes and the comment, and keeps the acknowledgement', () => {
    const template = defaultTemplateFor('MUS');
    let skema = newSkema({
      orgId: 'org',
      roundId: 'r1',
      employeeEmail: 'ansat@x.example',
      leaderEmail: 'leder@x.example',
      template,
      now: NOW,
      by: 'leder@x.example',
    });
    skema = saveAnswers(skema, { kerneopgaven: 'Rent vand' }, { submit: true, by: 'a', now: NOW });
    skema = saveTalkNotes(skema, { kerneopgaven: 'Godt' }, { by: 'l', now: NOW });
    skema = finalise(skema, { by: 'l', now: NOW, followUpDate: '2026-12-01' });
    skema = acknowledge(skema, { by: 'a', now: NOW, comment: 'Enig' });
    assert.equal(hasTalkContent(skema), true);
    const purged = withoutTalkContent(skema, new Date('2028-01-01T00:00:00Z'));
    assert.deepEqual(purged.answers, {});
    assert.deepEqual(purged.talkNotes, {});
    assert.equal(purged.employeeComment, undefined);
    assert.equal(hasTalkContent(purged), false);
    assert.equal(purged.status, 'acknowledged');
    assert.equal(purged.acknowledgedAt, skema.acknowledgedAt);
    assert.equal(purged.followUpDate, '2026-12-01');
    assert.equal(purged.contentDeletedAt, '2028-01-01T00:00:00.000Z');
  });
});

describe('GRUS and LUS rounds', () => {
  const person = (email: string, roles: Person['roles'], leaderEmail?: string): Person => ({
    orgId: 'org',
    email,
    name: email,
    department: 'D',
    roles,
    ...(leaderEmail ? { leaderEmail } : {}),
  });
  const people = [
    person('top@x.example', ['leader']),
    person('mid@x.example', ['employee', 'leader'], 'top@x.example'),
    person('ansat@x.example', ['employee'], 'mid@x.example'),
  ];

  it('each kind has its own valid default template, in Danish and English, ending in agreements', () => {
    const prompts = new Set<string>();
    for (const kind of ['MUS', 'GRUS', 'LUS'] as const) {
      const template = defaultTemplateFor(kind);
      assert.deepEqual(templateIssues(template), [], kind);
      assert.equal(template.sections.at(-1)?.kind, 'agreements', kind);
      for (const s of template.sections) assert.ok(s.prompt.da && s.prompt.en, `${kind} ${s.id}`);
      prompts.add(template.sections[0]!.prompt.da);
    }
    assert.equal(prompts.size, 3, 'the three kinds ask different questions');
  });

  it('a LUS round talks with leaders who have a leader; MUS and GRUS with employees who have one', () => {
    assert.deepEqual(
      participants(people, { kind: 'LUS' }).map((p) => p.email),
      ['mid@x.example'],
    );
    assert.deepEqual(
      participants(people, { kind: 'MUS' }).map((p) => p.email),
      ['mid@x.example', 'ansat@x.example'],
    );
    assert.deepEqual(
      participants(people, { kind: 'GRUS' }).map((p) => p.email),
      ['mid@x.example', 'ansat@x.example'],
    );
  });

  it('"ny runde GRUS" and "new round LUS" name the kind; any other name is a MUS round', () => {
    assert.deepEqual(parseCommand('ny runde GRUS Drift 2027'), {
      kind: 'new-round',
      name: 'Drift 2027',
      roundKind: 'GRUS',
    });
    assert.deepEqual(parseCommand('new round lus Leaders 2027'), {
      kind: 'new-round',
      name: 'Leaders 2027',
      roundKind: 'LUS',
    });
    assert.deepEqual(parseCommand('ny runde MUS 2027'), {
      kind: 'new-round',
      name: 'MUS 2027',
      roundKind: 'MUS',
    });
    assert.deepEqual(parseCommand('ny runde LUSK'), {
      kind: 'new-round',
      name: 'LUSK',
      roundKind: 'MUS',
    });
    assert.deepEqual(parseCommand('ny runde GRUS'), {
      kind: 'new-round',
      name: '',
      roundKind: 'GRUS',
    });
  });
});
