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
    return {
      da: `I år holder vi ${talk} på en ny måde. Samtalen med teamet handler ikke først og fremmest om den enkeltes ønsker, men om hvordan I som arbejdsfællesskab bedst løser jeres del af kerneopgaven — og om hvad organisationen får brug for fremover.`,
      en: `This year we hold ${talk} in a new way. The talk with the team is not first of all about each person's wishes, but about how you as a work community best solve your part of the core task — and about what the organisation will need ahead.`,
    };
  }
  if (kind === 'LUS') {
    return {
      da: `I år holder vi ${talk} på en ny måde. Samtalen med hver af dine ledere handler ikke først og fremmest om deres egne ønsker, men om hvordan deres ledelse hjælper med at løse vores kerneopgave — og om hvad organisationen får brug for fremover.`,
      en: `This year we hold ${talk} in a new way. The talk with each of your leaders is not first of all about their own wishes, but about how their leadership helps solve our core task — and about what the organisation will need ahead.`,
    };
  }
  return {
    da: `I år holder vi ${talk} på en ny måde. Samtalen handler ikke først og fremmest om den enkeltes ønsker, men om hvordan medarbejderen bedst bidrager til, at vi sammen løser vores kerneopgave — og om hvad organisationen får brug for fremover. Arbejdsfællesskabet er omdrejningspunktet.`,
    en: `This year we hold ${talk} in a new way. The talk is not first of all about the individual's wishes, but about how the employee best contributes to solving our core task together — and about what the organisation will need ahead. The work community is the pivot.`,
  };
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
      heading(
        t({
          da: `${title}: kerneopgaven i centrum`,
          en: `${title}: the core task at the centre`,
        }),
      ),
      text(t({ da: `Kære ${plain(view.leaderName)}`, en: `Dear ${plain(view.leaderName)}` })),
      text(t(whatChanges(kind))),
      coreTaskBlock(view.coreTask, view.locale),
      heading(
        t({
          da: 'Fire fælles forståelser før samtalen',
          en: 'Four shared understandings before the talk',
        }),
        'Medium',
      ),
      text(
        t({
          da: 'Sørg for, at du og medarbejderen ser ens på:',
          en: 'Make sure you and the employee see these the same way:',
        }),
      ),
      numbered(COMMON_UNDERSTANDINGS.map(t)),
      heading(t({ da: 'Tre faser', en: 'Three phases' }), 'Medium'),
      numbered(PHASES.map(t)),
      heading(t({ da: 'Vær opmærksom på', en: 'Watch out for' }), 'Medium'),
      bullets(WATCH_OUTS.map((w) => `**${t(w.title)}**: ${t(w.text)}`)),
      container(
        [
          heading(
            t({ da: 'Drøft i ledelsesteamet', en: 'Discuss in the leadership team' }),
            'Medium',
          ),
          numbered(leadershipQuestions(kind).map(t)),
        ],
        { style: 'emphasis' },
      ),
      heading(t({ da: 'Rundens datoer', en: "The round's dates" }), 'Medium'),
      roundDates(view.round, view.locale),
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    {
      actions: [
        showCard(t({ da: `Se ${skemaName(kind).da}et`, en: `Preview the ${skemaName(kind).en}` }), {
          body: [bullets(preview)],
        }),
      ],
    },
  );
}
