import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the skema use cases answer: who may open a skema, agreements, notes and the talk clock.
 */
export const SKEMA_TEXTS = {
  agreements: {
    finalised: {
      da: 'Skemaet er afsluttet; aftalerne kan ikke længere ændres, kun deres status.',
      en: 'The form is finalised; the agreements can no longer be changed, only their status.',
    },
    noAgreement: {
      da: 'Aftalen findes ikke (længere).',
      en: 'The agreement does not exist (any more).',
    },
    agreementCarriedOutBy: {
      da: 'En aftale bæres af medarbejderen eller lederen, ikke af andre.',
      en: 'An agreement is carried out by the employee or the leader, no one else.',
    },
    formCanHoldAt: {
      da: 'Der kan højst være {AGREEMENTS_MAX} aftaler i et skema.',
      en: 'A form can hold at most {AGREEMENTS_MAX} agreements.',
    },
    onlyEmployeesLeaderCan: {
      da: 'Kun medarbejderens leder kan fjerne en aftale.',
      en: "Only the employee's leader can remove an agreement.",
    },
  },
  skemaAccess: {
    noSkema: {
      da: 'Der er intet MUS-skema til denne medarbejder i denne runde.',
      en: 'There is no MUS form for this employee in this round.',
    },
    onlyEmployee: {
      da: 'Kun medarbejderen selv kan gøre dette.',
      en: 'Only the employee can do this.',
    },
    onlyLeader: {
      da: 'Kun medarbejderens leder kan gøre dette.',
      en: "Only the employee's leader can do this.",
    },
  },
  privateNote: {
    notYours: {
      da: 'Den private note er skrevet af en tidligere leder og kan kun læses af vedkommende.',
      en: 'The private note was written by a previous leader and only they can read it.',
    },
    noteMayBeAt: {
      da: 'Noten må højst være {PRIVATE_NOTE_MAX_CHARS} tegn.',
      en: 'The note may be at most {PRIVATE_NOTE_MAX_CHARS} characters.',
    },
  },
  talkClock: {
    notStarted: {
      da: 'Samtalen er ikke startet endnu; start den først.',
      en: 'The talk has not started yet; start it first.',
    },
    finalised: {
      da: 'Samtalen er afsluttet; tiden er stoppet.',
      en: 'The talk is finalised; its time has stopped.',
    },
  },
  leaderTeam: {
    roundDoesNotExist: { da: 'Runden findes ikke.', en: 'The round does not exist.' },
  },
  saveTalkNotes: {
    finalised: {
      da: 'Skemaet er afsluttet; noterne kan ikke ændres.',
      en: 'The form is finalised; the notes can no longer be changed.',
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;
