import { ConflictError, type Versioned } from '../mus/errors.js';
import type { Repositories } from '../mus/repositories.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import {
  mayPrepare,
  preparationDone,
  roundStep,
  withPreparation,
  type Round,
  type StepPreparation,
} from '../mus/round.js';
import { newDelivery, type DeliveryStore } from './delivery.js';
import { ROLLOUT_STEP_MODULES } from './steps/index.js';

/** Outbox rows planned per write: each chunk is a few 100-row transactions. */
const PLAN_CHUNK = 500;
/** Progress is written to the round at most this often (HR's card reads it). */
const PROGRESS_EVERY_MS = 1_000;

export interface PrepareStepDeps {
  repositories: Repositories;
  deliveries: DeliveryStore;
  now: () => Date;
}

export interface PrepareStepArgs {
  orgId: string;
  roundId: string;
  step: StepNumber;
  /** Who does the work (process id); written as the lease owner on the round. */
  owner: string;
  /** How long the lease lasts without a progress write; another process may take over after. */
  leaseMs: number;
  /** Called after each progress write: new outbox rows exist, HR's card may be redrawn. */
  onProgress?: () => void;
  /** False when the process is stopping: the work hands its lease back at the next progress write. */
  shouldContinue?: () => boolean;
}

export type PrepareOutcome =
  | { outcome: 'prepared'; recipients: number }
  /** Nothing to do: the step is not being prepared (done already, or never launched). */
  | { outcome: 'nothing' }
  /** Another process holds the work (its lease has not run out), or took it over meanwhile. */
  | { outcome: 'held-elsewhere' };

class LeaseLost extends Error {}
class Stopped extends Error {}

/**
 * The background half of a step launch: the step's skemas and group talks (step 3) and one outbox row
 * per recipient. Every write is idempotent (create-if-absent, plan leaves existing rows), so a process
 * that dies half-way is simply followed by another that does it all again; the lease on the round
 * only keeps two processes from doing the same work at once. Progress is written to the round so HR's
 * card can say how far it has come.
 */
export async function prepareLaunchedStep(
  deps: PrepareStepDeps,
  args: PrepareStepArgs,
): Promise<PrepareOutcome> {
  const { rounds, people } = deps.repositories;
  const { orgId, roundId, step, owner } = args;

  // Claim (or renew) the lease with the round's ETag: of two processes, one wins.
  let stored = await rounds.get(orgId, roundId);
  let preparation: StepPreparation = {};
  for (;;) {
    if (!stored) return { outcome: 'nothing' };
    const current = roundStep(stored.value, step);
    if (!current.preparing) return { outcome: 'nothing' };
    if (!mayPrepare(current, owner, deps.now())) return { outcome: 'held-elsewhere' };
    preparation = { ...current.preparing, ...lease(owner, deps.now(), args.leaseMs) };
    try {
      stored = await rounds.update(withPreparation(stored.value, step, preparation), stored.etag);
      break;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      stored = await rounds.get(orgId, roundId);
    }
  }

  let lastWrite = Date.now();
  const report = async (progress: StepPreparation, force = false): Promise<void> => {
    preparation = { ...preparation, ...progress };
    if (args.shouldContinue && !args.shouldContinue()) throw new Stopped();
    if (!force && Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = Date.now();
    stored = await writeProgress(deps, stored!, step, owner, {
      ...preparation,
      ...lease(owner, deps.now(), args.leaseMs),
    });
    args.onProgress?.();
  };

  try {
    const round = stored.value;
    const everyone = await people.list(orgId);
    const module = ROLLOUT_STEP_MODULES[step];
    const recipients = module.recipients(everyone, round);
    const total = recipients.length;
    if (module.prepare) {
      await report({ total, done: 0, phase: 'skemas' }, true);
      await module.prepare(deps.repositories, round, everyone, deps.now(), (done) =>
        report({ done }),
      );
    }
    await report({ total, done: 0, phase: 'cards' }, true);
    const now = deps.now();
    for (let i = 0; i < recipients.length; i += PLAN_CHUNK) {
      const rows = recipients
        .slice(i, i + PLAN_CHUNK)
        .map((r) =>
          newDelivery({ orgId, roundId, step, audience: r.audience, recipientEmail: r.email }, now),
        );
      await deps.deliveries.plan(rows);
      // Each chunk is sendable at once: the dispatcher starts while the rest is planned.
      await report({ done: Math.min(total, i + PLAN_CHUNK) }, true);
    }
    await finish(deps, stored, step);
    args.onProgress?.();
    return { outcome: 'prepared', recipients: total };
  } catch (error) {
    if (error instanceof LeaseLost) return { outcome: 'held-elsewhere' };
    if (error instanceof Stopped) {
      // Hand the lease back so the next process (or this one restarted) goes on at once.
      const progress: StepPreparation = { ...preparation };
      delete progress.leaseOwner;
      delete progress.leaseUntil;
      await writeProgress(deps, stored, step, owner, progress).catch(() => undefined);
      return { outcome: 'held-elsewhere' };
    }
    throw error;
  }
}

function lease(owner: string, now: Date, leaseMs: number): StepPreparation {
  return { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
}

/** Writes progress and a renewed lease; other writes to the round meanwhile are kept. */
async function writeProgress(
  deps: PrepareStepDeps,
  stored: Versioned<Round>,
  step: StepNumber,
  owner: string,
  preparation: StepPreparation,
): Promise<Versioned<Round>> {
  let current: Versioned<Round> | undefined = stored;
  for (;;) {
    if (!current) throw new LeaseLost();
    const here = roundStep(current.value, step).preparing;
    if (!here || (here.leaseOwner && here.leaseOwner !== owner)) throw new LeaseLost();
    try {
      return await deps.repositories.rounds.update(
        withPreparation(current.value, step, preparation),
        current.etag,
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = await deps.repositories.rounds.get(stored.value.orgId, stored.value.id);
    }
  }
}

async function finish(
  deps: PrepareStepDeps,
  stored: Versioned<Round>,
  step: StepNumber,
): Promise<void> {
  let current: Versioned<Round> | undefined = stored;
  for (;;) {
    if (!current || !roundStep(current.value, step).preparing) return;
    try {
      await deps.repositories.rounds.update(
        preparationDone(current.value, step, deps.now()),
        current.etag,
      );
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = await deps.repositories.rounds.get(stored.value.orgId, stored.value.id);
    }
  }
}
