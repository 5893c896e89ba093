import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What HR's preview of a skema draft (in the tab's setup) writes around the questions. The preview
 * shows either language on demand, so these are picked by the preview's own language, not the user's.
 */
export const SKEMA_PREVIEW_TEXTS = {
  answerHere: {
    da: 'Her skriver medarbejderen sit svar.',
    en: 'The employee writes their answer here.',
  },
  duringTalk: {
    da: 'Udfyldes af jer sammen under samtalen.',
    en: 'Filled in by the two of you during the talk.',
  },
  untitled: { da: '(uden overskrift)', en: '(no heading)' },
  noPrompt: { da: '(spørgsmålet mangler)', en: '(the question is missing)' },
} satisfies Record<string, Bilingual>;
