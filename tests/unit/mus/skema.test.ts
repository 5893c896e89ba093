import assert from 'node:assert/strict';
import { RuleError, ValidationError } from '../../../bot/mus/errors.js';
import { ANSWER_MAX_CHARS, NOTE_MAX_CHARS } from '../../../bot/mus/skema-template.js';
import {
  COMMENT_MAX_CHARS,
  acknowledge,
  changedFields,
  employeeCanEdit,
  finalise,
  leaderCanEditNotes,
  saveAnswers,
  saveTalkNotes,
  startTalk,
  type Skema,
} from '../../../bot/mus/skema.js';
import { EMPLOYEE, LEADER, NOW, aSkema, minutesLater, thrown } from './builders.js';

const T1 = minutesLater(10);
const T2 = minutesLater(20);
const T3 = minutesLater(30);

function asEmployee(now = T1) {
  return { by: EMPLOYEE, now };
}
function asLeader(now = T2) {
  return { by: LEADER, now };
}

function submitted(): Skema {
  return saveAnswers(
    aSkema(),
    { kerneopgaven: 'Vi leverer rent vand.' },
    {
      ...asEmployee(),
      submit: true,
    },
  );
}

function held(): Skema {
  return startTalk(submitted(), asLeader());
}

function finalised(): Skema {
  return finalise(held(), asLeader(T3));
}

describe('skema', () => {
  describe('a new skema', () => {
    it('starts as sent, empty, with the four understandings unchecked', () => {
      const skema = aSkema();
      assert.equal(skema.status, 'sent');
      assert.deepEqual(skema.answers, {});
      assert.deepEqual(skema.talkNotes, {});
      assert.deepEqual(skema.understandings, [false, false, false, false]);
      assert.equal(skema.sentAt, NOW.toISOString());
      assert.equal(skema.updatedAt, NOW.toISOString());
    });
  });

  describe('saveAnswers', () => {
    it('saving a draft keeps the status and records the answers', () => {
      const skema = saveAnswers(
        aSkema(),
        { kerneopgaven: 'Udkast' },
        {
          ...asEmployee(),
          submit: false,
        },
      );
      assert.equal(skema.status, 'sent');
      assert.equal(skema.preparedAt, undefined);
      assert.deepEqual(skema.answers, { kerneopgaven: 'Udkast' });
      assert.equal(skema.updatedAt, T1.toISOString());
      assert.equal(skema.updatedBy, EMPLOYEE);
    });

    it('submitting moves the skema to prepared', () => {
      const skema = submitted();
      assert.equal(skema.status, 'prepared');
      assert.equal(skema.preparedAt, T1.toISOString());
    });

    it('saving merges with earlier answers rather than replacing them', () => {
      const skema = saveAnswers(
        submitted(),
        { handlinger: 'Mere af det gode' },
        {
          ...asEmployee(T2),
          submit: false,
        },
      );
      assert.deepEqual(skema.answers, {
        kerneopgaven: 'Vi leverer rent vand.',
        handlinger: 'Mere af det gode',
      });
    });

    it('the employee may still edit after submitting, until the talk starts', () => {
      const before = submitted();
      assert.equal(employeeCanEdit(before), true);
      const draft = saveAnswers(
        before,
        { kerneopgaven: 'Bedre svar' },
        {
          ...asEmployee(T2),
          submit: false,
        },
      );
      assert.equal(draft.status, 'prepared');
      assert.equal(draft.preparedAt, T1.toISOString());
      assert.equal(draft.answers.kerneopgaven, 'Bedre svar');
      const again = saveAnswers(draft, {}, { ...asEmployee(T3), submit: true });
      assert.equal(again.status, 'prepared');
      assert.equal(again.preparedAt, T3.toISOString());
    });

    it('the employee cannot edit once the leader has started the talk', () => {
      const skema = held();
      assert.equal(employeeCanEdit(skema), false);
      const err = thrown(
        () =>
          saveAnswers(skema, { kerneopgaven: 'For sent' }, { ...asEmployee(T3), submit: false }),
        RuleError,
      );
      assert.equal(err.status, 409);
      assert.match(err.userMessage.da, /Samtalen er gået i gang/);
    });

    it('the employee cannot edit once the leader has written the first talk note', () => {
      const skema = saveTalkNotes(submitted(), { kerneopgaven: 'Note' }, asLeader());
      thrown(
        () => saveAnswers(skema, { kerneopgaven: 'For sent' }, { ...asEmployee(T3), submit: true }),
        RuleError,
      );
    });

    it('the employee cannot edit a finalised or acknowledged skema', () => {
      const done = finalised();
      for (const skema of [done, acknowledge(done, { by: EMPLOYEE, now: T3 })]) {
        thrown(() => saveAnswers(skema, {}, { ...asEmployee(T3), submit: false }), RuleError);
      }
    });

    it('an answer to a question the skema does not have is refused, naming the field', () => {
      const err = thrown(
        () =>
          saveAnswers(aSkema(), { 'ukendt-spoergsmaal': 'x' }, { ...asEmployee(), submit: false }),
        ValidationError,
      );
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['answers.ukendt-spoergsmaal'],
      );
    });

    it('an answer to the agreements section is refused, since it is filled in during the talk', () => {
      const err = thrown(
        () => saveAnswers(aSkema(), { aftaler: 'x' }, { ...asEmployee(), submit: false }),
        ValidationError,
      );
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['answers.aftaler'],
      );
    });

    it(`an answer longer than ${ANSWER_MAX_CHARS} characters is refused, naming the field`, () => {
      const err = thrown(
        () =>
          saveAnswers(
            aSkema(),
            { kerneopgaven: 'ok', vaerdier: 'x'.repeat(ANSWER_MAX_CHARS + 1) },
            { ...asEmployee(), submit: true },
          ),
        ValidationError,
      );
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['answers.vaerdier'],
      );
      assert.match(err.issues[0]!.message.en, new RegExp(`at most ${ANSWER_MAX_CHARS}`));
    });

    it(`an answer of exactly ${ANSWER_MAX_CHARS} characters is accepted`, () => {
      const skema = saveAnswers(
        aSkema(),
        { vaerdier: 'x'.repeat(ANSWER_MAX_CHARS) },
        {
          ...asEmployee(),
          submit: true,
        },
      );
      assert.equal(skema.answers.vaerdier?.length, ANSWER_MAX_CHARS);
    });

    it('a refused save changes nothing', () => {
      const before = submitted();
      const copy = structuredClone(before);
      assert.throws(() =>
        saveAnswers(before, { kerneopgaven: 'nyt', nope: 'x' }, { ...asEmployee(), submit: true }),
      );
      assert.deepEqual(before, copy);
    });

    it('answers are checked against the template the skema was sent with', () => {
      const skema = aSkema({
        template: {
          sections: [
            {
              id: 'egen',
              kind: 'question',
              title: { da: 'Eget spørgsmål', en: 'Own question' },
              prompt: { da: 'Hvad?', en: 'What?' },
            },
          ],
        },
      });
      assert.deepEqual(
        saveAnswers(skema, { egen: 'Svar' }, { ...asEmployee(), submit: true }).answers,
        { egen: 'Svar' },
      );
      const err = thrown(
        () => saveAnswers(skema, { kerneopgaven: 'Svar' }, { ...asEmployee(), submit: true }),
        ValidationError,
      );
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['answers.kerneopgaven'],
      );
    });
  });

  describe('startTalk', () => {
    it('moves a prepared skema to held', () => {
      const skema = held();
      assert.equal(skema.status, 'held');
      assert.equal(skema.heldAt, T2.toISOString());
      assert.equal(skema.updatedBy, LEADER);
    });

    it('may start the talk even if the employee never submitted', () => {
      assert.equal(startTalk(aSkema(), asLeader()).status, 'held');
    });

    it('starting a talk already held changes nothing', () => {
      const skema = held();
      assert.equal(startTalk(skema, asLeader(T3)), skema);
    });

    it('a finalised talk cannot be started again', () => {
      thrown(() => startTalk(finalised(), asLeader(T3)), RuleError);
    });
  });

  describe('saveTalkNotes', () => {
    it('the first talk note moves the skema to held', () => {
      const skema = saveTalkNotes(submitted(), { kerneopgaven: 'God snak' }, asLeader());
      assert.equal(skema.status, 'held');
      assert.equal(skema.heldAt, T2.toISOString());
      assert.deepEqual(skema.talkNotes, { kerneopgaven: 'God snak' });
      assert.deepEqual(skema.answers, { kerneopgaven: 'Vi leverer rent vand.' });
    });

    it('later notes keep the time the talk started', () => {
      const first = saveTalkNotes(submitted(), { kerneopgaven: 'A' }, asLeader());
      const second = saveTalkNotes(first, { handlinger: 'B' }, asLeader(T3));
      assert.equal(second.heldAt, T2.toISOString());
      assert.equal(second.updatedAt, T3.toISOString());
      assert.deepEqual(second.talkNotes, { kerneopgaven: 'A', handlinger: 'B' });
    });

    it('records which of the four common understandings are shared', () => {
      const skema = saveTalkNotes(
        held(),
        {},
        {
          ...asLeader(T3),
          understandings: [true, true, false, true],
        },
      );
      assert.deepEqual(skema.understandings, [true, true, false, true]);
    });

    it('refuses a list of understandings that is not four long', () => {
      const err = thrown(
        () => saveTalkNotes(held(), {}, { ...asLeader(T3), understandings: [true] }),
        ValidationError,
      );
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['understandings'],
      );
    });

    it('refuses a note for an unknown question or one that is too long, naming each field', () => {
      const err = thrown(
        () =>
          saveTalkNotes(
            held(),
            { nope: 'x', handlinger: 'x'.repeat(NOTE_MAX_CHARS + 1) },
            asLeader(T3),
          ),
        ValidationError,
      );
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['talkNotes.nope', 'talkNotes.handlinger'],
      );
    });

    it('the leader cannot change notes once the skema is finalised', () => {
      const skema = finalised();
      assert.equal(leaderCanEditNotes(skema), false);
      thrown(() => saveTalkNotes(skema, { kerneopgaven: 'x' }, asLeader(T3)), RuleError);
    });
  });

  describe('finalise', () => {
    it('finalises a held talk and records the follow-up date', () => {
      const skema = finalise(held(), { ...asLeader(T3), followUpDate: '2026-09-01' });
      assert.equal(skema.status, 'finalised');
      assert.equal(skema.finalisedAt, T3.toISOString());
      assert.equal(skema.heldAt, T2.toISOString());
      assert.equal(skema.followUpDate, '2026-09-01');
    });

    it('finalising without a talk started marks it held at the same time', () => {
      const skema = finalise(submitted(), asLeader(T3));
      assert.equal(skema.status, 'finalised');
      assert.equal(skema.heldAt, T3.toISOString());
    });

    it('keeps an earlier follow-up date when none is given', () => {
      const skema = finalise({ ...held(), followUpDate: '2026-10-01' }, asLeader(T3));
      assert.equal(skema.followUpDate, '2026-10-01');
    });

    it('a skema cannot be finalised twice', () => {
      thrown(() => finalise(finalised(), asLeader(T3)), RuleError);
    });
  });

  describe('acknowledge', () => {
    it('the employee acknowledges the summary without a comment', () => {
      const skema = acknowledge(finalised(), { by: EMPLOYEE, now: T3 });
      assert.equal(skema.status, 'acknowledged');
      assert.equal(skema.acknowledgedAt, T3.toISOString());
      assert.equal(skema.employeeComment, undefined);
      assert.equal(skema.updatedBy, EMPLOYEE);
    });

    it('the employee acknowledges with a comment, which is trimmed', () => {
      const skema = acknowledge(finalised(), {
        by: EMPLOYEE,
        now: T3,
        comment: '  Jeg savner en aftale om kurset.  ',
      });
      assert.equal(skema.employeeComment, 'Jeg savner en aftale om kurset.');
    });

    it('a blank comment counts as no comment', () => {
      const skema = acknowledge(finalised(), { by: EMPLOYEE, now: T3, comment: '   ' });
      assert.equal(skema.employeeComment, undefined);
    });

    it('acknowledging twice is refused and says so', () => {
      const once = acknowledge(finalised(), { by: EMPLOYEE, now: T3 });
      const err = thrown(() => acknowledge(once, { by: EMPLOYEE, now: T3 }), RuleError);
      assert.match(err.userMessage.en, /already acknowledged/);
    });

    it('a summary that is not finalised cannot be acknowledged', () => {
      for (const skema of [aSkema(), submitted(), held()]) {
        const err = thrown(() => acknowledge(skema, { by: EMPLOYEE, now: T3 }), RuleError);
        assert.match(err.userMessage.en, /not finalised/);
      }
    });

    it(`a comment longer than ${COMMENT_MAX_CHARS} characters is refused, naming the field`, () => {
      const err = thrown(
        () =>
          acknowledge(finalised(), {
            by: EMPLOYEE,
            now: T3,
            comment: 'x'.repeat(COMMENT_MAX_CHARS + 1),
          }),
        ValidationError,
      );
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['comment'],
      );
    });

    it(`a comment of exactly ${COMMENT_MAX_CHARS} characters is accepted`, () => {
      const skema = acknowledge(finalised(), {
        by: EMPLOYEE,
        now: T3,
        comment: 'x'.repeat(COMMENT_MAX_CHARS),
      });
      assert.equal(skema.employeeComment?.length, COMMENT_MAX_CHARS);
    });
  });

  describe('changedFields', () => {
    it('names nothing when two versions are the same', () => {
      assert.deepEqual(changedFields(held(), held()), []);
    });

    it('names each answer and talk note that differs, and the status', () => {
      const before = submitted();
      const after = saveTalkNotes(
        { ...before, answers: { ...before.answers, handlinger: 'Nyt' } },
        { vaerdier: 'Note' },
        asLeader(),
      );
      assert.deepEqual(changedFields(before, after), [
        'answers.handlinger',
        'talkNotes.vaerdier',
        'status',
      ]);
    });

    it('names an answer that was removed as well as one that was added', () => {
      const before = aSkema({ answers: { kerneopgaven: 'A' } });
      const after = aSkema({ answers: { handlinger: 'B' } });
      assert.deepEqual(changedFields(before, after), [
        'answers.kerneopgaven',
        'answers.handlinger',
      ]);
    });

    it('treats a missing answer and an empty answer as the same', () => {
      assert.deepEqual(changedFields(aSkema(), aSkema({ answers: { kerneopgaven: '' } })), []);
    });

    it('names a change to the common understandings alone', () => {
      const before = held();
      const after = saveTalkNotes(
        before,
        {},
        {
          ...asLeader(T3),
          understandings: [true, false, false, false],
        },
      );
      assert.deepEqual(changedFields(before, after), ['understandings']);
    });

    it('names a changed follow-up date and employee comment', () => {
      const before = held();
      const after = { ...before, followUpDate: '2026-09-01', employeeComment: 'Tak' };
      assert.deepEqual(changedFields(before, after), ['followUpDate', 'employeeComment']);
    });
  });
});
