import type { Locale } from '../mus/bilingual.js';
import type { RoundKind } from '../mus/round.js';
import { CHAT_TEXTS } from '../../texts/chat.js';

/** A command typed to the bot, in Danish or English. */
export type Command =
  | { kind: 'help' }
  | { kind: 'new-round'; name: string; roundKind: RoundKind }
  | { kind: 'status' }
  | { kind: 'rounds' }
  | { kind: 'unknown'; text: string };

/** The commands as the manifest lists them: Danish first, English second. */
export const COMMANDS: readonly { da: string; en: string; hrOnly: boolean }[] = [
  { ...CHAT_TEXTS.commandWords.help, hrOnly: false },
  { ...CHAT_TEXTS.commandWords.newRound, hrOnly: true },
  { ...CHAT_TEXTS.commandWords.status, hrOnly: true },
  { ...CHAT_TEXTS.commandWords.rounds, hrOnly: true },
];

/** Reads a command from message text whose @mention of the bot has been removed. */
export function parseCommand(text: string): Command {
  const clean = text.replace(/\s+/g, ' ').trim();
  const lower = clean.toLowerCase();
  if (['hjælp', 'hjaelp', 'help', '?', ''].includes(lower)) return { kind: 'help' };
  const newRound = /^(ny runde|new round)\b\s*(.*)$/i.exec(clean);
  if (newRound) return { kind: 'new-round', ...roundKindAndName(newRound[2]!.trim()) };
  if (lower === 'status') return { kind: 'status' };
  if (lower === 'runder' || lower === 'rounds') return { kind: 'rounds' };
  return { kind: 'unknown', text: clean };
}

/**
 * `GRUS <navn>` and `LUS <navn>` make a group or leader round; anything else is a MUS round whose
 * name is the whole text (so "ny runde MUS 2027" stays a round called "MUS 2027").
 */
function roundKindAndName(rest: string): { name: string; roundKind: RoundKind } {
  const match = /^(GRUS|LUS)(?:\s+(.*))?$/i.exec(rest);
  if (!match) return { name: rest, roundKind: 'MUS' };
  return { name: (match[2] ?? '').trim(), roundKind: match[1]!.toUpperCase() as RoundKind };
}

/** The language a command was typed in, when it tells (used if Teams gave no locale). */
export function commandLocale(text: string, fallback: Locale): Locale {
  const lower = text.trim().toLowerCase();
  if (/^(help|new round|rounds)\b/.test(lower)) return 'en';
  if (/^(hjælp|ny runde|runder)\b/.test(lower)) return 'da';
  return fallback;
}
