import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What a group talk (GRUS) view says.
 */
export const GROUP_TALK_TEXTS = {
  groupTalkView: {
    noGroupTalk: {
      da: 'Der er ingen gruppesamtale for dette team i runden.',
      en: 'There is no group talk for this team in the round.',
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;
