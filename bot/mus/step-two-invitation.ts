import type { Bilingual } from './bilingual.js';
import type { ValidationIssue } from './errors.js';

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
    message: {
      da: `Skriv teksten på dansk og engelsk, højst ${max} tegn hver.`,
      en: `Write the text in Danish and English, at most ${max} characters each.`,
    },
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
      message: {
        da: `Højst ${INVITATION_QUESTIONS_MAX} spørgsmål: medarbejderen skal kunne nå dem alle.`,
        en: `At most ${INVITATION_QUESTIONS_MAX} questions: the employee should be able to get through them all.`,
      },
    });
  }
  invitation.questions.forEach((q, i) => {
    const issue = textIssue(`questions.${i}`, q, INVITATION_QUESTION_MAX);
    if (issue) issues.push(issue);
  });
  return issues;
}
