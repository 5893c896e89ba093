import { randomUUID } from 'node:crypto';
import { demand, may } from '../mus/access-rules.js';
import { ConflictError, NotFoundError, RuleError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import { checkLaunch, launchStep, type Round } from '../mus/round.js';
import type { DeliveryStore } from './delivery.js';
import { prepareLaunchedStep } from './prepare-step.js';
import { ROLLOUT_TEXTS } from '../../texts/rollout.js';

export interface LaunchResult {
  round: Versioned<Round>;
  /** True when the step had been launched before (by this or another HR person): nothing new sent. */
  alreadyLaunched: boolean;
  recipients: number;
}

export function roundNotFound(): NotFoundError {
  return new NotFoundError(ROLLOUT_TEXTS.launchStep.roundDoesNotExist);
}

/**
 * HR launches a step: the round records the launch (ETag-guarded, so of two HR people clicking at
 * once, or a click Teams retries, one launches and the other sees it launched) and answers at once.
 * The step's work — skemas, one outbox row per recipient — is done in the background by
 * prepareLaunchedStep (prepare-step.ts), which the caller starts; the launch marks it as to be done,
 * so a process that dies before starting it is followed by another that finds it.
 */
export async function recordStepLaunch(
  deps: { repositories: Repositories; now: () => Date },
  args: { by: Person; roundId: string; step: StepNumber },
): Promise<Omit<LaunchResult, 'recipients'>> {
  demand(may.launchSteps(args.by));
  const orgId = args.by.orgId;
  const { rounds, organisations } = deps.repositories;
  // Step 1 waits for the organisation's core task (checkLaunch says why).
  const org =
    args.step === 1 ? ((await organisations.get(orgId))?.value ?? { coreTask: '' }) : undefined;
  let stored = await rounds.get(orgId, args.roundId);
  for (;;) {
    if (!stored) throw roundNotFound();
    const check = checkLaunch(stored.value, args.step, org);
    if (!check.ok) {
      if (check.alreadyLaunched) return { round: stored, alreadyLaunched: true };
      throw new RuleError(check.reason);
    }
    try {
      const launched = launchStep(stored.value, args.step, args.by.email, deps.now());
      return { round: await rounds.update(launched, stored.etag), alreadyLaunched: false };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone changed the round meanwhile: if they launched this step, ours is the repeat.
      stored = await rounds.get(orgId, args.roundId);
    }
  }
}

/**
 * Launches a step and does its work before returning: for command-line tools, benchmarks and tests
 * that want the outbox filled when the call returns. Card clicks use recordStepLaunch and leave the
 * work to the background (StepPreparer).
 */
export async function launchRolloutStep(
  deps: { repositories: Repositories; deliveries: DeliveryStore; now: () => Date },
  args: { by: Person; roundId: string; step: StepNumber },
): Promise<LaunchResult> {
  const launched = await recordStepLaunch(deps, args);
  if (launched.alreadyLaunched) return { ...launched, recipients: 0 };
  const prepared = await prepareLaunchedStep(deps, {
    orgId: args.by.orgId,
    roundId: args.roundId,
    step: args.step,
    owner: `launch:${randomUUID()}`,
    leaseMs: 60_000,
  });
  const round = (await deps.repositories.rounds.get(args.by.orgId, args.roundId)) ?? launched.round;
  return {
    round,
    alreadyLaunched: false,
    recipients: prepared.outcome === 'prepared' ? prepared.recipients : 0,
  };
}
