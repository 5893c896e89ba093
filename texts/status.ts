import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * The status words a person meets both on a card and in the tab: one entry per concept, so the chat
 * and the tab never name the same state two ways. They say what has happened: a talk that has begun
 * is "i gang" until the leader finalises it, and "afsluttet" is the leader's finalising, never the
 * round's closing (a round is "lukket").
 */
export const STATUS_TEXTS = {
  /** A skema's status as the leader and HR see it. */
  skema: {
    sent: { da: 'Sendt', en: 'Sent' },
    prepared: { da: 'Forberedt', en: 'Prepared' },
    held: { da: 'Samtale i gang', en: 'Talk under way' },
    finalised: { da: 'Afsluttet af leder', en: 'Finalised by the leader' },
    acknowledged: { da: 'Kvitteret', en: 'Acknowledged' },
    notSent: { da: 'Ikke sendt endnu', en: 'Not sent yet' },
  },
  /** The employee's own skema: their draft until they send it to the leader. */
  ownSkema: {
    draft: { da: 'Kladde', en: 'Draft' },
    sentToLeader: { da: 'Sendt til leder', en: 'Sent to the leader' },
  },
  /** How a step's card fared on its way to a person. */
  delivery: {
    sent: { da: 'Sendt', en: 'Sent' },
    pending: { da: 'I kø', en: 'Queued' },
    waiting: { da: 'Venter på appen', en: 'Waiting for the app' },
    failed: { da: 'Fejlet', en: 'Failed' },
    notInstalled: { da: 'Ikke installeret', en: 'Not installed' },
    notDelivered: { da: 'Ikke leveret endnu', en: 'Not delivered yet' },
  },
  agreement: {
    open: { da: 'Åben', en: 'Open' },
    inProgress: { da: 'I gang', en: 'In progress' },
    done: { da: 'Gennemført', en: 'Done' },
    dropped: { da: 'Opgivet', en: 'Dropped' },
  },
  /** The method's five rollout steps; steps 3 and 5 name the round's own kind of talk. */
  steps: {
    informLeaders: { da: 'Informér lederne', en: 'Inform the leaders' },
    informEmployees: { da: 'Informér medarbejderne', en: 'Inform the employees' },
    sendSkema: { da: 'Send {skema}', en: 'Send the {skema}' },
    holdTalks: { da: 'Hold samtalerne', en: 'Hold the conversations' },
    evaluate: { da: 'Evaluér {talk}', en: 'Evaluate the {talk}' },
  },
} satisfies Record<string, Record<string, Bilingual>>;
