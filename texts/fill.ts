import type { Bilingual } from '../bot/mus/bilingual.js';

/** A value for a `{name}` in a text: the same in both languages, or its own word in each. */
export type FillValue = string | number | Bilingual;

/**
 * The text with each `{name}` replaced by its value, in both languages. One pass over the catalogue's
 * text only, so a value that itself holds braces (a person's name, a round's name) is left as written.
 * A name without a value stays visible as `{name}`, which the catalogue test keeps from shipping.
 */
export function fill(text: Bilingual, values: Record<string, FillValue>): Bilingual {
  const fillIn = (template: string, lang: keyof Bilingual): string =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[lang] : String(value);
    });
  return { da: fillIn(text.da, 'da'), en: fillIn(text.en, 'en') };
}
