import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';
import type { Skema } from '../mus/skema.js';
import type { DeliveryStore } from '../rollout/delivery.js';

/**
 * What the skema's use cases need: storage, a clock, ids, and the hook the bot uses to ask the
 * employee to acknowledge a finalised talk. Built once at start-up and passed to every use case.
 */
export interface SkemaServices {
  repositories: Pick<
    Repositories,
    | 'organisations'
    | 'people'
    | 'rounds'
    | 'skemas'
    | 'privateNotes'
    | 'agreements'
    | 'audit'
    | 'evaluations'
  >;
  now: () => Date;
  newId: () => string;
  /**
   * Called once after a skema is stored as finalised (the bot sends the employee the summary to
   * acknowledge). Its failure is logged, not reported: the talk is finalised either way.
   */
  onFinalised: (skema: Skema) => Promise<void>;
  /**
   * How the step-3 cards with some employees' skemas fared (the outbox), so a leader's team list says
   * "Venter på appen" or "Ikke leveret endnu" rather than "Sendt" for a skema nobody has. Absent
   * where there is no outbox: the list then says what the skema's status says.
   */
  skemaDeliveries?: Pick<DeliveryStore, 'statusesOf'>;
  log: Logger;
}

/** Fills in the defaults: the real clock, random ids and no finalise hook. */
export function createSkemaServices(
  deps: Pick<SkemaServices, 'repositories' | 'log'> & Partial<SkemaServices>,
): SkemaServices {
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    onFinalised: () => Promise.resolve(),
    ...deps,
  };
}
