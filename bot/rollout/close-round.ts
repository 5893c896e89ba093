import { demand, may } from '../mus/access-rules.js';
import { ConflictError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import { closeRound, type Round } from '../mus/round.js';
import { roundNotFound } from './launch-step.js';

/**
 * HR closes a round: no step can be launched any more, and the organisation's retention period
 * starts (after it, the retention job removes the round's talk notes and answers). Closing a closed
 * round changes nothing, so a repeated click or request is harmless.
 */
export async function closeRoundBy(
  deps: { repositories: Pick<Repositories, 'rounds'>; now: () => Date },
  args: { by: Person; roundId: string },
): Promise<{ round: Versioned<Round>; alreadyClosed: boolean }> {
  demand(may.manageRounds(args.by));
  for (;;) {
    const stored = await deps.repositories.rounds.get(args.by.orgId, args.roundId);
    if (!stored) throw roundNotFound();
    if (stored.value.closedAt) return { round: stored, alreadyClosed: true };
    try {
      const round = await deps.repositories.rounds.update(
        closeRound(stored.value, deps.now()),
        stored.etag,
      );
      return { round, alreadyClosed: false };
    } catch (error) {
      // Someone changed the round meanwhile (a launch, the card's message id): read it again.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
