import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import { mayPrepare, stepsBeingPrepared } from '../mus/round.js';
import type { DeliveryStore } from './delivery.js';
import { prepareLaunchedStep } from './prepare-step.js';

export interface StepPreparerDeps {
  repositories: Repositories;
  deliveries: DeliveryStore;
  now: () => Date;
  /** This process, as written in the round's lease. */
  owner: string;
  log: Logger;
  /** Lease on a step's work; renewed with every progress write (default 30 s). */
  leaseMs?: number;
  /** New outbox rows or progress for a round: wake the dispatcher, redraw HR's card. */
  onProgress: (orgId: string, roundId: string) => void;
}

/**
 * Runs the background half of step launches in this process: at once for a launch clicked here,
 * and, on a timer, for any launched step whose work nobody holds (a launch on a process that died,
 * or this process's own work after a restart). Two processes never work on the same step at once:
 * the round's lease decides (prepare-step.ts).
 */
export class StepPreparer {
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly deps: StepPreparerDeps) {}

  /** Starts the step's work in the background unless this process is already on it. */
  request(orgId: string, roundId: string, step: StepNumber): void {
    if (this.stopping) return;
    const key = `${orgId}|${roundId}|${step}`;
    if (this.running.has(key)) return;
    const run = prepareLaunchedStep(this.deps, {
      orgId,
      roundId,
      step,
      owner: this.deps.owner,
      leaseMs: this.deps.leaseMs ?? 30_000,
      onProgress: () => this.deps.onProgress(orgId, roundId),
      shouldContinue: () => !this.stopping,
    })
      .then((result) => {
        if (result.outcome === 'prepared') {
          this.deps.log.info({ roundId, step, recipients: result.recipients }, 'step prepared');
        }
        return undefined;
      })
      .catch((error: unknown) => {
        this.deps.log.warn({ err: error, roundId, step }, 'preparing a step failed; will retry');
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
  }

  /** Finds launched steps whose work nobody holds, and takes them on. Returns how many. */
  async sweep(): Promise<number> {
    const now = this.deps.now();
    let started = 0;
    for (const orgId of await this.deps.repositories.organisations.listIds()) {
      for (const round of await this.deps.repositories.rounds.list(orgId)) {
        for (const step of stepsBeingPrepared(round)) {
          if (!mayPrepare(step, this.deps.owner, now)) continue;
          this.request(orgId, round.id, step.step);
          started++;
        }
      }
    }
    return started;
  }

  /** Sweeps now and then every `everyMs`. */
  start(everyMs = 10_000): void {
    const tick = (): void => {
      this.sweep().catch((error: unknown) =>
        this.deps.log.warn({ err: error }, 'looking for steps to prepare failed'),
      );
    };
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  /** Resolves when no work of this process is running (work started meanwhile included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Stops taking work, lets running work hand its lease back, and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.idle();
  }
}
