import type { Locale } from '../mus/bilingual.js';
import { checkLaunch, type Round, type StepPreparation } from '../mus/round.js';
import { stepName } from '../mus/rollout-steps.js';
import type { InstallTally } from '../rollout/install-attempts.js';
import { roundNoun } from '../mus/glossary.js';
import {
  actionSet,
  adaptiveCard,
  columns,
  container,
  execute,
  heading,
  plain,
  text,
  type AdaptiveCard,
} from './elements.js';
import { formatDate, formatDateTime, formatNumber, translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';

export const LAUNCH_STEP_VERB = 'round.launchStep';
export const ROUND_REFRESH_VERB = 'round.refresh';
/** Older cards' button: resend to the failed. */
export const RESEND_FAILED_VERB = 'round.resendFailed';
/** Send a step's cards again to one group: failed, waiting for the app, or not installed. */
export const RESEND_VERB = 'round.resend';

export interface StepProgress {
  sent: number;
  pending: number;
  failed: number;
  waiting: number;
  notInstalled: number;
  /** Steps 3–5: how many recipients have answered. */
  answered?: number;
}

export interface RoundCardView {
  locale: Locale;
  round: Round;
  progress: Partial<Record<number, StepProgress>>;
  /**
   * Teams user ids of the HR people who work the round: Teams refreshes the card for each of them
   * (at most 60), so each sees it in their own language with the current counts.
   */
  refreshUserIds?: string[];
  /** Proactive installation in this round (PROACTIVE_INSTALL=on); absent when it is off. */
  installs?: InstallTally;
}

/**
 * HR's line about the app installing itself for people who did not have it, with numbers in the
 * reader's language; empty while nobody needed it.
 */
export function installLine(tally: InstallTally, locale: Locale): string {
  const n = (value: number): string => formatNumber(value, locale);
  const t = translator(locale);
  if (tally.consentMissing) {
    return t(
      fill(CARDS_TEXTS.round.appCannotInstallItself, {
        n: n(tally.installed),
        n2: n(tally.requested),
      }),
    );
  }
  if (tally.requested === 0) return '';
  return t(
    fill(CARDS_TEXTS.round.appInstallsItselfThose, {
      n: n(tally.requested),
      n2: n(tally.installed),
      n3: n(tally.failed),
    }),
  );
}

/**
 * What a launched step is doing in the background before (and while) its cards go out: HR sees that
 * the launch was taken and how far it has come, with numbers in the reader's language.
 */
export function preparationLine(p: StepPreparation, locale: Locale): string {
  const n = (value: number): string => formatNumber(value, locale);
  const t = translator(locale);
  if (p.total === undefined) {
    return t(CARDS_TEXTS.round.gettingReady);
  }
  if (p.phase === 'skemas') {
    return t(fill(CARDS_TEXTS.round.preparingSkemasCreated, { n: n(p.total), n2: n(p.done ?? 0) }));
  }
  return t(fill(CARDS_TEXTS.round.queueingCardsReadySend, { n: n(p.total), n2: n(p.done ?? 0) }));
}

/**
 * One button per group HR can send the step's cards to again: the failed; those waiting for the app
 * (they are retried by themselves, this does it now); those given up as not installed.
 */
function resendButtons(
  p: StepProgress,
  roundId: string,
  step: number,
  locale: Locale,
): ReturnType<typeof execute>[] {
  const t = translator(locale);
  const groups = [
    {
      group: 'failed',
      count: p.failed,
      title: fill(CARDS_TEXTS.round.resendFailed, { failed: p.failed }),
    },
    {
      group: 'waiting',
      count: p.waiting,
      title: fill(CARDS_TEXTS.round.tryNowThoseWaiting, { waiting: p.waiting }),
    },
    {
      group: 'not-installed',
      count: p.notInstalled,
      title: fill(CARDS_TEXTS.round.resendNotInstalled, { notInstalled: p.notInstalled }),
    },
  ] as const;
  return groups
    .filter((g) => g.count > 0)
    .map((g) => execute(t(g.title), RESEND_VERB, { roundId, group: g.group, step }));
}

/**
 * The round card HR sees in the channel: the five steps in order, each with deadline, state and a
 * launch button named after the step. Updated in place as the round moves on.
 */
export function roundCard(view: RoundCardView): AdaptiveCard {
  const t = translator(view.locale);
  const { round } = view;
  const steps = round.steps.map((s) => {
    const name = t(stepName(s.step, round.kind));
    const check = checkLaunch(round, s.step);
    const p = view.progress[s.step];
    const state = s.launchedAt
      ? t(
          fill(CARDS_TEXTS.round.launched, {
            launchedDate: {
              da: formatDateTime(s.launchedAt, 'da'),
              en: formatDateTime(s.launchedAt, 'en'),
            },
          }),
        )
      : check.ok
        ? t(CARDS_TEXTS.round.ready)
        : t(CARDS_TEXTS.round.waitingPreviousStep);
    const preparing = s.preparing ? preparationLine(s.preparing, view.locale) : '';
    const counts = p
      ? t(fill(CARDS_TEXTS.round.deliveryCounts, { ...p })) +
        (p.answered !== undefined
          ? t(fill(CARDS_TEXTS.round.answeredCount, { answered: p.answered }))
          : '')
      : '';
    return container(
      [
        columns([
          {
            items: [
              text(`**${s.step}. ${name}**`),
              text(
                `${t(CARDS_TEXTS.round.deadline)}: ${formatDate(s.deadline, view.locale)} · ${state}`,
                {
                  isSubtle: true,
                  spacing: 'None',
                },
              ),
              ...(preparing ? [text(preparing, { size: 'Small', spacing: 'None' })] : []),
              ...(counts ? [text(counts, { size: 'Small', spacing: 'None' })] : []),
            ],
          },
          {
            width: 'auto',
            items:
              p && s.launchedAt && resendButtons(p, round.id, s.step, view.locale).length > 0
                ? [actionSet(resendButtons(p, round.id, s.step, view.locale))]
                : check.ok
                  ? [
                      actionSet([
                        execute(
                          `${s.step} ${name}`,
                          LAUNCH_STEP_VERB,
                          { roundId: round.id, step: s.step },
                          {
                            style: 'positive',
                          },
                        ),
                      ]),
                    ]
                  : [],
          },
        ]),
      ],
      { separator: true, style: s.launchedAt ? 'good' : 'default' },
    );
  });
  return adaptiveCard(
    [
      heading(`${t(roundNoun(round.kind))}: ${plain(round.name)}`),
      text(t(CARDS_TEXTS.round.takeFiveStepsOrder), { isSubtle: true }),
      ...steps,
      ...(view.installs && installLine(view.installs, view.locale)
        ? [text(installLine(view.installs, view.locale), { size: 'Small', isSubtle: true })]
        : []),
    ],
    {
      refresh: {
        action: {
          type: 'Action.Execute',
          verb: ROUND_REFRESH_VERB,
          data: { roundId: round.id, verb: ROUND_REFRESH_VERB },
        },
        ...(view.refreshUserIds?.length ? { userIds: view.refreshUserIds.slice(0, 60) } : {}),
      },
    },
  );
}
