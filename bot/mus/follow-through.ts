import { roundStep, type Round } from './round.js';
import type { Skema } from './skema.js';

/*
 * The round's follow-through after the talks (the method's third phase, "Opsamling og
 * opfølgning"): who is reminded of what, and when. Pure rules; the planner turns them into outbox
 * rows (bot/rollout/follow-through-reminders.ts), each sent once.
 */

/** An employee who has not acknowledged their summary this many days after it was finalised. */
export const ACKNOWLEDGE_AFTER_DAYS = 7;
/** A follow-up date is still reminded this many days late (the server was down on the day). */
export const FOLLOW_UP_LATE_DAYS = 3;

const DAY_MS = 86_400_000;

export type FollowThroughReminder =
  /** The leader has talks not held when the talks' deadline (step 4) has passed. */
  | { kind: 'talks-not-held'; leaderEmail: string }
  /** The employee has not acknowledged the summary a week after the leader finalised it. */
  | { kind: 'acknowledge'; employeeEmail: string }
  /** The follow-up date the leader set when finalising has come. */
  | { kind: 'follow-up'; leaderEmail: string; employeeEmail: string; date: string };

/** A talk that has not been held yet: the employee may have prepared, the leader has not started. */
export function talkNotHeld(skema: Pick<Skema, 'status'>): boolean {
  return skema.status === 'sent' || skema.status === 'prepared';
}

/** The summary waits for the employee's acknowledgement, and has done so for a week. */
export function acknowledgementOverdue(
  skema: Pick<Skema, 'status' | 'finalisedAt'>,
  now: Date,
): boolean {
  if (skema.status !== 'finalised' || !skema.finalisedAt) return false;
  return now.getTime() - Date.parse(skema.finalisedAt) >= ACKNOWLEDGE_AFTER_DAYS * DAY_MS;
}

/** The follow-up date is today, or was in the last few days. */
export function followUpDue(skema: Pick<Skema, 'followUpDate' | 'status'>, now: Date): boolean {
  if (!skema.followUpDate || (skema.status !== 'finalised' && skema.status !== 'acknowledged')) {
    return false;
  }
  const today = now.toISOString().slice(0, 10);
  const latest = new Date(now.getTime() - FOLLOW_UP_LATE_DAYS * DAY_MS).toISOString().slice(0, 10);
  return skema.followUpDate <= today && skema.followUpDate >= latest;
}

/** Whether the talks' deadline (the end of step 4's deadline day) has passed. */
export function talksDeadlinePassed(round: Pick<Round, 'steps'>, now: Date): boolean {
  const step4 = roundStep(round, 4);
  return now.getTime() > Date.parse(`${step4.deadline}T23:59:59Z`);
}

/**
 * The reminders due in a round at `now`. Talks are reminded only while the round is open; a summary
 * and a follow-up date also after it is closed (closing ends the rollout, not the follow-up).
 */
export function dueFollowThrough(
  round: Pick<Round, 'steps' | 'closedAt'>,
  skemas: readonly Skema[],
  now: Date,
): FollowThroughReminder[] {
  if (!roundStep(round, 4).launchedAt) return [];
  const due: FollowThroughReminder[] = [];
  if (!round.closedAt && talksDeadlinePassed(round, now)) {
    const leaders = new Set(skemas.filter(talkNotHeld).map((s) => s.leaderEmail));
    for (const leaderEmail of leaders) due.push({ kind: 'talks-not-held', leaderEmail });
  }
  for (const skema of skemas) {
    if (acknowledgementOverdue(skema, now)) {
      due.push({ kind: 'acknowledge', employeeEmail: skema.employeeEmail });
    }
    if (followUpDue(skema, now) && skema.followUpDate) {
      due.push({
        kind: 'follow-up',
        leaderEmail: skema.leaderEmail,
        employeeEmail: skema.employeeEmail,
        date: skema.followUpDate,
      });
    }
  }
  return due;
}
