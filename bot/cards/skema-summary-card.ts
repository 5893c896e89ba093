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
          `${t({ da: 'Din forberedelse', en: 'Your preparation' })}: ${
            skema.answers[s.id]?.trim() ? plain(skema.answers[s.id]!) : '–'
          }`,
          { isSubtle: true },
        ),
        text(
          `${t({ da: 'Fra samtalen', en: 'From the talk' })}: ${
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
        text(t({ da: 'Ingen aftaler registreret.', en: 'No agreements recorded.' }), {
          isSubtle: true,
        }),
      ];
  const acknowledged = skema.status === 'acknowledged';
  const ids = { roundId: skema.roundId, employeeEmail: skema.employeeEmail, etag: view.etag };
  const actions: CardAction[] = [];
  if (!acknowledged) {
    actions.push(
      execute(
        t({ da: 'Kvittér for opsamlingen', en: 'Acknowledge the summary' }),
        ACKNOWLEDGE_VERB,
        ids,
        {
          style: 'positive',
        },
      ),
    );
  }
  if (view.tabUrl)
    actions.push(openUrl(t({ da: 'Åbn i fanen', en: 'Open in the tab' }), view.tabUrl));
  return adaptiveCard(
    [
      heading(
        t({
          da: `Opsummering af din MUS · ${plain(view.roundName)}`,
          en: `Summary of your MUS · ${plain(view.roundName)}`,
        }),
      ),
      text(
        t({
          da: `${plain(view.leaderName)} har afsluttet jeres samtale. Læs opsamlingen, og kvittér — du kan tilføje en kommentar, hvis du ser noget anderledes.`,
          en: `${plain(view.leaderName)} has finalised your talk. Read the summary and acknowledge it — you can add a comment if you see something differently.`,
        }),
      ),
      ...(view.error
        ? [container([text(t(view.error), { color: 'Attention' })], { style: 'attention' })]
        : []),
      ...sections,
      heading(t({ da: 'Aftaler og opfølgning', en: 'Agreements and follow-up' }), 'Medium'),
      ...agreements,
      ...(skema.followUpDate
        ? [
            facts([
              [
                t({ da: 'Opfølgning', en: 'Follow-up' }),
                formatDate(skema.followUpDate, view.locale),
              ],
            ]),
          ]
        : []),
      ...(acknowledged
        ? [
            container(
              [
                text(
                  t({
                    da: `Du kvitterede ${formatDateTime(skema.acknowledgedAt ?? skema.updatedAt, 'da')}.`,
                    en: `You acknowledged ${formatDateTime(skema.acknowledgedAt ?? skema.updatedAt, 'en')}.`,
                  }),
                  { color: 'Good', weight: 'Bolder' },
                ),
                ...(skema.employeeComment
                  ? [
                      text(
                        `${t({ da: 'Din kommentar', en: 'Your comment' })}: ${plain(skema.employeeComment)}`,
                      ),
                    ]
                  : []),
              ],
              { style: 'good' },
            ),
          ]
        : [
            textInput(
              'comment',
              t({
                da: 'Kommentar til din leder (valgfri)',
                en: 'Comment for your leader (optional)',
              }),
              {
                isMultiline: true,
                maxLength: COMMENT_MAX_CHARS,
              },
            ),
          ]),
    ],
    { actions },
  );
}
