import type { Locale } from '../mus/bilingual.js';
import { theSkema, talkName } from '../mus/glossary.js';
import type { HrContact } from '../mus/organisation.js';
import type { RoundKind } from '../mus/round.js';
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

export interface LeaderSkemaSentView {
  locale: Locale;
  leaderName: string;
  roundName: string;
  roundKind: RoundKind;
  /** The step-3 deadline: the employees prepare by then (`YYYY-MM-DD`). */
  prepareBy: string;
  /** The leader's employees who have the app: their skema reaches them in their chat. */
  reachable: string[];
  /** Those the bot cannot write to yet: they get it once they have the app. */
  waitingForApp: string[];
  hrContact?: HrContact;
  tabUrl: string;
}

/**
 * Step 3, to each leader: the skemas of their employees went out in the leader's name, who can
 * receive theirs now and who waits for the app, and whom in HR to ask. The method has the leaders
 * send the skema, with HR at hand.
 */
export function leaderSkemaSentCard(view: LeaderSkemaSentView): AdaptiveCard {
  const t = translator(view.locale);
  const skema = t(theSkema(view.roundKind));
  const total = view.reachable.length + view.waitingForApp.length;
  const body = [
    heading(
      t(fill(CARDS_TEXTS.step3Leader.formsWentOutYour, { talkName: talkName(view.roundKind) })),
    ),
    text(
      t(
        fill(total === 1 ? CARDS_TEXTS.step3Leader.sentToOne : CARDS_TEXTS.step3Leader.sentToMany, {
          leaderName: plain(view.leaderName),
          roundName: plain(view.roundName),
          total,
          skema,
          prepareBy: formatDate(view.prepareBy, view.locale),
        }),
      ),
    ),
  ];
  if (view.waitingForApp.length > 0) {
    body.push(
      text(t(CARDS_TEXTS.step3Leader.waitingAppTheyGet), { weight: 'Bolder', color: 'Attention' }),
      shortList(view.waitingForApp, view.locale),
    );
  }
  if (view.reachable.length > 0) {
    body.push(
      text(t(CARDS_TEXTS.step3Leader.haveAppGetForm), {
        weight: 'Bolder',
      }),
      shortList(view.reachable, view.locale),
    );
  }
  body.push(...hrContactBlock(view.hrContact, view.locale));
  return adaptiveCard(body, {
    actions: [openUrl(t(CARDS_TEXTS.step3Leader.openMyTeam), view.tabUrl)],
  });
}
