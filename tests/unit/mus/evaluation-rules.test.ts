import assert from 'node:assert/strict';
import { isPastDeadline } from '../../../bot/mus/deadline.js';
import { ValidationError } from '../../../bot/mus/errors.js';
import {
  EVALUATION_STATEMENTS,
  evaluationWindow,
  respondentRole,
  validateEvaluation,
} from '../../../bot/mus/evaluation.js';
import { aPerson, assertBilingual, launchedThrough, thrown, userTexts } from './builders.js';

function scores(value: unknown): Record<string, unknown> {
  return Object.fromEntries(EVALUATION_STATEMENTS.map((s) => [s.id, value]));
}

describe('checking an evaluation', () => {
  it('accepts a score from 1 to 5 for every statement and trims the comment', () => {
    assert.deepEqual(validateEvaluation({ scores: scores(3), comment: '  Godt  ' }), {
      scores: scores(3),
      comment: 'Godt',
    });
  });

  it('drops an empty comment', () => {
    assert.deepEqual(validateEvaluation({ scores: scores(5), comment: '   ' }), {
      scores: scores(5),
    });
  });

  it('refuses a missing, fractional, out-of-range or unknown score, naming each', () => {
    const input = scores(0);
    input[EVALUATION_STATEMENTS[1]!.id] = 2.5;
    input[EVALUATION_STATEMENTS[2]!.id] = '4';
    delete input[EVALUATION_STATEMENTS[3]!.id];
    input['noget-andet'] = 3;
    const error = thrown(() => validateEvaluation({ scores: input }), ValidationError);
    assert.deepEqual(
      error.issues.map((i) => i.where),
      [...EVALUATION_STATEMENTS.map((s) => `scores.${s.id}`), 'scores.noget-andet'],
    );
    for (const { where, text } of userTexts(error)) assertBilingual(text, where);
  });

  it('refuses a comment over 2000 characters and accepts one of exactly 2000', () => {
    assert.equal(
      validateEvaluation({ scores: scores(4), comment: 'x'.repeat(2000) }).comment?.length,
      2000,
    );
    const error = thrown(
      () => validateEvaluation({ scores: scores(4), comment: 'x'.repeat(2001) }),
      ValidationError,
    );
    assert.equal(error.issues[0]!.where, 'comment');
  });
});

describe('who answers the evaluation, and when', () => {
  it('a leader answers as a leader, also when led; an employee with a leader as an employee', () => {
    assert.equal(respondentRole(aPerson('a@x.dk', ['leader'])), 'leader');
    assert.equal(respondentRole(aPerson('a@x.dk', ['employee', 'leader'], 'b@x.dk')), 'leader');
    assert.equal(respondentRole(aPerson('a@x.dk', ['employee'], 'b@x.dk')), 'employee');
    assert.equal(respondentRole(aPerson('a@x.dk', ['hr'])), undefined);
    assert.equal(respondentRole(aPerson('a@x.dk', ['employee'])), undefined);
  });

  it('is open from the launch of step 5 through its deadline day, Danish time', () => {
    const round = launchedThrough(5);
    const deadline = round.steps[4]!.deadline;
    assert.equal(evaluationWindow(launchedThrough(4), new Date()).open, false);
    // 23:30 in Copenhagen (summer time) on the deadline day is still in time; the next day is not.
    assert.equal(evaluationWindow(round, new Date(`${deadline}T21:30:00Z`)).open, true);
    const late = evaluationWindow(round, new Date(`${deadline}T22:30:00Z`));
    assert.equal(late.open, false);
    assert.ok(!late.open && /for sent/.test(late.reason.da));
    const closed = evaluationWindow({ ...round, closedAt: '2026-03-03T00:00:00Z' }, new Date(0));
    assert.ok(!closed.open && /afsluttet/.test(closed.reason.da));
    if (!closed.open) assertBilingual(closed.reason, 'closed');
  });

  it('counts a deadline as passed only after the whole day in Denmark', () => {
    assert.equal(isPastDeadline('2026-03-02', new Date('2026-03-02T22:59:00Z')), false);
    assert.equal(isPastDeadline('2026-03-02', new Date('2026-03-02T23:00:00Z')), true);
  });
});
