import type { Bilingual } from './bilingual.js';

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
