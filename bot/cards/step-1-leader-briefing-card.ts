import type { Bilingual, Locale } from '../mus/bilingual.js';
import {
  COMMON_UNDERSTANDINGS,
  leadershipQuestions,
  PHASES,
  WATCH_OUTS,
} from '../mus/default-template.js';
import { roundTitle, skemaName, talkName } from '../mus/glossary.js';
import type { HrContact } from '../mus/organisation.js';
import type { Round, RoundKind } from '../mus/round.js';
import {
  adaptiveCard,
  bullets,
  container,
  heading,
  numbered,
  plain,
  showCard,
  text,
  type AdaptiveCard,
} from './elements.js';
import { translator } from './format.js';
import { coreTaskBlock } from './core-task-block.js';
import { hrContactBlock } from './hr-contact-block.js';
import { roundDates } from './round-dates.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';
import { TERM_TEXTS } from '../../texts/terms.js';

export interface LeaderBriefingView {
  locale: Locale;
  leaderName: string;
  coreTask: string;
  round: Pick<Round, 'name' | 'kind' | 'steps' | 'template'>;
  /** HR's contact person for the leaders, when HR has named one. */
  hrContact?: HrContact;
}

/** What changes this year, said for the kind of talk the leader will hold. */
function whatChanges(kind: RoundKind): Bilingual {
  const talk = talkName(kind);
  if (kind === 'GRUS') {
    return fill(CARDS_TEXTS.step1.thisYearWeHold, { talk });
  }
  if (kind === 'LUS') {
    return fill(CARDS_TEXTS.step1.thisYearWeHold2, { talk });
  }
  return fill(CARDS_TEXTS.step1.thisYearWeHold3, { talk });
}

/**
 * Step 1: tells every leader what changes with the new MUS (or GRUS, LUS) and why, what to do before
 * it, and whom in HR to ask.
 */
export function leaderBriefingCard(view: LeaderBriefingView): AdaptiveCard {
  const t = translator(view.locale);
  const { kind } = view.round;
  const title = plain(roundTitle(view.round.name, kind));
  const preview = view.round.template.sections.map(
    (s) => `**${plain(t(s.title))}**: ${plain(t(s.prompt))}`,
  );
  return adaptiveCard(
    [
      heading(t(fill(CARDS_TEXTS.step1.coreTaskAtCentre, { title }))),
      text(t(fill(CARDS_TEXTS.step1.dear, { leaderName: plain(view.leaderName) }))),
      text(t(whatChanges(kind))),
      coreTaskBlock(view.coreTask, view.locale),
      heading(t(CARDS_TEXTS.step1.fourSharedUnderstandingsBefore), 'Medium'),
      text(t(CARDS_TEXTS.step1.makeSureYouEmployee)),
      numbered(COMMON_UNDERSTANDINGS.map(t)),
      heading(t(CARDS_TEXTS.step1.threePhases), 'Medium'),
      numbered(PHASES.map(t)),
      heading(t(TERM_TEXTS.watchOutFor), 'Medium'),
      bullets(WATCH_OUTS.map((w) => `**${t(w.title)}**: ${t(w.text)}`)),
      container(
        [
          heading(t(CARDS_TEXTS.step1.discussLeadershipTeam), 'Medium'),
          numbered(leadershipQuestions(kind).map(t)),
        ],
        { style: 'emphasis' },
      ),
      heading(t(CARDS_TEXTS.step1.roundsDates), 'Medium'),
      roundDates(view.round, view.locale),
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    {
      actions: [
        showCard(t(fill(CARDS_TEXTS.step1.preview, { skemaName: skemaName(kind) })), {
          body: [bullets(preview)],
        }),
      ],
    },
  );
}
