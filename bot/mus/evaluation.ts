import type { Bilingual } from './bilingual.js';
import { isPastDeadline } from './deadline.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { hasRole, type Person } from './person.js';
import { roundStep, type Round } from './round.js';
import {
  EVALUATION_RULE_TEXTS,
  EVALUATION_SCALE_TEXTS,
  EVALUATION_STATEMENT_TEXTS,
} from '../../texts/evaluation.js';
import { fill } from '../../texts/fill.js';

/**
 * The step-5 statements, answered on a 1–5 scale (helt uenig … helt enig). Marked pure so a bundle
 * that uses only the scale (the tab) leaves the statements out.
 */
export const EVALUATION_STATEMENTS: readonly { id: string; text: Bilingual }[] =
  /* @__PURE__ */ Object.entries(EVALUATION_STATEMENT_TEXTS).map(([id, text]) => ({ id, text }));

export const EVALUATION_SCALE: readonly Bilingual[] = [
  EVALUATION_SCALE_TEXTS.stronglyDisagree,
  EVALUATION_SCALE_TEXTS.disagree,
  EVALUATION_SCALE_TEXTS.neitherAgreeNorDisagree,
  EVALUATION_SCALE_TEXTS.agree,
  EVALUATION_SCALE_TEXTS.stronglyAgree,
];

/**
 * An evaluation answer. It holds no link to who gave it: only the group it may be reported in
 * (leader or employee, and department), and only for groups of at least `MIN_GROUP_SIZE` answers.
 */
export interface EvaluationAnswer {
  orgId: string;
  roundId: string;
  /** Random id, unrelated to the person. */
  id: string;
  respondentRole: 'leader' | 'employee';
  department: string;
  scores: Record<string, number>;
  comment?: string;
}

/** Records only that a person answered (so reminders go to those who have not). */
export interface EvaluationReceipt {
  orgId: string;
  roundId: string;
  personEmail: string;
}

/** Results are shown only for groups of at least this many answers. */
export const MIN_GROUP_SIZE = 5;

/** The free-text comment's limit (the card's input has the same maxLength). */
export const EVALUATION_COMMENT_MAX_CHARS = 2000;

/** What a person sends: a score per statement, and an optional comment. */
export interface EvaluationInput {
  scores: Record<string, unknown>;
  comment?: unknown;
}

/** A checked evaluation: every statement scored 1–5, the comment trimmed and absent when empty. */
export interface ValidEvaluation {
  scores: Record<string, number>;
  comment?: string;
}

const SCORE_MIN = 1;
const SCORE_MAX = EVALUATION_SCALE.length;

/**
 * Checks an evaluation: each of the statements needs a whole-number score from 1 to 5, no other
 * statement may be scored, and the comment is at most 2000 characters. Throws a ValidationError
 * naming every problem.
 */
export function validateEvaluation(input: EvaluationInput): ValidEvaluation {
  const issues: ValidationIssue[] = [];
  const known = new Set(EVALUATION_STATEMENTS.map((s) => s.id));
  const scores: Record<string, number> = {};
  for (const statement of EVALUATION_STATEMENTS) {
    const value = input.scores[statement.id];
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= SCORE_MIN &&
      value <= SCORE_MAX
    ) {
      scores[statement.id] = value;
    } else {
      issues.push({
        where: `scores.${statement.id}`,
        message:
          value === undefined
            ? fill(EVALUATION_RULE_TEXTS.giveAnswer, { text: statement.text })
            : fill(EVALUATION_RULE_TEXTS.answerMustBeNumber, {
                text: statement.text,
                SCORE_MIN,
                SCORE_MAX,
              }),
      });
    }
  }
  for (const id of Object.keys(input.scores)) {
    if (!known.has(id)) {
      issues.push({
        where: `scores.${id}`,
        message: EVALUATION_RULE_TEXTS.evaluationHasNoSuch,
      });
    }
  }
  let comment: string | undefined;
  if (input.comment !== undefined && typeof input.comment !== 'string') {
    issues.push({
      where: 'comment',
      message: EVALUATION_RULE_TEXTS.commentMustBeText,
    });
  } else {
    comment = input.comment?.trim() || undefined;
    if (comment && comment.length > EVALUATION_COMMENT_MAX_CHARS) {
      issues.push({
        where: 'comment',
        message: fill(EVALUATION_RULE_TEXTS.commentMayBeAt, {
          EVALUATION_COMMENT_MAX_CHARS,
          length: comment.length,
        }),
      });
    }
  }
  if (issues.length) {
    throw new ValidationError(issues, EVALUATION_RULE_TEXTS.evaluationWasNotSent);
  }
  return comment ? { scores, comment } : { scores };
}

/**
 * Who answers as what: a leader answers as a leader (also when they are led themselves, so they
 * answer once), an employee with a leader as an employee; anyone else held no MUS in the round.
 */
export function respondentRole(
  person: Pick<Person, 'roles' | 'leaderEmail'>,
): EvaluationAnswer['respondentRole'] | undefined {
  if (hasRole(person, 'leader')) return 'leader';
  if (hasRole(person, 'employee') && person.leaderEmail) return 'employee';
  return undefined;
}

export type EvaluationWindow = { open: true } | { open: false; reason: Bilingual };

/** Whether the round takes evaluations now: step 5 launched, the round open, the deadline not passed. */
export function evaluationWindow(
  round: Pick<Round, 'steps' | 'closedAt'>,
  now: Date,
): EvaluationWindow {
  const step = roundStep(round, 5);
  if (!step.launchedAt) {
    return {
      open: false,
      reason: EVALUATION_RULE_TEXTS.reason,
    };
  }
  if (round.closedAt) {
    return {
      open: false,
      reason: EVALUATION_RULE_TEXTS.reason2,
    };
  }
  if (isPastDeadline(step.deadline, now)) {
    return {
      open: false,
      reason: EVALUATION_RULE_TEXTS.reason3,
    };
  }
  return { open: true };
}
