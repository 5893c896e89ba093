import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the evaluation (step 5) says to those who answer it and to those who read its results.
 */
export const EVALUATION_TEXTS = {
  unitEvaluation: {
    onlyLeaders: {
      da: 'Kun ledere med medarbejdere i runden kan se deres enheds evaluering.',
      en: 'Only leaders with employees in the round can see their unit’s evaluation.',
    },
    notYet: {
      da: 'Resultaterne vises, når evalueringens frist er overstået, eller runden er lukket.',
      en: 'The results are shown once the evaluation deadline has passed or the round is closed.',
    },
    noUnitGroup: {
      da: 'For få i din enhed svarede til, at enhedens resultat kan vises for sig.',
      en: 'Too few in your unit answered for its result to be shown on its own.',
    },
    roundDoesNotExist: { da: 'Runden findes ikke.', en: 'The round does not exist.' },
  },
  submitEvaluation: {
    alreadyAnswered: {
      da: 'Du har allerede svaret – tak!',
      en: 'You have already answered – thank you!',
    },
    notARespondent: {
      da: 'Evalueringen er for ledere og medarbejdere, der har holdt MUS i runden.',
      en: 'The evaluation is for leaders and employees who held a MUS in the round.',
    },
    roundDoesNotExist: { da: 'Runden findes ikke.', en: 'The round does not exist.' },
  },
} satisfies Record<string, Record<string, Bilingual>>;
