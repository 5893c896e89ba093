import type { Locale } from '../mus/bilingual.js';
import { TERMS } from '../mus/glossary.js';
import type { HrContact } from '../mus/organisation.js';
import { container, facts, plain, text, type CardElement } from './elements.js';
import { translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';

/**
 * Whom a leader can ask during the round: HR's contact person, as HR named them in the setup. The
 * method asks HR to be at hand while leaders learn to put the core task at the centre of the talks.
 * Nothing when HR has named nobody.
 */
export function hrContactBlock(contact: HrContact | undefined, locale: Locale): CardElement[] {
  if (!contact) return [];
  const t = translator(locale);
  const lines: [string, string][] = [[t(CARDS_TEXTS.hrContact.name), plain(contact.name)]];
  if (contact.email) lines.push([t(CARDS_TEXTS.hrContact.email), plain(contact.email)]);
  if (contact.phone) lines.push([t(CARDS_TEXTS.hrContact.phone), plain(contact.phone)]);
  return [
    container(
      [
        text(t(TERMS.hrContact), { weight: 'Bolder' }),
        text(t(CARDS_TEXTS.hrContact.doAskIfYou), { isSubtle: true, size: 'Small' }),
        facts(lines),
      ],
      { style: 'emphasis' },
    ),
  ];
}
