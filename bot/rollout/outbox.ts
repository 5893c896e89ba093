import type { Skema } from '../mus/skema.js';
import { newDelivery, type Delivery, type DeliveryStore } from './delivery.js';

/**
 * The rollout's outbox as its writers see it: rows are planned into the durable store, and the
 * dispatcher is told there is work. It is built before the skema use cases (a finalised talk queues
 * the employee's summary card here) and before the dispatcher (which listens for wakes), so neither
 * has to be bound to the other after the fact.
 */
export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly store: DeliveryStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the rows (create-if-absent: a row planned twice is written once) and wakes the dispatcher. */
  async plan(rows: Delivery[]): Promise<{ created: number; existing: number }> {
    const planned = await this.store.plan(rows);
    this.wake();
    return planned;
  }

  /** Tells whoever sends the rows that there may be new work (after a launch, a resend, a reminder). */
  wake(): void {
    for (const listener of this.listeners) listener();
  }

  /** The dispatcher listens here; the returned function stops listening. */
  onWake(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues the card that asks the employee to acknowledge their finalised talk (step 4's summary). */
  async queueSummaryCard(skema: Skema): Promise<void> {
    const row = newDelivery(
      {
        orgId: skema.orgId,
        roundId: skema.roundId,
        step: 4,
        audience: 'summary',
        recipientEmail: skema.employeeEmail,
      },
      this.now(),
    );
    await this.plan([row]);
  }
}
