import type { Bilingual, Locale } from '../mus/bilingual.js';

/** Returns a picker for the user's language: `t({ da, en })`. */
export function translator(locale: Locale): (text: Bilingual) => string {
  return (text) => text[locale];
}

// Building an Intl.DateTimeFormat is costly and every card formats dates: one per locale and shape.
const tag = (locale: Locale): string => (locale === 'en' ? 'en-GB' : 'da-DK');
const TZ = 'Europe/Copenhagen';
const DATE: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat(tag('da'), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TZ,
  }),
  en: new Intl.DateTimeFormat(tag('en'), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TZ,
  }),
};
const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TZ,
};
const DATE_TIME: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat(tag('da'), DATE_TIME_OPTIONS),
  en: new Intl.DateTimeFormat(tag('en'), DATE_TIME_OPTIONS),
};

/** `2027-03-15` → "15. marts 2027" / "15 March 2027". */
export function formatDate(isoDate: string, locale: Locale): string {
  const d = new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate);
  return Number.isNaN(d.getTime()) ? isoDate : DATE[locale].format(d);
}

/** An ISO timestamp as date and time in Danish time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_TIME[locale].format(d);
}

const NUMBER: Record<Locale, Intl.NumberFormat> = {
  da: new Intl.NumberFormat(tag('da')),
  en: new Intl.NumberFormat(tag('en')),
};

/** A count with the locale's thousands separator: 3376 → "3.376" / "3,376". */
export function formatNumber(value: number, locale: Locale): string {
  return NUMBER[locale].format(value);
}
