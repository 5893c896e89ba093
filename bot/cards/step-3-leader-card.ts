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
      t({
        da: `${talkName(view.roundKind)}-skemaerne er sendt i dit navn`,
        en: `The ${talkName(view.roundKind)} forms went out in your name`,
      }),
    ),
    text(
      t({
        da: `Hej ${plain(view.leaderName)}. ${plain(view.roundName)}: ${total === 1 ? 'din medarbejder har' : `dine ${total} medarbejdere har`} fået ${skema} fra dig i deres chat med appen og forbereder sig senest ${formatDate(view.prepareBy, 'da')}. Du ser deres forberedelse, når de sender den, og bruger skemaet i samtalen.`,
        en: `Hi ${plain(view.leaderName)}. ${plain(view.roundName)}: ${total === 1 ? 'your employee has' : `your ${total} employees have`} received ${skema} from you in their chat with the app and prepare by ${formatDate(view.prepareBy, 'en')}. You see their preparation when they send it, and use the form in the talk.`,
      }),
    ),
  ];
  if (view.waitingForApp.length > 0) {
    body.push(
      text(
        t({
          da: 'Venter på appen — de får skemaet af sig selv, så snart de har installeret MUS for Teams:',
          en: 'Waiting for the app — they get the form by themselves as soon as they have installed MUS for Teams:',
        }),
        { weight: 'Bolder', color: 'Attention' },
      ),
      shortList(view.waitingForApp, view.locale),
    );
  }
  if (view.reachable.length > 0) {
    body.push(
      text(
        t({
          da: 'Har appen og får skemaet i chatten:',
          en: 'Have the app and get the form in their chat:',
        }),
        {
          weight: 'Bolder',
        },
      ),
      shortList(view.reachable, view.locale),
    );
  }
  body.push(...hrContactBlock(view.hrContact, view.locale));
  return adaptiveCard(body, {
    actions: [openUrl(t({ da: 'Åbn mit team', en: 'Open my team' }), view.tabUrl)],
  });
}
