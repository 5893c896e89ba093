import type { Bilingual, Locale } from '../mus/bilingual.js';

/** Returns a picker for the user's language: `t({ da, en })`. */
export function translator(locale: Locale): (text: Bilingual) => string {
  return (text) => text[locale];
}

/** `2027-03-15` → "15. marts 2027" / "15 March 2027". */
export function formatDate(isoDate: string, locale: Locale): string {
  const d = new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
}

/** An ISO timestamp as date and time in Danish time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
}

/** A round's name as a title: "MUS 2027" stays, "Forår 2027" becomes "MUS Forår 2027". */
export function musTitle(roundName: string): string {
  return /\b(MUS|GRUS|LUS)\b/i.test(roundName) ? roundName : `MUS ${roundName}`;
}
