import type { Locale } from '../mus/bilingual.js';
import type { AdaptiveCard } from './elements.js';

/** The data field in which a card's buttons carry the language the card was drawn in. */
export const CARD_LANGUAGE_FIELD = 'lang';

/**
 * The card with its language written into every Action.Execute (buttons and refresh), so a click
 * redraws it in the same language, whatever locale the Teams client sends with the click: a card
 * never changes language under the reader's eyes.
 */
export function stampLanguage<T extends AdaptiveCard>(card: T, locale: Locale): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = visit(value);
    if (copy.type === 'Action.Execute') {
      const data = typeof copy.data === 'object' && copy.data !== null ? copy.data : {};
      copy.data = { ...data, [CARD_LANGUAGE_FIELD]: locale };
    }
    return copy;
  };
  return visit(card) as T;
}

/** The language a clicked card was drawn in, when it says. */
export function cardLanguage(data: Record<string, unknown>): Locale | undefined {
  const lang = data[CARD_LANGUAGE_FIELD];
  return lang === 'da' || lang === 'en' ? lang : undefined;
}
