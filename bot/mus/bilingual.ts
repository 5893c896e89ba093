/** The languages the product speaks. Danish is the default; English for users whose Teams locale is English. */
export type Locale = 'da' | 'en';

/** A text the user sees, always in both languages. */
export interface Bilingual {
  da: string;
  en: string;
}

/** Picks the user's language from a Teams/BCP-47 locale such as `da-DK` or `en-US`; Danish unless English. */
export function localeFrom(tag: string | undefined | null): Locale {
  return tag && tag.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function pick(text: Bilingual, locale: Locale): string {
  return text[locale];
}
