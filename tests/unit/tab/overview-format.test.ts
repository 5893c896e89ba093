import assert from 'node:assert/strict';
import type { EvaluationGroupResult } from '../../../bot/mus/evaluation-results.js';
import type { EvaluationOverview } from '../../../bot/overview/round-overview.js';
import {
  csvFileName,
  dayAfter,
  departmentName,
  evaluationState,
  groupName,
  resultsFrom,
} from '../../../tab/src/overview-format.js';

function evaluation(over: Partial<EvaluationOverview>): EvaluationOverview {
  return {
    launched: false,
    answers: 0,
    resultsAvailable: false,
    resultsFrom: '2026-05-04',
    minGroupSize: 5,
    groups: [],
    withheld: [],
    ...over,
  };
}

function group(over: Partial<EvaluationGroupResult>): EvaluationGroupResult {
  return {
    kind: 'all',
    label: { da: 'Alle', en: 'Everyone' },
    answers: 5,
    statements: [],
    comments: [],
    ...over,
  };
}

describe('the tab: HR’s overview, the small decisions', () => {
  it('shows results from the day after the evaluation’s deadline, across months and years', () => {
    assert.equal(dayAfter('2026-05-04'), '2026-05-05');
    assert.equal(dayAfter('2026-04-30'), '2026-05-01');
    assert.equal(dayAfter('2026-12-31'), '2027-01-01');
    assert.equal(dayAfter('2028-02-28'), '2028-02-29');
    assert.equal(dayAfter('not a date'), 'not a date');
    assert.equal(resultsFrom(evaluation({ resultsFrom: '2026-03-31' })), '2026-04-01');
  });

  it('tells the three states of the evaluation apart: not sent, collecting, results', () => {
    assert.equal(evaluationState(evaluation({})), 'not-launched');
    assert.equal(evaluationState(evaluation({ launched: true, answers: 7 })), 'collecting');
    assert.equal(
      evaluationState(evaluation({ launched: true, answers: 7, resultsAvailable: true })),
      'results',
    );
  });

  it('names the merged small departments with the departments in them, and a missing department', () => {
    assert.equal(groupName(group({})), 'Alle');
    assert.equal(
      groupName(
        group({ kind: 'others', label: { da: 'Øvrige', en: 'Others' }, departments: ['HR', ''] }),
      ),
      'Øvrige (HR, (ukendt afdeling))',
    );
    assert.equal(departmentName('Drift'), 'Drift');
    assert.equal(departmentName(''), '(ukendt afdeling)');
  });

  it('names the CSV file after the round, with nothing a file system would trip over', () => {
    assert.equal(csvFileName('mus-2026-a1b2c3'), 'mus-overblik-mus-2026-a1b2c3.csv');
    assert.equal(csvFileName('a/b c'), 'mus-overblik-a-b-c.csv');
  });
});
