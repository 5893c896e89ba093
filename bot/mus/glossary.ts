import type { Bilingual } from './bilingual.js';
import type { RoundKind } from './round.js';
import { fill } from '../../texts/fill.js';
import { TALK_PURPOSE_TEXTS, TALK_TEXTS } from '../../texts/terms.js';

/*
 * The words of the method and the product, shared by the bot's cards and the tab (which bundles this
 * pure module). The words themselves are in the text catalogue (texts/terms.ts); this module names a
 * round kind's talk, skema and round.
 */

/** One word per concept; see texts/terms.ts. */
export { TERM_TEXTS as TERMS } from '../../texts/terms.js';

/** How people address the bot in a channel: the app's name as Teams shows it. */
export const BOT_MENTION = '@MUS for Teams';

/** What each kind of round calls its talk, short (as people say it) and in full. */
export const TALK_NAMES: Record<RoundKind, { short: string; long: Bilingual }> = {
  MUS: {
    short: 'MUS',
    long: TALK_TEXTS.musLong,
  },
  GRUS: {
    short: 'GRUS',
    long: TALK_TEXTS.grusLong,
  },
  LUS: {
    short: 'LUS',
    long: TALK_TEXTS.lusLong,
  },
};

/** "MUS", "GRUS" or "LUS": the talk's name in a sentence ("din MUS", "jeres GRUS"). */
export function talkName(kind: RoundKind): string {
  return TALK_NAMES[kind].short;
}

/** "GRUS (gruppeudviklingssamtale)": the kind with its full name, where it is introduced. */
export function talkFullName(kind: RoundKind): Bilingual {
  const { short, long } = TALK_NAMES[kind];
  return fill(TALK_TEXTS.fullName, { short, long });
}

/** "GRUS-skema" / "GRUS form". */
export function skemaName(kind: RoundKind): Bilingual {
  return fill(TALK_TEXTS.skema, { talk: talkName(kind) });
}

/** "GRUS-skemaet" / "the GRUS form", inside a sentence. */
export function theSkema(kind: RoundKind): Bilingual {
  return fill(TALK_TEXTS.theSkema, { talk: talkName(kind) });
}

/** "GRUS-runde" / "GRUS round". */
export function roundNoun(kind: RoundKind): Bilingual {
  return fill(TALK_TEXTS.round, { talk: talkName(kind) });
}

/**
 * A round's name as a title: a name that already says MUS, GRUS or LUS stays as it is ("MUS 2027",
 * "Forårets GRUS"); any other gets its kind in front ("Forår 2027" → "LUS Forår 2027").
 */
export function roundTitle(name: string, kind: RoundKind): string {
  return /(^|[^\p{L}])(MUS|GRUS|LUS)([^\p{L}]|$)/iu.test(name) ? name : `${talkName(kind)} ${name}`;
}

/** What the talk is for, in one sentence, to the person who prepares for it (steps 2 and 4). */
export function talkPurpose(kind: RoundKind): Bilingual {
  return TALK_PURPOSE_TEXTS[kind];
}
