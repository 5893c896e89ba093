import type { Locale } from '../mus/bilingual.js';

/** A command typed to the bot, in Danish or English. */
export type Command =
  | { kind: 'help' }
  | { kind: 'new-round'; name: string }
  | { kind: 'status' }
  | { kind: 'rounds' }
  | { kind: 'unknown'; text: string };

/** The commands as the manifest lists them: Danish first, English second. */
export const COMMANDS: readonly { da: string; en: string; hrOnly: boolean }[] = [
  { da: 'hjælp', en: 'help', hrOnly: false },
  { da: 'ny runde', en: 'new round', hrOnly: true },
  { da: 'status', en: 'status', hrOnly: true },
  { da: 'runder', en: 'rounds', hrOnly: true },
];

/** Reads a command from message text whose @mention of the bot has been removed. */
export function parseCommand(text: string): Command {
  const clean = text.replace(/\s+/g, ' ').trim();
  const lower = clean.toLowerCase();
  if (['hjælp', 'hjaelp', 'help', '?', ''].includes(lower)) return { kind: 'help' };
  const newRound = /^(ny runde|new round)\b\s*(.*)$/i.exec(clean);
  if (newRound) return { kind: 'new-round', name: newRound[2]!.trim() };
  if (lower === 'status') return { kind: 'status' };
  if (lower === 'runder' || lower === 'rounds') return { kind: 'rounds' };
  return { kind: 'unknown', text: clean };
}

/** The language a command was typed in, when it tells (used if Teams gave no locale). */
export function commandLocale(text: string, fallback: Locale): Locale {
  const lower = text.trim().toLowerCase();
  if (/^(help|new round|rounds)\b/.test(lower)) return 'en';
  if (/^(hjælp|ny runde|runder)\b/.test(lower)) return 'da';
  return fallback;
}
