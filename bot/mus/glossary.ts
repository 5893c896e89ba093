import type { Bilingual } from './bilingual.js';
import type { RoundKind } from './round.js';
import { STATUS_TEXTS } from '../../texts/status.js';

/*
 * One word per concept, shared by the bot's cards and the tab (which bundles this pure module), so a
 * user meets the same term in the chat and in the tab. Where the method has its own word (opsamling,
 * kerneopgave, arbejdsfællesskab) that is the word used.
 *
 * A round is "lukket" (closed) by HR; a talk is "afsluttet" (finalised) by its leader — never the
 * same word for both. An agreement is "gennemført" or "opgivet". What a round kind calls its talk and
 * its skema comes from talkName/skemaName, never from a hard-coded "MUS".
 */

export const TERMS = {
  ourCoreTask: { da: 'Vores kerneopgave', en: 'Our core task' },
  coreTaskMissing: {
    da: 'HR har endnu ikke skrevet organisationens kerneopgave.',
    en: "HR has not yet written the organisation's core task.",
  },
  /** The third phase's word for what leader and employee write down together. */
  summary: { da: 'Opsamling', en: 'Summary' },
  roundClosed: { da: 'Runden er lukket.', en: 'The round is closed.' },
  roundAlreadyClosed: { da: 'Runden er allerede lukket.', en: 'The round is already closed.' },
  /** A round in a list once HR has closed it. */
  closedMark: { da: '(lukket)', en: '(closed)' },
  notYet: { da: 'Endnu ikke', en: 'Not yet' },
  hrContact: { da: 'Din kontakt i HR', en: 'Your HR contact' },
  setup: { da: 'Opsætning', en: 'Setup' },
  privateNotesOnlyYou: { da: 'Kun synlige for dig', en: 'Only visible to you' },
  startTimer: { da: 'Start uret', en: 'Start the timer' },
  agreementDone: STATUS_TEXTS.agreement.done,
  agreementDropped: STATUS_TEXTS.agreement.dropped,
} satisfies Record<string, Bilingual>;

/** How people address the bot in a channel: the app's name as Teams shows it. */
export const BOT_MENTION = '@MUS for Teams';

/** What each kind of round calls its talk, short (as people say it) and in full. */
export const TALK_NAMES: Record<RoundKind, { short: string; long: Bilingual }> = {
  MUS: {
    short: 'MUS',
    long: { da: 'medarbejderudviklingssamtale', en: 'employee development talk' },
  },
  GRUS: {
    short: 'GRUS',
    long: { da: 'gruppeudviklingssamtale', en: 'group development talk' },
  },
  LUS: {
    short: 'LUS',
    long: { da: 'lederudviklingssamtale', en: 'leader development talk' },
  },
};

/** "MUS", "GRUS" or "LUS": the talk's name in a sentence ("din MUS", "jeres GRUS"). */
export function talkName(kind: RoundKind): string {
  return TALK_NAMES[kind].short;
}

/** "GRUS (gruppeudviklingssamtale)": the kind with its full name, where it is introduced. */
export function talkFullName(kind: RoundKind): Bilingual {
  const { short, long } = TALK_NAMES[kind];
  return { da: `${short} (${long.da})`, en: `${short} (${long.en})` };
}

/** "GRUS-skema" / "GRUS form". */
export function skemaName(kind: RoundKind): Bilingual {
  return { da: `${talkName(kind)}-skema`, en: `${talkName(kind)} form` };
}

/** "GRUS-skemaet" / "the GRUS form", inside a sentence. */
export function theSkema(kind: RoundKind): Bilingual {
  return { da: `${talkName(kind)}-skemaet`, en: `the ${talkName(kind)} form` };
}

/** "GRUS-runde" / "GRUS round". */
export function roundNoun(kind: RoundKind): Bilingual {
  return { da: `${talkName(kind)}-runde`, en: `${talkName(kind)} round` };
}

/**
 * A round's name as a title: a name that already says MUS, GRUS or LUS stays as it is ("MUS 2027",
 * "Forårets GRUS"); any other gets its kind in front ("Forår 2027" → "LUS Forår 2027").
 */
export function roundTitle(name: string, kind: RoundKind): string {
  return /(^|[^\p{L}])(MUS|GRUS|LUS)([^\p{L}]|$)/iu.test(name) ? name : `${talkName(kind)} ${name}`;
}

/** What the talk is for, in one sentence, to the person who prepares for it (steps 2 and 4). */
export function talkPurpose(kind: RoundKind): Bilingual {
  if (kind === 'GRUS') {
    return {
      da: 'GRUS er en samtale, hvor teamet og jeres leder sammen undersøger, hvordan I som arbejdsfællesskab bedst løser jeres del af kerneopgaven, og hvad I skal kunne sammen fremover.',
      en: 'GRUS is a conversation in which the team and your leader explore together how you, as a work community, best solve your part of the core task, and what you must be able to do together ahead.',
    };
  }
  if (kind === 'LUS') {
    return {
      da: 'LUS er en samtale, hvor du og din egen leder sammen undersøger, hvordan din ledelse hjælper dit område med at løse kerneopgaven, og hvordan du udvikler dig som leder i takt med det, organisationen får brug for.',
      en: 'LUS is a conversation in which you and your own leader explore together how your leadership helps your area solve the core task, and how you grow as a leader with what the organisation will need.',
    };
  }
  return {
    da: 'MUS er en samtale, hvor du og din leder sammen undersøger, hvordan du udvikler dig i takt med det, organisationen får brug for, og hvordan du bedst bidrager til at løse vores fælles kerneopgave.',
    en: 'MUS is a conversation in which you and your leader explore together how you grow with what the organisation will need, and how you best contribute to solving our shared core task.',
  };
}
