import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * The one line Teams shows for a card in the notification and the chat list (the activity's
 * `summary`), and the short chat answers that sum a card up. Filled in with fill() (texts/fill.ts).
 */
export const NOTIFICATION_TEXTS = {
  step1Leaders: { da: '{round}: det nye for lederne', en: '{round}: what changes for leaders' },
  step2Employees: { da: 'Din samtale: {round}', en: 'Your talk: {round}' },
  step3Briefing: {
    da: 'Dit teams {talk}-skemaer er sendt',
    en: 'Your team’s {talk} forms went out',
  },
  step3Skema: { da: 'Dit MUS-skema fra {leader}', en: 'Your MUS form from {leader}' },
  step3SkemaNoLeader: { da: 'Dit MUS-skema fra din leder', en: 'Your MUS form from your leader' },
  step3Reminder: { da: 'Påmindelse: din MUS-forberedelse', en: 'Reminder: your MUS preparation' },
  step4GroupTalk: { da: 'Tid til gruppesamtalen', en: 'Time for the group talk' },
  step4Talks: { da: 'Tid til MUS-samtalerne', en: 'Time for the MUS talks' },
  step4Employee: { da: 'Din MUS nærmer sig', en: 'Your MUS is coming up' },
  step5Evaluate: { da: 'Evaluér årets MUS', en: 'Evaluate this year’s MUS' },
  summaryOfTalk: { da: 'Opsummeringen af din MUS', en: 'The summary of your MUS' },
  agreementFollowUp: { da: 'Opfølgning: {what}', en: 'Follow-up: {what}' },
  talksStillToHold: { da: '{count} samtaler mangler', en: '{count} talks still to hold' },
  summaryWaiting: { da: 'Opsamlingen venter på dig', en: 'Your summary is waiting for you' },
  followUpWith: { da: 'Opfølgning med {name}', en: 'Follow up with {name}' },
  roundLine: {
    da: '- **{round}**: oprettet {created}, {launched} af 5 trin sat i gang',
    en: '- **{round}**: created {created}, {launched} of 5 steps launched',
  },
  nextStep: { da: 'Næste trin: {step}. {name}', en: 'Next step: {step}. {name}' },
  allStepsLaunched: {
    da: 'Alle fem trin er sat i gang.',
    en: 'All five steps have been launched.',
  },
  andMore: { da: 'og {count} mere', en: 'and {count} more' },
} satisfies Record<string, Bilingual>;
