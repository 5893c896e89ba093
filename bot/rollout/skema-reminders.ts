import type { Repositories } from '../mus/repositories.js';
import { roundStep } from '../mus/round.js';
import { newDelivery, type DeliveryStore } from './delivery.js';

const DAY_MS = 86_400_000;
/** Employees who have not sent their preparation are reminded this long before the step-3 deadline. */
export const REMINDER_DAYS_BEFORE_DEADLINE = 2;

/**
 * Plans one reminder for every employee who has not submitted their skema once the step-3 deadline is
 * two days away. The reminder is an outbox row keyed by the employee, so running this every hour (or
 * on several servers) still reminds each person once, within the same rate limits as the rollout.
 */
export async function planSkemaReminders(
  deps: { repositories: Repositories; deliveries: DeliveryStore },
  orgId: string,
  now: Date,
): Promise<number> {
  let planned = 0;
  for (const round of await deps.repositories.rounds.list(orgId)) {
    const step3 = roundStep(round, 3);
    if (round.closedAt || !step3.launchedAt || roundStep(round, 4).launchedAt) continue;
    const deadline = new Date(`${step3.deadline}T23:59:59Z`).getTime();
    if (
      now.getTime() < deadline - REMINDER_DAYS_BEFORE_DEADLINE * DAY_MS ||
      now.getTime() > deadline
    ) {
      continue;
    }
    const waiting = (await deps.repositories.skemas.listByRound(orgId, round.id)).filter(
      (s) => s.status === 'sent',
    );
    const rows = waiting.map((s) =>
      newDelivery(
        {
          orgId,
          roundId: round.id,
          step: 3,
          audience: 'reminder',
          recipientEmail: s.employeeEmail,
        },
        now,
      ),
    );
    if (rows.length) planned += (await deps.deliveries.plan(rows)).created;
  }
  return planned;
}
