import {
  acknowledgeReminderCard,
  followUpReminderCard,
  talksNotHeldCard,
} from '../cards/follow-through-cards.js';
import { skemaTabLink, tabLink } from '../cards/tab-links.js';
import {
  acknowledgementOverdue,
  dueFollowThrough,
  talkNotHeld,
  type FollowThroughReminder,
} from '../mus/follow-through.js';
import type { Repositories } from '../mus/repositories.js';
import { roundStep } from '../mus/round.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import { newDelivery, type DeliveryKey, type DeliveryStore } from './delivery.js';
import type { CardContext, RenderedCard } from './steps/rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../texts/notifications.js';
import { fill } from '../../texts/fill.js';

/*
 * The round's follow-through (bot/mus/follow-through.ts) as outbox rows of audience `followup` in the
 * round's step-4 partition, not counted as the step's progress. The subject names the reminder:
 *   talks-not-held                      to a leader, once per round
 *   acknowledge                         to an employee, once per round
 *   follow-up <employeeEmail> <date>    to the leader, once per employee and follow-up date
 * so planning again (every hour, on several instances) finds the row there and sends nothing new.
 * The card is drawn when it is sent; a reminder that is no longer due then (the talk was held, the
 * summary acknowledged, the date moved) is not sent.
 */

export const FOLLOW_THROUGH_STEP: StepNumber = 4;

export function followThroughSubject(reminder: FollowThroughReminder): string {
  return reminder.kind === 'follow-up'
    ? `follow-up ${reminder.employeeEmail} ${reminder.date}`
    : reminder.kind;
}

/** The employee a follow-through reminder is about (the recipient, or the talk's employee). */
export function followThroughEmployee(subject: string | undefined): string | undefined {
  const parts = subject?.split(' ') ?? [];
  return parts[0] === 'follow-up' && parts.length === 3 ? parts[1] : undefined;
}

function keyOf(orgId: string, roundId: string, reminder: FollowThroughReminder): DeliveryKey {
  const recipientEmail =
    reminder.kind === 'acknowledge' ? reminder.employeeEmail : reminder.leaderEmail;
  return {
    orgId,
    roundId,
    step: FOLLOW_THROUGH_STEP,
    audience: 'followup',
    recipientEmail,
    subject: followThroughSubject(reminder),
  };
}

/**
 * Plans the organisation's due follow-through reminders, each once. Reads every skema of the rounds
 * whose talks have begun (step 4 launched) and whose texts are still kept; run hourly. Returns how
 * many rows were new.
 */
export async function planFollowThroughReminders(
  deps: { repositories: Repositories; deliveries: DeliveryStore },
  orgId: string,
  now: Date,
): Promise<number> {
  let planned = 0;
  for (const round of await deps.repositories.rounds.list(orgId)) {
    if (!roundStep(round, 4).launchedAt || round.retentionAppliedAt) continue;
    const skemas = await deps.repositories.skemas.listByRound(orgId, round.id);
    const rows = dueFollowThrough(round, skemas, now).map((r) =>
      newDelivery(keyOf(orgId, round.id, r), now),
    );
    if (rows.length) planned += (await deps.deliveries.plan(rows)).created;
  }
  return planned;
}

/** The reminder is no longer due (done meanwhile, or its skema is gone): nothing is sent. */
export class NoLongerDueError extends Error {
  constructor(subject: string | undefined) {
    super(`the follow-through reminder "${subject ?? ''}" is no longer due`);
    this.name = 'NoLongerDueError';
  }
}

/** Renders an outbox row of audience `followup` at send time, from storage as it is now. */
export async function renderFollowThroughReminder(
  ctx: CardContext,
  subject: string | undefined,
): Promise<RenderedCard> {
  const { repositories, round, recipient, locale } = ctx;
  const nameOf = async (email: string): Promise<string> =>
    (await ctx.findPerson(email))?.name ?? email;
  if (subject === 'talks-not-held') {
    const open = (await repositories.skemas.listByLeader(round.orgId, round.id, recipient.email))
      .map((s) => s.value)
      .filter(talkNotHeld);
    if (open.length === 0) throw new NoLongerDueError(subject);
    const names = await Promise.all(open.map((s) => nameOf(s.employeeEmail)));
    return {
      card: talksNotHeldCard({
        locale,
        leaderName: recipient.name,
        roundName: round.name,
        deadline: roundStep(round, 4).deadline,
        employeeNames: names.sort((a, b) => a.localeCompare(b, 'da')),
        tabUrl: tabLink(ctx.links),
        ...(ctx.org.hrContact ? { hrContact: ctx.org.hrContact } : {}),
      }),
      summary: fill(NOTIFICATION_TEXTS.talksStillToHold, { count: open.length })[locale],
    };
  }
  if (subject === 'acknowledge') {
    const skema = await repositories.skemas.get(round.orgId, round.id, recipient.email);
    if (!skema || !acknowledgementOverdue(skema.value, ctx.now) || !skema.value.finalisedAt) {
      throw new NoLongerDueError(subject);
    }
    return {
      card: acknowledgeReminderCard({
        locale,
        employeeName: recipient.name,
        leaderName: await nameOf(skema.value.leaderEmail),
        finalisedAt: skema.value.finalisedAt,
        tabUrl: skemaTabLink(ctx.links, round.id, recipient.email),
      }),
      summary: NOTIFICATION_TEXTS.summaryWaiting[locale],
    };
  }
  const employeeEmail = followThroughEmployee(subject);
  const date = subject?.split(' ')[2];
  const skema = employeeEmail
    ? await repositories.skemas.get(round.orgId, round.id, employeeEmail)
    : undefined;
  if (
    !skema ||
    !employeeEmail ||
    !date ||
    skema.value.followUpDate !== date ||
    skema.value.leaderEmail !== recipient.email
  ) {
    throw new NoLongerDueError(subject);
  }
  const agreements = await repositories.agreements.listForSkema(
    round.orgId,
    round.id,
    employeeEmail,
  );
  const employeeName = await nameOf(employeeEmail);
  return {
    card: followUpReminderCard({
      locale,
      leaderName: recipient.name,
      employeeName,
      date,
      openAgreements: agreements
        .map((a) => a.value)
        .filter((a) => a.status === 'open' || a.status === 'in-progress')
        .map((a) => a.what),
      tabUrl: skemaTabLink(ctx.links, round.id, employeeEmail),
    }),
    summary: fill(NOTIFICATION_TEXTS.followUpWith, { name: employeeName })[locale],
  };
}
