import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the rollout says while it launches a step and delivers its cards.
 */
export const ROLLOUT_TEXTS = {
  closeRound: {
    tooFewAnswers: {
      da: 'Evalueringen er i gang, og færre end {min} har svaret. Runden kan lukkes, når fristen for trin 5 er passeret, eller når mindst {min} har svaret — ellers kunne enkeltes svar regnes ud.',
      en: 'The evaluation is open and fewer than {min} have answered. The round can be closed once the step 5 deadline has passed or at least {min} have answered — otherwise single answers could be worked out.',
    },
  },
  deliverCard: {
    notOnRoster: {
      da: 'personen er ikke længere på medarbejderlisten',
      en: 'the person is no longer on the roster',
    },
    agreementGone: { da: 'aftalen findes ikke længere', en: 'the agreement no longer exists' },
    noLongerDue: {
      da: 'påmindelsen var ikke længere nødvendig',
      en: 'the reminder was no longer needed',
    },
    unknownInTeams: {
      da: 'appen er ikke installeret hos brugeren, eller botten har ikke set brugeren i Teams endnu',
      en: 'the app is not installed for the user, or the bot has not seen the user in Teams yet',
    },
    roundNoLongerExists: { da: 'runden findes ikke længere', en: 'the round no longer exists' },
  },
  dispatcher: {
    reasonText: { da: 'intern fejl under afsendelse', en: 'internal error while sending' },
  },
  launchStep: {
    roundDoesNotExist: { da: 'Runden findes ikke.', en: 'The round does not exist.' },
  },
} satisfies Record<string, Record<string, Bilingual>>;
