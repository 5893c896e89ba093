import {
  agreementReminderCard,
  type AgreementCardNotice,
} from '../cards/agreement-reminder-card.js';
import { skemaTabLink, type TabLinkSettings } from '../cards/tab-links.js';
import {
  agreementReminderDue,
  agreementReminderDueRange,
  type Agreement,
} from '../mus/agreement.js';
import type { Locale } from '../mus/bilingual.js';
import type { Versioned } from '../mus/errors.js';
import type { Repositories } from '../mus/repositories.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import { newDelivery, type DeliveryKey, type DeliveryStore } from './delivery.js';
import type { CardContext, RenderedCard } from './steps/rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../texts/notifications.js';
import { fill } from '../../texts/fill.js';

/*
 * Follow-up of agreements (the method's third phase, "Opsamling og opfølgning"). Every hour the
 * planner looks for open agreements due within a week and writes one outbox row per agreement and
 * due date, addressed to the agreement's owner. The row's subject names the agreement and the due
 * date, so planning again (every hour, on several servers) finds the row there and sends nothing
 * new, while a changed due date makes a new subject and so one new reminder. The rows live in the
 * round's step-4 partition (the talks are where agreements are made) but are not counted as the
 * step's progress.
 */

/** The step whose outbox partition holds agreement reminders. */
export const AGREEMENT_REMINDER_STEP: StepNumber = 4;

/** Emails, ids and ISO dates hold no spaces, so a space separates the subject's parts. */
export function agreementReminderSubject(
  agreement: Pick<Agreement, 'employeeEmail' | 'id' | 'dueDate'>,
): string {
  return `${agreement.employeeEmail} ${agreement.id} ${agreement.dueDate}`;
}

export function parseAgreementReminderSubject(
  subject: string | undefined,
): { employeeEmail: string; id: string; dueDate: string } | undefined {
  const parts = subject?.split(' ') ?? [];
  if (parts.length !== 3 || parts.some((p) => !p)) return undefined;
  const [employeeEmail, id, dueDate] = parts as [string, string, string];
  return { employeeEmail, id, dueDate };
}

export function agreementReminderKey(agreement: Agreement): DeliveryKey {
  return {
    orgId: agreement.orgId,
    roundId: agreement.roundId,
    step: AGREEMENT_REMINDER_STEP,
    audience: 'agreement',
    recipientEmail: agreement.ownerEmail,
    subject: agreementReminderSubject(agreement),
  };
}

/**
 * Plans a reminder for every open agreement of the organisation whose due date is at most a week
 * away, once per agreement and due date. Agreements of closed rounds are followed up too: closing a
 * round ends its rollout, not the plan agreed in it. Returns how many rows were new.
 */
export async function planAgreementReminders(
  deps: { repositories: Repositories; deliveries: DeliveryStore },
  orgId: string,
  now: Date,
): Promise<number> {
  const { from, to } = agreementReminderDueRange(now);
  let planned = 0;
  for (const round of await deps.repositories.rounds.list(orgId)) {
    const due = await deps.repositories.agreements.listDueBetween(orgId, round.id, from, to);
    const rows = due
      .map((a) => a.value)
      .filter((a) => agreementReminderDue(a, now))
      .map((a) => newDelivery(agreementReminderKey(a), now));
    if (rows.length) planned += (await deps.deliveries.plan(rows)).created;
  }
  return planned;
}

/** The reminder's agreement was removed (or its person erased) before the card went out. */
export class AgreementGoneError extends Error {
  constructor(subject: string | undefined) {
    super(`the agreement of reminder "${subject ?? ''}" no longer exists`);
    this.name = 'AgreementGoneError';
  }
}

/** The agreement card as stored now, with the names it shows. */
export async function renderAgreementCard(
  repositories: Repositories,
  links: TabLinkSettings,
  locale: Locale,
  stored: Versioned<Agreement>,
  options: { reminder: boolean; notice?: AgreementCardNotice },
): Promise<RenderedCard> {
  const a = stored.value;
  const [round, skema] = await Promise.all([
    repositories.rounds.get(a.orgId, a.roundId),
    repositories.skemas.get(a.orgId, a.roundId, a.employeeEmail),
  ]);
  const leaderEmail = skema?.value.leaderEmail ?? '';
  const emails = [...new Set([a.employeeEmail, leaderEmail, a.ownerEmail].filter(Boolean))];
  const people = await Promise.all(emails.map((e) => repositories.people.get(a.orgId, e)));
  const nameOf = (email: string): string =>
    people.find((p) => p?.value.email === email)?.value.name ?? email;
  return {
    card: agreementReminderCard({
      locale,
      roundName: round?.value.name ?? a.roundId,
      employeeName: nameOf(a.employeeEmail),
      leaderName: leaderEmail ? nameOf(leaderEmail) : '',
      ownerName: nameOf(a.ownerEmail),
      agreement: a,
      etag: stored.etag,
      reminder: options.reminder,
      tabUrl: skemaTabLink(links, a.roundId, a.employeeEmail),
      ...(options.notice ? { notice: options.notice } : {}),
    }),
    summary: fill(NOTIFICATION_TEXTS.agreementFollowUp, { what: a.what.slice(0, 60) })[locale],
  };
}

/** Renders an outbox row of audience `agreement` at send time, from the agreement as stored now. */
export async function renderAgreementReminder(
  ctx: CardContext,
  subject: string | undefined,
): Promise<RenderedCard> {
  const ref = parseAgreementReminderSubject(subject);
  const stored = ref
    ? await ctx.repositories.agreements.get(ctx.org.id, ctx.round.id, ref.employeeEmail, ref.id)
    : undefined;
  if (!stored) throw new AgreementGoneError(subject);
  return renderAgreementCard(ctx.repositories, ctx.links, ctx.locale, stored, { reminder: true });
}
