import { AGREEMENT_STATUS_LABELS } from '../mus/agreement.js';
import type { Bilingual, Locale } from '../mus/bilingual.js';
import { COMMON_UNDERSTANDINGS } from '../mus/default-template.js';
import { skemaName, TERMS } from '../mus/glossary.js';
import type { RoundKind } from '../mus/round.js';
import { employeeCanEdit, type Skema } from '../mus/skema.js';
import { ANSWER_MAX_CHARS, questionSections } from '../mus/skema-template.js';
import {
  adaptiveCard,
  container,
  execute,
  facts,
  heading,
  numbered,
  openUrl,
  plain,
  text,
  textInput,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './elements.js';
import { coreTaskBlock } from './core-task-block.js';
import { formatDate, formatDateTime, translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';
import { TERM_TEXTS } from '../../texts/terms.js';

/** Card verbs of the skema card; the dispatcher routes them to the skema module. */
export const SKEMA_VERBS = {
  save: 'skema.save',
  submit: 'skema.submit',
  edit: 'skema.edit',
  refresh: 'skema.refresh',
} as const;

export type SkemaNotice =
  | { kind: 'reminder'; deadline: string }
  | { kind: 'saved' }
  | { kind: 'submitted' }
  | { kind: 'conflict'; keptAnswers: Record<string, string> }
  | { kind: 'error'; message: Bilingual };

export interface SkemaCardView {
  locale: Locale;
  coreTask: string;
  roundName: string;
  /** The kind of round: the card names its own skema (MUS-, GRUS- or LUS-skema). */
  roundKind: RoundKind;
  leaderName: string;
  skema: Skema;
  etag: string;
  /** Bot Framework user id of the employee, so Teams refreshes the card from storage for them. */
  employeeUserId?: string;
  /** Deep link to the same skema in the tab, for long answers. */
  tabUrl?: string;
  /** Show the form even when the skema was submitted (after "Rediger"). */
  editing?: boolean;
  notice?: SkemaNotice;
}

/** Why the employee prepares, said for the kind of talk. */
function purposeOf(kind: RoundKind): Bilingual {
  if (kind === 'GRUS') {
    return CARDS_TEXTS.step3Skema.purposeTeamExploreTogether;
  }
  if (kind === 'LUS') {
    return CARDS_TEXTS.step3Skema.purposeYouYourLeader;
  }
  return CARDS_TEXTS.step3Skema.purposeExploreTogetherHow;
}

function input(id: string): string {
  return `answer_${id}`;
}

/** Reads the answers out of an Action.Execute payload of this card. */
export function answersFromCardData(
  data: Record<string, unknown>,
  skema: Pick<Skema, 'template'>,
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const s of questionSections(skema.template)) {
    const value = data[input(s.id)];
    if (typeof value === 'string') answers[s.id] = value;
  }
  return answers;
}

function noticeBlock(notice: SkemaNotice | undefined, view: SkemaCardView): CardElement[] {
  const t = translator(view.locale);
  if (!notice) return [];
  if (notice.kind === 'reminder') {
    return [
      container(
        [
          text(
            t(
              fill(CARDS_TEXTS.step3Skema.reminderPleaseSendYour, {
                deadlineDate: {
                  da: formatDate(notice.deadline, 'da'),
                  en: formatDate(notice.deadline, 'en'),
                },
              }),
            ),
            { weight: 'Bolder', color: 'Warning' },
          ),
        ],
        { style: 'warning' },
      ),
    ];
  }
  if (notice.kind === 'saved') {
    return [
      container(
        [
          text(
            t(
              fill(CARDS_TEXTS.step3Skema.draftSavedYourLeader, {
                updatedDate: {
                  da: formatDateTime(view.skema.updatedAt, 'da'),
                  en: formatDateTime(view.skema.updatedAt, 'en'),
                },
              }),
            ),
            { color: 'Good' },
          ),
        ],
        { style: 'good' },
      ),
    ];
  }
  if (notice.kind === 'submitted') {
    return [
      container([text(t(CARDS_TEXTS.step3Skema.thankYouYourPreparation), { color: 'Good' })], {
        style: 'good',
      }),
    ];
  }
  if (notice.kind === 'error') {
    return [container([text(t(notice.message), { color: 'Attention' })], { style: 'attention' })];
  }
  const kept = Object.entries(notice.keptAnswers).filter(([, v]) => v.trim());
  const titles = new Map(view.skema.template.sections.map((s) => [s.id, t(s.title)]));
  return [
    container(
      [
        text(t(CARDS_TEXTS.step3Skema.formWasChangedElsewhere), {
          color: 'Attention',
          weight: 'Bolder',
        }),
        ...kept.map(([id, value]) =>
          text(`**${plain(titles.get(id) ?? id)}**\n\n${plain(value)}`, { isSubtle: true }),
        ),
      ],
      { style: 'attention' },
    ),
  ];
}

/**
 * Step 3: the employee's own MUS-skema in their 1:1 chat. Always built from the stored skema, so a
 * stale card that is clicked shows the current state. Editable until the leader starts the talk.
 */
export function skemaCard(view: SkemaCardView): AdaptiveCard {
  const t = translator(view.locale);
  const { skema } = view;
  const ids = { roundId: skema.roundId, employeeEmail: skema.employeeEmail, etag: view.etag };
  const header: CardElement[] = [
    heading(`${t(skemaName(view.roundKind))} · ${plain(view.roundName)}`),
    facts([
      [t(CARDS_TEXTS.step3Skema.sentBy), plain(view.leaderName)],
      [t(CARDS_TEXTS.step3Skema.talk), t(CARDS_TEXTS.step3Skema.text45Minutes)],
    ]),
    text(t(purposeOf(view.roundKind))),
    coreTaskBlock(view.coreTask, view.locale),
    ...followUpBlock(view),
  ];
  const tabAction: CardAction[] = view.tabUrl
    ? [openUrl(t(CARDS_TEXTS.step3Skema.openTab), view.tabUrl)]
    : [];
  const refresh = view.employeeUserId
    ? {
        action: {
          type: 'Action.Execute' as const,
          verb: SKEMA_VERBS.refresh,
          data: { ...ids, verb: SKEMA_VERBS.refresh },
        },
        userIds: [view.employeeUserId],
      }
    : undefined;

  if (!employeeCanEdit(skema)) {
    return adaptiveCard(
      [
        ...header,
        ...noticeBlock(view.notice, view),
        container(
          [
            text(
              t(
                fill(CARDS_TEXTS.step3Skema.formClosedBecauseTalk, {
                  value: { da: TERMS.summary.da.toLowerCase(), en: TERMS.summary.en.toLowerCase() },
                }),
              ),
              { weight: 'Bolder' },
            ),
          ],
          { style: 'emphasis' },
        ),
        ...answersSummary(view),
      ],
      { actions: tabAction, ...(refresh ? { refresh } : {}) },
    );
  }

  if (skema.status === 'prepared' && !view.editing) {
    return adaptiveCard(
      [
        ...header,
        ...noticeBlock(view.notice, view),
        text(
          t(
            fill(CARDS_TEXTS.step3Skema.sentYourLeader, {
              valueDate: {
                da: formatDateTime(skema.preparedAt ?? skema.updatedAt, 'da'),
                en: formatDateTime(skema.preparedAt ?? skema.updatedAt, 'en'),
              },
            }),
          ),
          { isSubtle: true },
        ),
        ...answersSummary(view),
      ],
      {
        actions: [execute(t(CARDS_TEXTS.step3Skema.edit), SKEMA_VERBS.edit, ids), ...tabAction],
        ...(refresh ? { refresh } : {}),
      },
    );
  }

  const inputs = questionSections(skema.template).flatMap((s) => [
    text(`**${plain(t(s.title))}**`, { spacing: 'Large' }),
    textInput(input(s.id), t(s.prompt), {
      value: skema.answers[s.id] ?? '',
      isMultiline: true,
      maxLength: ANSWER_MAX_CHARS,
      placeholder: t(fill(CARDS_TEXTS.step3Skema.writeYourAnswerAt, { ANSWER_MAX_CHARS })),
    }),
  ]);
  return adaptiveCard(
    [
      ...header,
      ...noticeBlock(view.notice, view),
      text(t(CARDS_TEXTS.step3Skema.talkBuildsOnFour)),
      numbered(COMMON_UNDERSTANDINGS.map(t)),
      ...inputs,
      skema.updatedAt !== skema.sentAt
        ? text(
            t(
              fill(CARDS_TEXTS.step3Skema.lastSaved, {
                updatedDate: {
                  da: formatDateTime(skema.updatedAt, 'da'),
                  en: formatDateTime(skema.updatedAt, 'en'),
                },
              }),
            ),
            { isSubtle: true, size: 'Small' },
          )
        : text(' ', { size: 'Small' }),
    ],
    {
      actions: [
        execute(t(CARDS_TEXTS.step3Skema.saveDraft), SKEMA_VERBS.save, ids),
        execute(t(CARDS_TEXTS.step3Skema.sendMyLeader), SKEMA_VERBS.submit, ids, {
          style: 'positive',
        }),
        ...tabAction,
      ],
      ...(refresh ? { refresh } : {}),
    },
  );
}

/** "Opfølgning fra sidst": last round's agreements and how far they came, read-only. */
function followUpBlock(view: SkemaCardView): CardElement[] {
  const items = view.skema.followUp ?? [];
  if (!items.length) return [];
  const t = translator(view.locale);
  return [
    container(
      [
        text(t(TERM_TEXTS.followUpFromLast), {
          weight: 'Bolder',
        }),
        text(t(CARDS_TEXTS.step3Skema.yourAgreementsFromLast), { isSubtle: true, size: 'Small' }),
        ...items.map((a) =>
          text(
            `- ${plain(a.what)} — ${formatDate(a.dueDate, view.locale)} (${t(AGREEMENT_STATUS_LABELS[a.status])})`,
          ),
        ),
      ],
      { style: 'emphasis' },
    ),
  ];
}

function answersSummary(view: SkemaCardView): CardElement[] {
  const t = translator(view.locale);
  return questionSections(view.skema.template).map((s) =>
    container(
      [
        text(`**${plain(t(s.title))}**`),
        text(
          view.skema.answers[s.id]?.trim()
            ? plain(view.skema.answers[s.id]!)
            : t(CARDS_TEXTS.step3Skema.notAnswered),
        ),
      ],
      { separator: true },
    ),
  );
}
