import assert from 'node:assert/strict';
import { EVALUATION_STATEMENTS, type EvaluationAnswer } from '../../../bot/mus/evaluation.js';
import {
  summariseEvaluation,
  type EvaluationGroupResult,
} from '../../../bot/mus/evaluation-results.js';

/*
 * No figure HR sees may be worked out for fewer than five people by adding or subtracting the groups
 * shown (counts, score distributions and comments alike). Every set a reader can make that way is a
 * union of "atoms": the answers that belong to exactly the same shown groups. So each atom must be
 * empty or at least five.
 */

const K = 5;

function answer(id: string, department: string, role: EvaluationAnswer['respondentRole']) {
  return {
    orgId: 'o',
    roundId: 'r',
    id,
    respondentRole: role,
    department,
    scores: Object.fromEntries(EVALUATION_STATEMENTS.map((s) => [s.id, 3])),
    comment: `kommentar ${id}`,
  } satisfies EvaluationAnswer;
}

/** Which answers a shown group holds, told by its kind and department(s). */
function members(group: EvaluationGroupResult, all: EvaluationAnswer[]): Set<string> {
  const inGroup = (a: EvaluationAnswer): boolean => {
    if (group.kind === 'all') return true;
    if (group.kind === 'leaders') return a.respondentRole === 'leader';
    if (group.kind === 'employees') return a.respondentRole === 'employee';
    if (group.kind === 'department') return a.department === group.department;
    return (group.departments ?? []).includes(a.department);
  };
  return new Set(all.filter(inGroup).map((a) => a.id));
}

/** The sizes of the atoms of the shown groups (answers in no shown group are not an atom). */
function atomSizes(all: EvaluationAnswer[]): number[] {
  const results = summariseEvaluation(all);
  const groups = results.groups.map((g) => members(g, all));
  const atoms = new Map<string, number>();
  for (const a of all) {
    const signature = groups.map((g) => (g.has(a.id) ? '1' : '0')).join('');
    if (!signature.includes('1')) continue;
    atoms.set(signature, (atoms.get(signature) ?? 0) + 1);
  }
  return [...atoms.values()];
}

/** A small seeded random generator, so a failing organisation can be found again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('evaluation results survive subtraction across roles and departments', () => {
  it('the attack: a department of 7 whose 5 leaders form their own group does not give away its 2 employees', () => {
    const all = [
      ...Array.from({ length: 5 }, (_, i) => answer(`l${i}`, 'Ledelse', 'leader')),
      ...Array.from({ length: 2 }, (_, i) => answer(`e${i}`, 'Ledelse', 'employee')),
      ...Array.from({ length: 12 }, (_, i) => answer(`d${i}`, 'Drift', 'employee')),
    ];
    const results = summariseEvaluation(all);
    const kinds = results.groups.map((g) => g.kind);
    assert.ok(kinds.includes('department'), 'the departments are still shown');
    assert.ok(!kinds.includes('leaders'), 'the role split is held back');
    assert.ok(results.withheld.some((w) => /ledere og medarbejdere/.test(w.da)));
    assert.ok(atomSizes(all).every((n) => n >= K));
  });

  it('keeps the role split when every role in every department group reaches five', () => {
    const all = ['Drift', 'Kunder'].flatMap((d) => [
      ...Array.from({ length: 5 }, (_, i) => answer(`${d}-l${i}`, d, 'leader')),
      ...Array.from({ length: 6 }, (_, i) => answer(`${d}-e${i}`, d, 'employee')),
    ]);
    const kinds = summariseEvaluation(all).groups.map((g) => g.kind);
    assert.ok(kinds.includes('leaders') && kinds.includes('employees'));
  });

  it('over 500 random organisations, no atom of the shown groups has 1–4 answers', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const departments = 1 + Math.floor(next() * 5);
      const size = Math.floor(next() * 40);
      const all = Array.from({ length: size }, (_, i) =>
        answer(
          `${seed}-${i}`,
          `Afdeling ${Math.floor(next() * departments)}`,
          next() < 0.25 ? 'leader' : 'employee',
        ),
      );
      const small = atomSizes(all).filter((n) => n < K);
      assert.deepEqual(small, [], `organisation ${seed}: atoms of ${small.join(', ')}`);
    }
  });
});
