import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the evaluation (step 5) says to those who answer it and to those who read its results: its
 * statements and scale, its rules, and the server's answers about a unit's results.
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

/**
 * The evaluation's statements, each answered on the scale below, keyed by the statement's id (stored
 * with every answer, so an id never changes).
 */
export const EVALUATION_STATEMENT_TEXTS = {
  'kerneopgave-i-centrum': {
    da: 'Kerneopgaven var i centrum for samtalen.',
    en: 'The core task was the centre of the conversation.',
  },
  'saa-fremad': { da: 'Samtalen så fremad.', en: 'The conversation looked forward.' },
  'forventninger-afstemt': {
    da: 'Vi fik afstemt forventninger.',
    en: 'We aligned our expectations.',
  },
  'mit-bidrag': {
    da: 'Jeg ved, hvordan jeg bidrager til, at vi sammen løser kerneopgaven.',
    en: 'I know how I contribute to solving the core task together.',
  },
  'konkrete-aftaler': {
    da: 'Aftalerne er konkrete nok til, at vi kan følge op på dem.',
    en: 'The agreements are concrete enough to follow up on.',
  },
} satisfies Record<string, Bilingual>;

/** The free-text question after the statements. */
export const EVALUATION_COMMENT_TEXTS = {
  prompt: {
    da: 'Hvad skal vi gøre anderledes næste gang?',
    en: 'What should we do differently next time?',
  },
} satisfies Record<string, Bilingual>;

export const EVALUATION_SCALE_TEXTS = {
  stronglyDisagree: { da: 'Helt uenig', en: 'Strongly disagree' },
  disagree: { da: 'Uenig', en: 'Disagree' },
  neitherAgreeNorDisagree: { da: 'Hverken enig eller uenig', en: 'Neither agree nor disagree' },
  agree: { da: 'Enig', en: 'Agree' },
  stronglyAgree: { da: 'Helt enig', en: 'Strongly agree' },
} satisfies Record<string, Bilingual>;

export const EVALUATION_RULE_TEXTS = {
  giveAnswer: { da: 'Giv et svar på "{text}"', en: 'Give an answer to "{text}"' },
  answerMustBeNumber: {
    da: 'Svaret på "{text}" skal være et tal fra {SCORE_MIN} til {SCORE_MAX}.',
    en: 'The answer to "{text}" must be a number from {SCORE_MIN} to {SCORE_MAX}.',
  },
  evaluationHasNoSuch: {
    da: 'Evalueringen har ikke dette udsagn.',
    en: 'The evaluation has no such statement.',
  },
  commentMustBeText: { da: 'Kommentaren skal være en tekst.', en: 'The comment must be a text.' },
  commentMayBeAt: {
    da: 'Kommentaren må højst være {EVALUATION_COMMENT_MAX_CHARS} tegn (den er {length}).',
    en: 'The comment may be at most {EVALUATION_COMMENT_MAX_CHARS} characters (it is {length}).',
  },
  evaluationWasNotSent: {
    da: 'Evalueringen er ikke sendt: nogle svar mangler eller er ugyldige.',
    en: 'The evaluation was not sent: some answers are missing or invalid.',
  },
  reason: {
    da: 'Evalueringen er ikke sat i gang endnu. Du får et kort, når HR starter den.',
    en: 'The evaluation has not started yet. You will get a card when HR starts it.',
  },
  reason2: {
    da: 'Runden er afsluttet, så evalueringen er lukket. Tak for din interesse.',
    en: 'The round is closed, so the evaluation is closed too. Thank you for your interest.',
  },
  reason3: {
    da: 'Det er desværre for sent at svare: fristen for evalueringen er overskredet.',
    en: 'Sorry, it is too late to answer: the deadline for the evaluation has passed.',
  },
} satisfies Record<string, Bilingual>;
