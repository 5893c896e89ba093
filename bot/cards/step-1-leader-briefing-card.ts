import type { Locale } from '../mus/bilingual.js';
import {
  COMMON_UNDERSTANDINGS,
  LEADERSHIP_QUESTIONS,
  PHASES,
  WATCH_OUTS,
} from '../mus/default-template.js';
import type { Round } from '../mus/round.js';
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
import { musTitle, translator } from './format.js';
import { coreTaskBlock } from './core-task-block.js';
import { roundDates } from './round-dates.js';

export interface LeaderBriefingView {
  locale: Locale;
  leaderName: string;
  coreTask: string;
  round: Pick<Round, 'name' | 'steps' | 'template'>;
}

/** Step 1: tells every leader what changes with the new MUS and why, and what to do before it. */
export function leaderBriefingCard(view: LeaderBriefingView): AdaptiveCard {
  const t = translator(view.locale);
  const preview = view.round.template.sections.map(
    (s) => `**${plain(t(s.title))}**: ${plain(t(s.prompt))}`,
  );
  return adaptiveCard(
    [
      heading(
        t({
          da: `${plain(musTitle(view.round.name))}: kerneopgaven i centrum`,
          en: `${plain(musTitle(view.round.name))}: the core task at the centre`,
        }),
      ),
      text(t({ da: `Kære ${plain(view.leaderName)}`, en: `Dear ${plain(view.leaderName)}` })),
      text(
        t({
          da: 'I år holder vi MUS på en ny måde. Samtalen handler ikke først og fremmest om den enkeltes ønsker, men om hvordan medarbejderen bedst bidrager til, at vi sammen løser vores kerneopgave — og om hvad organisationen får brug for fremover. Arbejdsfællesskabet er omdrejningspunktet.',
          en: "This year we hold MUS in a new way. The talk is not first of all about the individual's wishes, but about how the employee best contributes to solving our core task together — and about what the organisation will need ahead. The work community is the pivot.",
        }),
      ),
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
          numbered(LEADERSHIP_QUESTIONS.map(t)),
        ],
        { style: 'emphasis' },
      ),
      heading(t({ da: 'Rundens datoer', en: "The round's dates" }), 'Medium'),
      roundDates(view.round, view.locale),
    ],
    {
      actions: [
        showCard(t({ da: 'Se MUS-skemaet', en: 'Preview the MUS form' }), {
          body: [bullets(preview)],
        }),
      ],
    },
  );
}
