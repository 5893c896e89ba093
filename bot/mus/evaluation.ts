import type { Bilingual } from './bilingual.js';
import { isPastDeadline } from './deadline.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { hasRole, type Person } from './person.js';
import { roundStep, type Round } from './round.js';

/** The step-5 statements, answered on a 1–5 scale (helt uenig … helt enig). */
export const EVALUATION_STATEMENTS: readonly { id: string; text: Bilingual }[] = [
  {
    id: 'kerneopgave-i-centrum',
    text: {
      da: 'Kerneopgaven var i centrum for samtalen.',
      en: 'The core task was the centre of the conversation.',
    },
  },
  { id: 'saa-fremad', text: { da: 'Samtalen så fremad.', en: 'The conversation looked forward.' } },
  {
    id: 'forventninger-afstemt',
    text: { da: 'Vi fik afstemt forventninger.', en: 'We aligned our expectations.' },
  },
  {
    id: 'mit-bidrag',
    text: {
      da: 'Jeg ved, hvordan jeg bidrager til, at vi sammen løser kerneopgaven.',
      en: 'I know how I contribute to solving the core task together.',
    },
  },
  {
    id: 'konkrete-aftaler',
    text: {
      da: 'Aftalerne er konkrete nok til, at vi kan følge op på dem.',
      en: 'The agreements are concrete enough to follow up on.',
    },
  },
];

export const EVALUATION_SCALE: readonly Bilingual[] = [
  { da: 'Helt uenig', en: 'Strongly disagree' },
  { da: 'Uenig', en: 'Disagree' },
  { da: 'Hverken enig eller uenig', en: 'Neither agree nor disagree' },
  { da: 'Enig', en: 'Agree' },
  { da: 'Helt enig', en: 'Strongly agree' },
];

export const EVALUATION_COMMENT_PROMPT: Bilingual = {
  da: 'Hvad skal vi gøre anderledes næste gang?',
  en: 'What should we do differently next time?',
};

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
            ? {
                da: `Giv et svar på "${statement.text.da}"`,
                en: `Give an answer to "${statement.text.en}"`,
              }
            : {
                da: `Svaret på "${statement.text.da}" skal være et tal fra ${SCORE_MIN} til ${SCORE_MAX}.`,
                en: `The answer to "${statement.text.en}" must be a number from ${SCORE_MIN} to ${SCORE_MAX}.`,
              },
      });
    }
  }
  for (const id of Object.keys(input.scores)) {
    if (!known.has(id)) {
      issues.push({
        where: `scores.${id}`,
        message: {
          da: 'Evalueringen har ikke dette udsagn.',
          en: 'The evaluation has no such statement.',
        },
      });
    }
  }
  let comment: string | undefined;
  if (input.comment !== undefined && typeof input.comment !== 'string') {
    issues.push({
      where: 'comment',
      message: { da: 'Kommentaren skal være en tekst.', en: 'The comment must be a text.' },
    });
  } else {
    comment = input.comment?.trim() || undefined;
    if (comment && comment.length > EVALUATION_COMMENT_MAX_CHARS) {
      issues.push({
        where: 'comment',
        message: {
          da: `Kommentaren må højst være ${EVALUATION_COMMENT_MAX_CHARS} tegn (den er ${comment.length}).`,
          en: `The comment may be at most ${EVALUATION_COMMENT_MAX_CHARS} characters (it is ${comment.length}).`,
        },
      });
    }
  }
  if (issues.length) {
    throw new ValidationError(issues, {
      da: 'Evalueringen er ikke sendt: nogle svar mangler eller er ugyldige.',
      en: 'The evaluation was not sent: some answers are missing or invalid.',
    });
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
      reason: {
        da: 'Evalueringen er ikke sat i gang endnu. Du får et kort, når HR starter den.',
        en: 'The evaluation has not started yet. You will get a card when HR starts it.',
      },
    };
  }
  if (round.closedAt) {
    return {
      open: false,
      reason: {
        da: 'Runden er afsluttet, så evalueringen er lukket. Tak for din interesse.',
        en: 'The round is closed, so the evaluation is closed too. Thank you for your interest.',
      },
    };
  }
  if (isPastDeadline(step.deadline, now)) {
    return {
      open: false,
      reason: {
        da: 'Det er desværre for sent at svare: fristen for evalueringen er overskredet.',
        en: 'Sorry, it is too late to answer: the deadline for the evaluation has passed.',
      },
    };
  }
  return { open: true };
}
