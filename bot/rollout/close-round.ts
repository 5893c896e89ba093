import { demand, may } from '../mus/access-rules.js';
import { ConflictError, RuleError, type Versioned } from '../mus/errors.js';
import { evaluationWindow, MIN_GROUP_SIZE } from '../mus/evaluation.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import { closeRound, type Round } from '../mus/round.js';
import { roundNotFound } from './launch-step.js';
import { ROLLOUT_TEXTS } from '../../texts/rollout.js';
import { fill } from '../../texts/fill.js';

/**
 * Closing a round closes its evaluation. Before the evaluation's deadline HR may close it only once
 * at least MIN_GROUP_SIZE have answered: otherwise HR could close it right after answers of their
 * choosing (their own, or a few they know) and read the rest by difference.
 */
async function refuseEarlyCloseOfSmallEvaluation(
  deps: { repositories: Pick<Repositories, 'evaluations'>; now: () => Date },
  round: Round,
): Promise<void> {
  if (!evaluationWindow(round, deps.now()).open) return;
  const answers = await deps.repositories.evaluations.countAnswers(round.orgId, round.id);
  if (answers >= MIN_GROUP_SIZE) return;
  throw new RuleError(fill(ROLLOUT_TEXTS.closeRound.tooFewAnswers, { min: MIN_GROUP_SIZE }));
}

/**
 * HR closes a round: no step can be launched any more, and the organisation's retention period
 * starts (after it, the retention job removes the round's talk notes and answers). Closing a closed
 * round changes nothing, so a repeated click or request is harmless.
 */
export async function closeRoundBy(
  deps: { repositories: Pick<Repositories, 'rounds' | 'evaluations'>; now: () => Date },
  args: { by: Person; roundId: string },
): Promise<{ round: Versioned<Round>; alreadyClosed: boolean }> {
  demand(may.manageRounds(args.by));
  for (;;) {
    const stored = await deps.repositories.rounds.get(args.by.orgId, args.roundId);
    if (!stored) throw roundNotFound();
    if (stored.value.closedAt) return { round: stored, alreadyClosed: true };
    await refuseEarlyCloseOfSmallEvaluation(deps, stored.value);
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
