import type { Bilingual } from '../bot/mus/bilingual.js';
import { STATUS_TEXTS } from './status.js';

/*
 * One word per concept, shared by the bot's cards and the tab (which bundles this pure module), so a
 * user meets the same term in the chat and in the tab. Where the method has its own word (opsamling,
 * kerneopgave, arbejdsfællesskab) that is the word used.
 *
 * A round is "lukket" (closed) by HR; a talk is "afsluttet" (finalised) by its leader — never the
 * same word for both. An agreement is "gennemført" or "opgivet". What a round kind calls its talk and
 * its skema comes from talkName/skemaName, never from a hard-coded "MUS".
 */

export const TERM_TEXTS = {
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
  /** Who carries an agreement out. */
  agreementOwner: { da: 'Ansvarlig', en: 'Responsible' },
  agreementDue: { da: 'Frist', en: 'Due' },
  yourPreparation: { da: 'Din forberedelse', en: 'Your preparation' },
  acknowledgeSummary: { da: 'Kvittér for opsamlingen', en: 'Acknowledge the summary' },
  yourComment: { da: 'Din kommentar', en: 'Your comment' },
  followUp: { da: 'Opfølgning', en: 'Follow-up' },
  followUpFromLast: { da: 'Opfølgning fra sidst', en: 'Follow-up from last time' },
  openGroupTalk: { da: 'Åbn gruppesamtalen', en: 'Open the group talk' },
  noEmployeesInRound: {
    da: 'Du har ingen medarbejdere i denne runde.',
    en: 'You have no employees in this round.',
  },
  watchOutFor: { da: 'Vær opmærksom på', en: 'Watch out for' },
  agreementDone: STATUS_TEXTS.agreement.done,
  agreementDropped: STATUS_TEXTS.agreement.dropped,
} satisfies Record<string, Bilingual>;

/** What each kind of round calls its talk in full, and the forms its short name takes. */
export const TALK_TEXTS = {
  musLong: { da: 'medarbejderudviklingssamtale', en: 'employee development talk' },
  grusLong: { da: 'gruppeudviklingssamtale', en: 'group development talk' },
  lusLong: { da: 'lederudviklingssamtale', en: 'leader development talk' },
  /** "GRUS (gruppeudviklingssamtale)", where the kind is introduced. */
  fullName: { da: '{short} ({long})', en: '{short} ({long})' },
  skema: { da: '{talk}-skema', en: '{talk} form' },
  /** Inside a sentence: "GRUS-skemaet" / "the GRUS form". */
  theSkema: { da: '{talk}-skemaet', en: 'the {talk} form' },
  round: { da: '{talk}-runde', en: '{talk} round' },
} satisfies Record<string, Bilingual>;

/** What each kind of talk (MUS, GRUS, LUS) is for, in one sentence, to the person who prepares for it (steps 2 and 4). */
export const TALK_PURPOSE_TEXTS = {
  MUS: {
    da: 'MUS er en samtale, hvor du og din leder sammen undersøger, hvordan du udvikler dig i takt med det, organisationen får brug for, og hvordan du bedst bidrager til at løse vores fælles kerneopgave.',
    en: 'MUS is a conversation in which you and your leader explore together how you grow with what the organisation will need, and how you best contribute to solving our shared core task.',
  },
  GRUS: {
    da: 'GRUS er en samtale, hvor teamet og jeres leder sammen undersøger, hvordan I som arbejdsfællesskab bedst løser jeres del af kerneopgaven, og hvad I skal kunne sammen fremover.',
    en: 'GRUS is a conversation in which the team and your leader explore together how you, as a work community, best solve your part of the core task, and what you must be able to do together ahead.',
  },
  LUS: {
    da: 'LUS er en samtale, hvor du og din egen leder sammen undersøger, hvordan din ledelse hjælper dit område med at løse kerneopgaven, og hvordan du udvikler dig som leder i takt med det, organisationen får brug for.',
    en: 'LUS is a conversation in which you and your own leader explore together how your leadership helps your area solve the core task, and how you grow as a leader with what the organisation will need.',
  },
} satisfies Record<string, Bilingual>;
