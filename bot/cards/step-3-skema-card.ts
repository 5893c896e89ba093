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
    return {
      da: 'Formålet er, at I i teamet sammen undersøger, hvordan I bedst løser jeres del af vores fælles kerneopgave — og hvad organisationen får brug for fremover. Din forberedelse er dit bidrag til teamets samtale.',
      en: "The purpose is for the team to explore together how you best solve your part of our shared core task — and what the organisation will need ahead. Your preparation is your contribution to the team's talk.",
    };
  }
  if (kind === 'LUS') {
    return {
      da: 'Formålet er, at du og din leder sammen undersøger, hvordan din ledelse bedst hjælper med at løse vores fælles kerneopgave — og hvad organisationen får brug for fremover.',
      en: 'The purpose is for you and your leader to explore together how your leadership best helps solve our shared core task — and what the organisation will need ahead.',
    };
  }
  return {
    da: 'Formålet er, at I sammen undersøger, hvordan du bedst bidrager til at løse vores fælles kerneopgave — og hvad organisationen får brug for fremover.',
    en: 'The purpose is to explore together how you best contribute to solving our shared core task — and what the organisation will need ahead.',
  };
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
            t({
              da: `Påmindelse: send gerne din forberedelse til din leder senest ${formatDate(notice.deadline, 'da')}. Så får I mest ud af jeres samtale.`,
              en: `Reminder: please send your preparation to your leader by ${formatDate(notice.deadline, 'en')}. That way you both get the most out of your talk.`,
            }),
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
            t({
              da: `Kladden er gemt ${formatDateTime(view.skema.updatedAt, 'da')}. Din leder ser den først, når du sender.`,
              en: `Draft saved ${formatDateTime(view.skema.updatedAt, 'en')}. Your leader sees it only when you send it.`,
            }),
            { color: 'Good' },
          ),
        ],
        { style: 'good' },
      ),
    ];
  }
  if (notice.kind === 'submitted') {
    return [
      container(
        [
          text(
            t({
              da: 'Tak! Din forberedelse er sendt til din leder. Du kan rette den, indtil samtalen går i gang.',
              en: 'Thank you! Your preparation has been sent to your leader. You can change it until the talk begins.',
            }),
            { color: 'Good' },
          ),
        ],
        { style: 'good' },
      ),
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
        text(
          t({
            da: 'Skemaet er blevet ændret et andet sted (fx i fanen), siden dette kort blev vist. Dine ændringer er ikke gemt. Her er den nyeste udgave; det, du skrev, står nedenfor, så du kan kopiere det ind igen.',
            en: 'The form was changed elsewhere (e.g. in the tab) since this card was shown. Your changes were not saved. Here is the latest version; what you wrote is below so you can copy it back in.',
          }),
          { color: 'Attention', weight: 'Bolder' },
        ),
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
      [t({ da: 'Sendt af', en: 'Sent by' }), plain(view.leaderName)],
      [t({ da: 'Samtalen', en: 'The talk' }), t({ da: '45 minutter', en: '45 minutes' })],
    ]),
    text(t(purposeOf(view.roundKind))),
    coreTaskBlock(view.coreTask, view.locale),
    ...followUpBlock(view),
  ];
  const tabAction: CardAction[] = view.tabUrl
    ? [openUrl(t({ da: 'Åbn i fanen', en: 'Open in the tab' }), view.tabUrl)]
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
              t({
                da: `Skemaet er lukket, fordi samtalen er gået i gang. Du kan læse ${TERMS.summary.da.toLowerCase()}en og jeres aftaler i fanen "Mine MUS".`,
                en: `The form is closed because the talk has begun. You can read the ${TERMS.summary.en.toLowerCase()} and your agreements in the "My MUS" tab.`,
              }),
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
          t({
            da: `Sendt til din leder ${formatDateTime(skema.preparedAt ?? skema.updatedAt, 'da')}.`,
            en: `Sent to your leader ${formatDateTime(skema.preparedAt ?? skema.updatedAt, 'en')}.`,
          }),
          { isSubtle: true },
        ),
        ...answersSummary(view),
      ],
      {
        actions: [execute(t({ da: 'Rediger', en: 'Edit' }), SKEMA_VERBS.edit, ids), ...tabAction],
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
      placeholder: t({
        da: `Skriv dit svar (højst ${ANSWER_MAX_CHARS} tegn)`,
        en: `Write your answer (at most ${ANSWER_MAX_CHARS} characters)`,
      }),
    }),
  ]);
  return adaptiveCard(
    [
      ...header,
      ...noticeBlock(view.notice, view),
      text(
        t({
          da: 'Samtalen bygger på fire fælles forståelser mellem dig og din leder:',
          en: 'The talk builds on four shared understandings between you and your leader:',
        }),
      ),
      numbered(COMMON_UNDERSTANDINGS.map(t)),
      ...inputs,
      skema.updatedAt !== skema.sentAt
        ? text(
            t({
              da: `Sidst gemt ${formatDateTime(skema.updatedAt, 'da')}.`,
              en: `Last saved ${formatDateTime(skema.updatedAt, 'en')}.`,
            }),
            { isSubtle: true, size: 'Small' },
          )
        : text(' ', { size: 'Small' }),
    ],
    {
      actions: [
        execute(t({ da: 'Gem kladde', en: 'Save draft' }), SKEMA_VERBS.save, ids),
        execute(t({ da: 'Send til min leder', en: 'Send to my leader' }), SKEMA_VERBS.submit, ids, {
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
        text(t({ da: 'Opfølgning fra sidst', en: 'Follow-up from last time' }), {
          weight: 'Bolder',
        }),
        text(
          t({
            da: 'Jeres aftaler fra sidste runde, og hvor de står:',
            en: 'Your agreements from the last round, and where they stand:',
          }),
          { isSubtle: true, size: 'Small' },
        ),
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
            : t({ da: '_Ikke besvaret_', en: '_Not answered_' }),
        ),
      ],
      { separator: true },
    ),
  );
}
