import type { Bilingual } from './bilingual.js';
import type { ValidationIssue } from './errors.js';
import { STEP_TWO_INVITATION_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

/**
 * HR's own part of the employees' step-2 card: a few words of their own (why the organisation holds
 * the talks this way, what is special this year) and questions the employee can think about before
 * the talk, as the method suggests. Both languages, like the skema's questions.
 */
export interface StepTwoInvitation {
  text?: Bilingual;
  questions: Bilingual[];
}

export const INVITATION_TEXT_MAX = 2000;
export const INVITATION_QUESTION_MAX = 500;
export const INVITATION_QUESTIONS_MAX = 8;

function textIssue(where: string, value: Bilingual, max: number): ValidationIssue | undefined {
  const bad = (['da', 'en'] as const).some((lang) => {
    const text = value[lang].trim();
    return !text || text.length > max;
  });
  if (!bad) return undefined;
  return {
    where,
    message: fill(STEP_TWO_INVITATION_RULE_TEXTS.writeTextDanishEnglish, { max }),
  };
}

/** Checks HR's step-2 text and questions: both languages, sensible lengths, a handful of questions. */
export function invitationIssues(invitation: StepTwoInvitation): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (invitation.text) {
    const issue = textIssue('text', invitation.text, INVITATION_TEXT_MAX);
    if (issue) issues.push(issue);
  }
  if (invitation.questions.length > INVITATION_QUESTIONS_MAX) {
    issues.push({
      where: 'questions',
      message: fill(STEP_TWO_INVITATION_RULE_TEXTS.atMostQuestionsEmployee, {
        INVITATION_QUESTIONS_MAX,
      }),
    });
  }
  invitation.questions.forEach((q, i) => {
    const issue = textIssue(`questions.${i}`, q, INVITATION_QUESTION_MAX);
    if (issue) issues.push(issue);
  });
  return issues;
}
