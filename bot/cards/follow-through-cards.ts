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
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';

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
      heading(t(CARDS_TEXTS.followThrough.talksStillHold)),
      text(
        t(
          fill(
            n === 1 ? CARDS_TEXTS.followThrough.oneNotHeld : CARDS_TEXTS.followThrough.manyNotHeld,
            {
              leaderName: plain(view.leaderName),
              roundName: plain(view.roundName),
              deadline: formatDate(view.deadline, view.locale),
              n,
            },
          ),
        ),
      ),
      shortList(view.employeeNames, view.locale),
      text(t(CARDS_TEXTS.followThrough.bookTimeWithEach)),
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    { actions: [openUrl(t(CARDS_TEXTS.followThrough.openMyTeam), view.tabUrl)] },
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
      heading(t(CARDS_TEXTS.followThrough.yourSummaryWaitingYou)),
      text(
        t(
          fill(CARDS_TEXTS.followThrough.hiFinalisedYourTalk, {
            employeeName: plain(view.employeeName),
            leaderName: plain(view.leaderName),
            dayDate: { da: formatDate(day, 'da'), en: formatDate(day, 'en') },
          }),
        ),
      ),
    ],
    { actions: [openUrl(t(CARDS_TEXTS.followThrough.readSummary), view.tabUrl)] },
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
    heading(t(CARDS_TEXTS.followThrough.timeFollowUp)),
    text(
      t(
        fill(CARDS_TEXTS.followThrough.hiWhenYouFinalised, {
          leaderName: plain(view.leaderName),
          employeeName: plain(view.employeeName),
          dateDate: { da: formatDate(view.date, 'da'), en: formatDate(view.date, 'en') },
        }),
      ),
    ),
  ];
  if (view.openAgreements.length > 0) {
    body.push(
      text(t(CARDS_TEXTS.followThrough.agreementsNotYetDone), {
        weight: 'Bolder',
      }),
      shortList(view.openAgreements, view.locale),
    );
  } else {
    body.push(
      text(t(CARDS_TEXTS.followThrough.everyAgreementDone), {
        color: 'Good',
      }),
    );
  }
  return adaptiveCard(body, {
    actions: [openUrl(t(CARDS_TEXTS.followThrough.openTalk), view.tabUrl)],
  });
}
