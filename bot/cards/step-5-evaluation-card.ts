import type { Bilingual, Locale } from '../mus/bilingual.js';
import {
  EVALUATION_COMMENT_MAX_CHARS,
  EVALUATION_SCALE,
  EVALUATION_STATEMENTS,
} from '../mus/evaluation.js';
import type { Round } from '../mus/round.js';
import { roundStep } from '../mus/round.js';
import {
  adaptiveCard,
  choiceInput,
  container,
  execute,
  heading,
  plain,
  text,
  textInput,
  type AdaptiveCard,
} from './elements.js';
import { formatDate, translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';
import { EVALUATION_COMMENT_TEXTS } from '../../texts/evaluation.js';

export const EVALUATION_VERB = 'evaluation.submit';
export const EVALUATION_COMMENT_MAX = EVALUATION_COMMENT_MAX_CHARS;

export interface EvaluationCardView {
  locale: Locale;
  round: Pick<Round, 'id' | 'name' | 'steps'>;
  /** Set once the person has answered: the card then only thanks them. */
  answered?: boolean;
  /** Shown above the thanks on an answered card (e.g. "you have already answered"). */
  notice?: Bilingual;
  /** Why the evaluation takes no answers (not started, closed, too late): shown instead of the form. */
  closed?: Bilingual;
  error?: Bilingual;
  /** What the person chose and wrote, kept on a refused card so nothing is lost. */
  values?: { scores: Record<string, string>; comment?: string };
}

/** Step 5: the anonymous evaluation of the round, for leaders and employees. */
export function evaluationCard(view: EvaluationCardView): AdaptiveCard {
  const t = translator(view.locale);
  const title = heading(t(fill(CARDS_TEXTS.step5.evaluateMus, { name: plain(view.round.name) })));
  if (view.closed) {
    return adaptiveCard([title, container([text(t(view.closed))], { style: 'warning' })], {});
  }
  if (view.answered) {
    return adaptiveCard(
      [
        title,
        ...(view.notice ? [text(t(view.notice), { weight: 'Bolder' })] : []),
        text(t(CARDS_TEXTS.step5.thankYouYourEvaluation), { color: 'Good' }),
      ],
      {},
    );
  }
  const scale = EVALUATION_SCALE.map((label, i) => ({
    title: `${i + 1} · ${t(label)}`,
    value: String(i + 1),
  }));
  return adaptiveCard(
    [
      title,
      text(
        t(
          fill(CARDS_TEXTS.step5.howDidThisYears, {
            deadlineDate: {
              da: formatDate(roundStep(view.round, 5).deadline, 'da'),
              en: formatDate(roundStep(view.round, 5).deadline, 'en'),
            },
          }),
        ),
      ),
      ...(view.error
        ? [container([text(t(view.error), { color: 'Attention' })], { style: 'attention' })]
        : []),
      ...EVALUATION_STATEMENTS.map((s) =>
        choiceInput(`score_${s.id}`, t(s.text), scale, {
          ...(view.values?.scores[s.id] ? { value: view.values.scores[s.id] } : {}),
          style: 'compact',
          isRequired: true,
          errorMessage: t(CARDS_TEXTS.step5.chooseAnswer),
        }),
      ),
      textInput('comment', t(EVALUATION_COMMENT_TEXTS.prompt), {
        ...(view.values?.comment ? { value: view.values.comment } : {}),
        isMultiline: true,
        maxLength: EVALUATION_COMMENT_MAX,
      }),
    ],
    {
      actions: [
        execute(
          t(CARDS_TEXTS.step5.sendEvaluation),
          EVALUATION_VERB,
          { roundId: view.round.id },
          {
            style: 'positive',
          },
        ),
      ],
    },
  );
}
