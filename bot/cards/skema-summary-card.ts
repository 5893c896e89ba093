import type { Agreement } from '../mus/agreement.js';
import { AGREEMENT_STATUS_LABELS } from '../mus/agreement.js';
import type { Bilingual, Locale } from '../mus/bilingual.js';
import { COMMENT_MAX_CHARS, type Skema } from '../mus/skema.js';
import { questionSections } from '../mus/skema-template.js';
import {
  adaptiveCard,
  container,
  execute,
  facts,
  heading,
  openUrl,
  plain,
  text,
  textInput,
  type AdaptiveCard,
  type CardAction,
} from './elements.js';
import { formatDate, formatDateTime, translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';
import { TERM_TEXTS } from '../../texts/terms.js';

export const ACKNOWLEDGE_VERB = 'skema.acknowledge';

export interface SkemaSummaryView {
  locale: Locale;
  roundName: string;
  leaderName: string;
  skema: Skema;
  etag: string;
  agreements: Pick<Agreement, 'what' | 'ownerEmail' | 'dueDate' | 'status'>[];
  /** Names of the people agreements may be owned by, for display. */
  names: Record<string, string>;
  tabUrl?: string;
  error?: Bilingual;
}

/**
 * After the talk: the employee's summary (their preparation, the leader's notes, the agreements) to
 * acknowledge, with room for a comment. Once acknowledged it shows when, and the comment.
 */
export function skemaSummaryCard(view: SkemaSummaryView): AdaptiveCard {
  const t = translator(view.locale);
  const { skema } = view;
  const sections = questionSections(skema.template).map((s) =>
    container(
      [
        text(`**${plain(t(s.title))}**`),
        text(
          `${t(TERM_TEXTS.yourPreparation)}: ${
            skema.answers[s.id]?.trim() ? plain(skema.answers[s.id]!) : '–'
          }`,
          { isSubtle: true },
        ),
        text(
          `${t(CARDS_TEXTS.skemaSummary.fromTalk)}: ${
            skema.talkNotes[s.id]?.trim() ? plain(skema.talkNotes[s.id]!) : '–'
          }`,
        ),
      ],
      { separator: true },
    ),
  );
  const agreements = view.agreements.length
    ? view.agreements.map((a) =>
        text(
          `- ${plain(a.what)} — ${plain(view.names[a.ownerEmail] ?? a.ownerEmail)}, ${formatDate(a.dueDate, view.locale)} (${t(AGREEMENT_STATUS_LABELS[a.status])})`,
        ),
      )
    : [
        text(t(CARDS_TEXTS.skemaSummary.noAgreementsRecorded), {
          isSubtle: true,
        }),
      ];
  const acknowledged = skema.status === 'acknowledged';
  const ids = { roundId: skema.roundId, employeeEmail: skema.employeeEmail, etag: view.etag };
  const actions: CardAction[] = [];
  if (!acknowledged) {
    actions.push(
      execute(t(TERM_TEXTS.acknowledgeSummary), ACKNOWLEDGE_VERB, ids, {
        style: 'positive',
      }),
    );
  }
  if (view.tabUrl) actions.push(openUrl(t(CARDS_TEXTS.skemaSummary.openTab), view.tabUrl));
  return adaptiveCard(
    [
      heading(
        t(fill(CARDS_TEXTS.skemaSummary.summaryYourMus, { roundName: plain(view.roundName) })),
      ),
      text(
        t(
          fill(CARDS_TEXTS.skemaSummary.hasFinalisedYourTalk, {
            leaderName: plain(view.leaderName),
          }),
        ),
      ),
      ...(view.error
        ? [container([text(t(view.error), { color: 'Attention' })], { style: 'attention' })]
        : []),
      ...sections,
      heading(t(CARDS_TEXTS.skemaSummary.agreementsFollowUp), 'Medium'),
      ...agreements,
      ...(skema.followUpDate
        ? [facts([[t(TERM_TEXTS.followUp), formatDate(skema.followUpDate, view.locale)]])]
        : []),
      ...(acknowledged
        ? [
            container(
              [
                text(
                  t(
                    fill(CARDS_TEXTS.skemaSummary.youAcknowledged, {
                      valueDate: {
                        da: formatDateTime(skema.acknowledgedAt ?? skema.updatedAt, 'da'),
                        en: formatDateTime(skema.acknowledgedAt ?? skema.updatedAt, 'en'),
                      },
                    }),
                  ),
                  { color: 'Good', weight: 'Bolder' },
                ),
                ...(skema.employeeComment
                  ? [text(`${t(TERM_TEXTS.yourComment)}: ${plain(skema.employeeComment)}`)]
                  : []),
              ],
              { style: 'good' },
            ),
          ]
        : [
            textInput('comment', t(CARDS_TEXTS.skemaSummary.commentYourLeaderOptional), {
              isMultiline: true,
              maxLength: COMMENT_MAX_CHARS,
            }),
          ]),
    ],
    { actions },
  );
}
