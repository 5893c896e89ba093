import type { Repositories } from '../mus/repositories.js';
import type { DeliveryStore } from './delivery.js';

/** End of a step's deadline day, in UTC: the last moment a waiting card is still tried. */
function deadlinePassed(deadline: string, now: Date): boolean {
  return now.toISOString().slice(0, 10) > deadline;
}

/**
 * Cards waiting for the app ("venter på appen") are tried again: each launched step of each open
 * round puts its waiting rows back in the queue while its deadline has not passed; after the deadline
 * they are given up as not installed, so HR's counts say what happened. A person the bot has come
 * to know meanwhile (personal install, team roster, Entra object id) then gets the card by themselves.
 * Returns how many rows were put back in the queue.
 */
export async function wakeWaitingCards(
  deps: { repositories: Repositories; deliveries: DeliveryStore },
  orgId: string,
  now: Date,
): Promise<number> {
  let woken = 0;
  for (const round of await deps.repositories.rounds.list(orgId)) {
    if (round.closedAt) continue;
    for (const step of round.steps) {
      if (!step.launchedAt) continue;
      if (deadlinePassed(step.deadline, now)) {
        await deps.deliveries.moveStatus(
          orgId,
          round.id,
          step.step,
          'waiting',
          'not-installed',
          now,
        );
      } else {
        woken += await deps.deliveries.moveStatus(
          orgId,
          round.id,
          step.step,
          'waiting',
          'pending',
          now,
        );
      }
    }
  }
  return woken;
}
