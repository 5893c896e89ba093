import type { Locale } from '../mus/bilingual.js';
import { checkLaunch, type Round, type StepPreparation } from '../mus/round.js';
import { stepDefinition } from '../mus/rollout-steps.js';
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

export const LAUNCH_STEP_VERB = 'round.launchStep';
export const ROUND_REFRESH_VERB = 'round.refresh';
export const RESEND_FAILED_VERB = 'round.resendFailed';

export interface StepProgress {
  sent: number;
  pending: number;
  failed: number;
  notInstalled: number;
  /** Steps 3–5: how many recipients have answered. */
  answered?: number;
}

export interface RoundCardView {
  locale: Locale;
  round: Round;
  progress: Partial<Record<number, StepProgress>>;
}

/**
 * What a launched step is doing in the background before (and while) its cards go out: HR sees that
 * the launch was taken and how far it has come, with numbers in the reader's language.
 */
export function preparationLine(p: StepPreparation, locale: Locale): string {
  const n = (value: number): string => formatNumber(value, locale);
  const t = translator(locale);
  if (p.total === undefined) {
    return t({ da: 'Gøres klar …', en: 'Getting ready …' });
  }
  if (p.phase === 'skemas') {
    return t({
      da: `Forbereder ${n(p.total)} skemaer … ${n(p.done ?? 0)} oprettet`,
      en: `Preparing ${n(p.total)} skemas … ${n(p.done ?? 0)} created`,
    });
  }
  return t({
    da: `Lægger ${n(p.total)} kort i kø … ${n(p.done ?? 0)} klar til afsendelse`,
    en: `Queueing ${n(p.total)} cards … ${n(p.done ?? 0)} ready to send`,
  });
}

/**
 * The round card HR sees in the channel: the five steps in order, each with deadline, state and a
 * launch button named after the step. Updated in place as the round moves on.
 */
export function roundCard(view: RoundCardView): AdaptiveCard {
  const t = translator(view.locale);
  const { round } = view;
  const steps = round.steps.map((s) => {
    const def = stepDefinition(s.step);
    const check = checkLaunch(round, s.step);
    const p = view.progress[s.step];
    const state = s.launchedAt
      ? t({
          da: `Sat i gang ${formatDateTime(s.launchedAt, 'da')}`,
          en: `Launched ${formatDateTime(s.launchedAt, 'en')}`,
        })
      : check.ok
        ? t({ da: 'Klar', en: 'Ready' })
        : t({ da: 'Venter på forrige trin', en: 'Waiting for the previous step' });
    const preparing = s.preparing ? preparationLine(s.preparing, view.locale) : '';
    const counts = p
      ? t({
          da: `Sendt ${p.sent} · venter ${p.pending} · fejlet ${p.failed} · ikke installeret ${p.notInstalled}${p.answered !== undefined ? ` · besvaret ${p.answered}` : ''}`,
          en: `Sent ${p.sent} · pending ${p.pending} · failed ${p.failed} · not installed ${p.notInstalled}${p.answered !== undefined ? ` · answered ${p.answered}` : ''}`,
        })
      : '';
    return container(
      [
        columns([
          {
            items: [
              text(`**${s.step}. ${t(def.name)}**`),
              text(
                `${t({ da: 'Frist', en: 'Deadline' })}: ${formatDate(s.deadline, view.locale)} · ${state}`,
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
              p && p.failed > 0 && s.launchedAt
                ? [
                    actionSet([
                      execute(
                        t({ da: 'Send igen til fejlede', en: 'Resend to failed' }),
                        RESEND_FAILED_VERB,
                        { roundId: round.id, step: s.step },
                      ),
                    ]),
                  ]
                : check.ok
                  ? [
                      actionSet([
                        execute(
                          `${s.step} ${t(def.name)}`,
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
      heading(t({ da: `MUS-runde: ${plain(round.name)}`, en: `MUS round: ${plain(round.name)}` })),
      text(
        t({
          da: 'Tag de fem trin i rækkefølge. Hvert trin sender det rette kort til de rette personer i deres chat med appen.',
          en: 'Take the five steps in order. Each step sends the right card to the right people in their chat with the app.',
        }),
        { isSubtle: true },
      ),
      ...steps,
    ],
    {
      refresh: {
        action: {
          type: 'Action.Execute',
          verb: ROUND_REFRESH_VERB,
          data: { roundId: round.id, verb: ROUND_REFRESH_VERB },
        },
      },
    },
  );
}
