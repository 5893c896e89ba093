import { demand, may } from '../mus/access-rules.js';
import { ConflictError, NotFoundError, RuleError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import { checkLaunch, launchStep, type Round } from '../mus/round.js';
import { newDelivery, type DeliveryStore } from './delivery.js';
import { ROLLOUT_STEP_MODULES } from './steps/index.js';

export interface LaunchResult {
  round: Versioned<Round>;
  /** True when the step had been launched before (by this or another HR person): nothing new sent. */
  alreadyLaunched: boolean;
  recipients: number;
}

export function roundNotFound(): NotFoundError {
  return new NotFoundError({ da: 'Runden findes ikke.', en: 'The round does not exist.' });
}

/**
 * HR launches a step: the step's recipients get one outbox row each, then the round records the
 * launch. Rows are keyed by recipient, so a repeated launch, two HR people clicking at once, or a
 * retry after a crash between the two writes never sends a card twice.
 */
export async function launchRolloutStep(
  deps: { repositories: Repositories; deliveries: DeliveryStore; now: () => Date },
  args: { by: Person; roundId: string; step: StepNumber },
): Promise<LaunchResult> {
  demand(may.launchSteps(args.by));
  const orgId = args.by.orgId;
  const { rounds, people } = deps.repositories;
  let stored = await rounds.get(orgId, args.roundId);
  if (!stored) throw roundNotFound();
  const check = checkLaunch(stored.value, args.step);
  if (!check.ok) {
    if (check.alreadyLaunched) return { round: stored, alreadyLaunched: true, recipients: 0 };
    throw new RuleError(check.reason);
  }

  const now = deps.now();
  const everyone = await people.list(orgId);
  const module = ROLLOUT_STEP_MODULES[args.step];
  await module.prepare?.(deps.repositories, stored.value, everyone, now);
  const rows = module.recipients(everyone, stored.value).map((r) =>
    newDelivery(
      {
        orgId,
        roundId: args.roundId,
        step: args.step,
        audience: r.audience,
        recipientEmail: r.email,
      },
      now,
    ),
  );
  await deps.deliveries.plan(rows);

  for (;;) {
    try {
      const launched = launchStep(stored.value, args.step, args.by.email, now);
      const round = await rounds.update(launched, stored.etag);
      return { round, alreadyLaunched: false, recipients: rows.length };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone changed the round meanwhile: if they launched this step, ours is the repeat.
      stored = await rounds.get(orgId, args.roundId);
      if (!stored) throw roundNotFound();
      const again = checkLaunch(stored.value, args.step);
      if (!again.ok && again.alreadyLaunched) {
        return { round: stored, alreadyLaunched: true, recipients: 0 };
      }
      if (!again.ok) throw new RuleError(again.reason);
    }
  }
}
