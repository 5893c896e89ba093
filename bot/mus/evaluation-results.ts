import type { Bilingual } from './bilingual.js';
import {
  EVALUATION_SCALE,
  EVALUATION_STATEMENTS,
  MIN_GROUP_SIZE,
  type EvaluationAnswer,
} from './evaluation.js';
import { EVALUATION_RESULT_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

/*
 * The evaluation's results as HR may see them (docs/architecture.md, "Who sees what").
 *
 * A group below MIN_GROUP_SIZE is never shown, and neither is anything that lets a reader work it out
 * by subtraction. Departments under the threshold are merged into "Øvrige / Others"; if that merged
 * group is still too small, the smallest shown departments join it until it reaches the threshold
 * (otherwise "all" minus the shown departments would be the small group's exact answers). The role
 * split is shown only when both leaders and employees reach the threshold, or one of them is empty,
 * for the same reason, and only when every cell of role × department group does too: otherwise a
 * department minus its leaders would be the department's few employees. Comments are listed only with a shown group, sorted, so their order says
 * nothing about when or by whom they were written.
 */

export type EvaluationGroupKind = 'all' | 'leaders' | 'employees' | 'department' | 'others';

export interface StatementResult {
  statementId: string;
  text: Bilingual;
  /** Mean score (1–5) with two decimals; null when nobody in the group scored it. */
  average: number | null;
  /** How many gave 1, 2, 3, 4 and 5 (index 0 is score 1). */
  distribution: number[];
}

export interface EvaluationGroupResult {
  kind: EvaluationGroupKind;
  label: Bilingual;
  /** The department, for kind `department`. */
  department?: string;
  /** The departments merged into this group, for kind `others`. */
  departments?: string[];
  answers: number;
  statements: StatementResult[];
  /** The free-text comments of the group, sorted. */
  comments: string[];
}

export interface EvaluationResults {
  answers: number;
  minGroupSize: number;
  /** Only groups of at least `minGroupSize` answers, in the order all, roles, departments, others. */
  groups: EvaluationGroupResult[];
  /** Set when some breakdown was held back to protect small groups. */
  withheld: Bilingual[];
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function group(
  kind: EvaluationGroupKind,
  label: Bilingual,
  answers: EvaluationAnswer[],
  extra: Pick<EvaluationGroupResult, 'department' | 'departments'> = {},
): EvaluationGroupResult {
  const statements = EVALUATION_STATEMENTS.map((s): StatementResult => {
    const distribution = EVALUATION_SCALE.map(() => 0);
    let sum = 0;
    let count = 0;
    for (const answer of answers) {
      const score = answer.scores[s.id];
      if (score === undefined || !Number.isInteger(score) || score < 1 || score > 5) continue;
      distribution[score - 1]! += 1;
      sum += score;
      count += 1;
    }
    return {
      statementId: s.id,
      text: s.text,
      average: count ? round2(sum / count) : null,
      distribution,
    };
  });
  const comments = answers
    .map((a) => a.comment?.trim())
    .filter((c): c is string => Boolean(c))
    .sort((a, b) => a.localeCompare(b, 'da'));
  return { kind, label, ...extra, answers: answers.length, statements, comments };
}

function departmentGroups(
  answers: EvaluationAnswer[],
  min: number,
): { groups: EvaluationGroupResult[]; withheld: boolean } {
  const byDepartment = new Map<string, EvaluationAnswer[]>();
  for (const a of answers)
    byDepartment.set(a.department, [...(byDepartment.get(a.department) ?? []), a]);
  // Largest first; ties by name, so the result does not depend on storage order.
  const departments = [...byDepartment.entries()].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'da'),
  );
  const shown = departments.filter(([, list]) => list.length >= min);
  const merged = departments.filter(([, list]) => list.length < min);
  const mergedCount = (): number => merged.reduce((n, [, list]) => n + list.length, 0);
  while (mergedCount() > 0 && mergedCount() < min && shown.length) merged.push(shown.pop()!);
  const withheld = merged.length > 0 && mergedCount() < min;
  if (shown.length === 0) return { groups: [], withheld: departments.length > 1 };
  const groups = shown.map(([department, list]) =>
    group('department', { da: department, en: department }, list, { department }),
  );
  if (merged.length && !withheld) {
    groups.push(
      group(
        'others',
        EVALUATION_RESULT_RULE_TEXTS.othersLabel,
        merged.flatMap(([, list]) => list),
        { departments: merged.map(([d]) => d).sort((a, b) => a.localeCompare(b, 'da')) },
      ),
    );
  }
  return { groups, withheld };
}

/**
 * Whether the role split may be shown beside these department groups: every cell of role ×
 * department group (the smallest sets a reader can make by adding and subtracting the shown groups'
 * counts, scores and comments) must be empty or at least `min`.
 */
function crossCellsSafe(
  answers: EvaluationAnswer[],
  departmentGroups: EvaluationGroupResult[],
  min: number,
): boolean {
  if (departmentGroups.length === 0) return true;
  const groupOf = new Map<string, number>();
  departmentGroups.forEach((g, i) => {
    for (const d of g.department !== undefined ? [g.department] : (g.departments ?? [])) {
      groupOf.set(d, i);
    }
  });
  const cells = new Map<string, number>();
  for (const a of answers) {
    const key = `${groupOf.get(a.department) ?? -1}|${a.respondentRole}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return [...cells.values()].every((n) => n >= min);
}

/** Summarises the answers for HR, showing only groups of at least `min` (MIN_GROUP_SIZE) answers. */
export function summariseEvaluation(
  answers: EvaluationAnswer[],
  min = MIN_GROUP_SIZE,
): EvaluationResults {
  const results: EvaluationResults = {
    answers: answers.length,
    minGroupSize: min,
    groups: [],
    withheld: [],
  };
  if (answers.length < min) {
    if (answers.length > 0) {
      results.withheld.push(fill(EVALUATION_RESULT_RULE_TEXTS.thereAreFewerThan, { min }));
    }
    return results;
  }
  results.groups.push(group('all', EVALUATION_RESULT_RULE_TEXTS.allLabel, answers));

  const leaders = answers.filter((a) => a.respondentRole === 'leader');
  const employees = answers.filter((a) => a.respondentRole === 'employee');
  const roleOk = (n: number): boolean => n === 0 || n >= min;
  if (roleOk(leaders.length) && roleOk(employees.length)) {
    if (leaders.length)
      results.groups.push(group('leaders', EVALUATION_RESULT_RULE_TEXTS.leadersLabel, leaders));
    if (employees.length)
      results.groups.push(
        group('employees', EVALUATION_RESULT_RULE_TEXTS.employeesLabel, employees),
      );
  } else {
    results.withheld.push(fill(EVALUATION_RESULT_RULE_TEXTS.splitIntoLeadersEmployees, { min }));
  }

  const departments = departmentGroups(answers, min);
  const roleGroups = results.groups.filter((g) => g.kind === 'leaders' || g.kind === 'employees');
  if (roleGroups.length && !crossCellsSafe(answers, departments.groups, min)) {
    // Role and department together would single out a small group: the department's leaders, say,
    // subtracted from the department. Keep the departments; hold the role split back.
    results.groups = results.groups.filter((g) => !roleGroups.includes(g));
    results.withheld.push(fill(EVALUATION_RESULT_RULE_TEXTS.splitIntoLeadersEmployees2, { min }));
  }
  results.groups.push(...departments.groups);
  if (departments.withheld) {
    results.withheld.push(fill(EVALUATION_RESULT_RULE_TEXTS.someDepartmentsAreNot, { min }));
  }
  return results;
}
