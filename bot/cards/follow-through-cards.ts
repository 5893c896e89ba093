import type { Locale } from '../mus/bilingual.js';
import type { HrContact } from '../mus/organisation.js';
import {
  adaptiveCard,
  heading,
  openUrl,
  plain,
  shortList,
  text,
  type AdaptiveCard,
} from './elements.js';
import { formatDate, translator } from './format.js';
import { hrContactBlock } from './hr-contact-block.js';

/*
 * The round's follow-through reminders (bot/mus/follow-through.ts): to a leader whose talks are
 * overdue, to an employee who has not acknowledged their summary, and to a leader on the follow-up
 * date. Each is sent once, rendered from storage as it is at the time of sending.
 */

export interface TalksNotHeldView {
  locale: Locale;
  leaderName: string;
  roundName: string;
  /** The talks' deadline (`YYYY-MM-DD`). */
  deadline: string;
  employeeNames: string[];
  tabUrl: string;
  /** HR's contact person, when HR has named one: the one to talk to about a talk that cannot be held. */
  hrContact?: HrContact;
}

export function talksNotHeldCard(view: TalksNotHeldView): AdaptiveCard {
  const t = translator(view.locale);
  const n = view.employeeNames.length;
  return adaptiveCard(
    [
      heading(t({ da: 'Samtaler, der mangler', en: 'Talks still to hold' })),
      text(
        t({
          da: `Hej ${plain(view.leaderName)}. Fristen for samtalerne i ${plain(view.roundName)} var ${formatDate(view.deadline, 'da')}, og ${n === 1 ? 'én samtale er' : `${n} samtaler er`} endnu ikke holdt:`,
          en: `Hi ${plain(view.leaderName)}. The talks of ${plain(view.roundName)} were due by ${formatDate(view.deadline, 'en')}, and ${n === 1 ? 'one talk has' : `${n} talks have`} not been held yet:`,
        }),
      ),
      shortList(view.employeeNames, view.locale),
      text(
        t({
          da: 'Book en tid med hver af dem. Hvis en samtale ikke kan holdes i år, så tal med HR om det.',
          en: 'Book a time with each of them. If a talk cannot be held this year, talk to HR about it.',
        }),
      ),
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    { actions: [openUrl(t({ da: 'Åbn mit team', en: 'Open my team' }), view.tabUrl)] },
  );
}

export interface AcknowledgeView {
  locale: Locale;
  employeeName: string;
  leaderName: string;
  /** When the leader finalised the summary (ISO). */
  finalisedAt: string;
  tabUrl: string;
}

export function acknowledgeReminderCard(view: AcknowledgeView): AdaptiveCard {
  const t = translator(view.locale);
  const day = view.finalisedAt.slice(0, 10);
  return adaptiveCard(
    [
      heading(t({ da: 'Opsamlingen venter på dig', en: 'Your summary is waiting for you' })),
      text(
        t({
          da: `Hej ${plain(view.employeeName)}. ${plain(view.leaderName)} afsluttede jeres samtale ${formatDate(day, 'da')}. Læs opsamlingen og aftalerne igennem, og kvittér for, at du har set dem. Er du uenig i noget, kan du skrive en kommentar, når du kvitterer.`,
          en: `Hi ${plain(view.employeeName)}. ${plain(view.leaderName)} finalised your talk on ${formatDate(day, 'en')}. Read the summary and the agreements, and acknowledge that you have seen them. If you disagree with something, you can add a comment when you acknowledge.`,
        }),
      ),
    ],
    { actions: [openUrl(t({ da: 'Læs opsamlingen', en: 'Read the summary' }), view.tabUrl)] },
  );
}

export interface FollowUpView {
  locale: Locale;
  leaderName: string;
  employeeName: string;
  /** The follow-up date (`YYYY-MM-DD`). */
  date: string;
  /** The agreements not yet done, as written. */
  openAgreements: string[];
  tabUrl: string;
}

export function followUpReminderCard(view: FollowUpView): AdaptiveCard {
  const t = translator(view.locale);
  const body = [
    heading(t({ da: 'Tid til opfølgning', en: 'Time to follow up' })),
    text(
      t({
        da: `Hej ${plain(view.leaderName)}. Da I afsluttede samtalen, aftalte du og ${plain(view.employeeName)} at følge op ${formatDate(view.date, 'da')}. Tag en snak om, hvordan det går med aftalerne, og om de stadig hjælper jer med kerneopgaven.`,
        en: `Hi ${plain(view.leaderName)}. When you finalised the talk, you and ${plain(view.employeeName)} agreed to follow up on ${formatDate(view.date, 'en')}. Talk about how the agreements are going and whether they still help you with the core task.`,
      }),
    ),
  ];
  if (view.openAgreements.length > 0) {
    body.push(
      text(t({ da: 'Aftaler, der ikke er gennemført:', en: 'Agreements not yet done:' }), {
        weight: 'Bolder',
      }),
      shortList(view.openAgreements, view.locale),
    );
  } else {
    body.push(
      text(t({ da: 'Alle aftaler er gennemført.', en: 'Every agreement is done.' }), {
        color: 'Good',
      }),
    );
  }
  return adaptiveCard(body, {
    actions: [openUrl(t({ da: 'Åbn samtalen', en: 'Open the talk' }), view.tabUrl)],
  });
}
