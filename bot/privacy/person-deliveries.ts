import type { Round } from '../mus/round.js';
import { STEP_NUMBERS } from '../mus/rollout-steps.js';
import { parseAgreementReminderSubject } from '../rollout/agreement-reminders.js';
import type { Delivery, DeliveryStore } from '../rollout/delivery.js';
import { followThroughEmployee } from '../rollout/follow-through-reminders.js';

/**
 * The outbox rows that concern one person: cards addressed to them, and reminders about agreements
 * made in their talks (which go to the agreement's owner, perhaps their leader) or about following
 * up their talk (which go to their leader). Reads every step of
 * every round: export and erasure are rare, and correctness beats speed here.
 */
export async function deliveriesConcerning(
  deliveries: DeliveryStore,
  orgId: string,
  rounds: readonly Pick<Round, 'id'>[],
  email: string,
): Promise<{ addressedTo: Delivery[]; about: Delivery[] }> {
  const addressedTo: Delivery[] = [];
  const about: Delivery[] = [];
  for (const round of rounds) {
    for (const step of STEP_NUMBERS) {
      for (const row of await deliveries.list(orgId, round.id, step)) {
        if (row.recipientEmail === email) addressedTo.push(row);
        else if (
          (row.audience === 'agreement' &&
            parseAgreementReminderSubject(row.subject)?.employeeEmail === email) ||
          (row.audience === 'followup' && followThroughEmployee(row.subject) === email)
        ) {
          about.push(row);
        }
      }
    }
  }
  return { addressedTo, about };
}
