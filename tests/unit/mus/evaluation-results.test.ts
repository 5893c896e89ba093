import assert from 'node:assert/strict';
import { EVALUATION_STATEMENTS, type EvaluationAnswer } from '../../../bot/mus/evaluation.js';
import { summariseEvaluation } from '../../../bot/mus/evaluation-results.js';
import { assertBilingual } from './builders.js';

function answers(
  n: number,
  department: string,
  role: EvaluationAnswer['respondentRole'] = 'employee',
  score = 4,
): EvaluationAnswer[] {
  return Array.from({ length: n }, (_, i) => ({
    orgId: 'o',
    roundId: 'r',
    id: `${department}-${role}-${i}`,
    respondentRole: role,
    department,
    scores: Object.fromEntries(EVALUATION_STATEMENTS.map((s) => [s.id, score])),
    comment: `${department} ${role} ${i}`,
  }));
}

function shown(results: ReturnType<typeof summariseEvaluation>): string[] {
  return results.groups.map((g) =>
    g.kind === 'department' ? `department:${g.department}` : g.kind,
  );
}

describe('evaluation results for HR', () => {
  it('shows nothing below five answers in all', () => {
    const results = summariseEvaluation(answers(4, 'Drift'));
    assert.deepEqual(results.groups, []);
    assert.equal(results.answers, 4);
    assertBilingual(results.withheld[0]!, 'withheld');
  });

  it('shows a department of five with its average, distribution and comments', () => {
    const results = summariseEvaluation([
      ...answers(3, 'Drift', 'employee', 2),
      ...answers(2, 'Drift', 'employee', 5),
    ]);
    const drift = results.groups.find((g) => g.department === 'Drift')!;
    assert.equal(drift.answers, 5);
    assert.equal(drift.statements[0]!.average, 3.2);
    assert.deepEqual(drift.statements[0]!.distribution, [0, 3, 0, 0, 2]);
    assert.equal(drift.comments.length, 5);
  });

  it('hides a department of four and merges it with other small ones into "Øvrige" at five', () => {
    const results = summariseEvaluation([
      ...answers(6, 'Drift'),
      ...answers(5, 'Løn'),
      ...answers(4, 'IT'),
      ...answers(1, 'Jura'),
    ]);
    assert.deepEqual(shown(results), [
      'all',
      'employees',
      'department:Drift',
      'department:Løn',
      'others',
    ]);
    const others = results.groups.at(-1)!;
    assert.deepEqual(others.departments, ['IT', 'Jura']);
    assert.equal(others.answers, 5);
    assert.ok(!results.groups.some((g) => g.department === 'IT'));
  });

  it('folds the smallest shown department into "Øvrige" when the small ones alone would be under five', () => {
    // Showing Drift and Løn alone would give IT's four answers away as all − Drift − Løn.
    const results = summariseEvaluation([
      ...answers(7, 'Drift'),
      ...answers(5, 'Løn'),
      ...answers(4, 'IT'),
    ]);
    assert.deepEqual(shown(results), ['all', 'employees', 'department:Drift', 'others']);
    assert.deepEqual(results.groups.at(-1)!.departments, ['IT', 'Løn']);
    assert.equal(results.groups.at(-1)!.answers, 9);
  });

  it('shows no department at all when no breakdown keeps every group at five or more', () => {
    const results = summariseEvaluation([...answers(6, 'Drift'), ...answers(4, 'IT')]);
    assert.deepEqual(shown(results), ['all', 'employees']);
    assert.equal(results.withheld.length, 1);
  });

  it('splits leaders and employees only when both groups have five answers (or one has none)', () => {
    const mixed = summariseEvaluation([...answers(4, 'Drift', 'leader'), ...answers(6, 'Drift')]);
    assert.ok(!shown(mixed).includes('leaders'));
    assert.ok(!shown(mixed).includes('employees'), 'employees alone would give the leaders away');
    const both = summariseEvaluation([...answers(5, 'Drift', 'leader'), ...answers(6, 'Drift')]);
    assert.deepEqual(shown(both).slice(0, 3), ['all', 'leaders', 'employees']);
  });

  it('lists comments sorted, so their order says nothing about who wrote them when', () => {
    const list = answers(5, 'Drift').reverse();
    const all = summariseEvaluation(list).groups[0]!;
    assert.deepEqual(
      all.comments,
      [...all.comments].sort((a, b) => a.localeCompare(b, 'da')),
    );
  });
});
