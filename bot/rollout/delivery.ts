import type { Bilingual } from '../mus/bilingual.js';
import type { Versioned } from '../mus/errors.js';
import type { StepNumber } from '../mus/rollout-steps.js';

/**
 * One card for one person, as a row of the durable outbox. Launching a step writes one row per
 * recipient; the dispatcher claims rows with ETag-guarded leases, sends, and records the outcome.
 */
export type DeliveryStatus =
  | 'pending'
  | 'sending'
  | 'sent'
  | 'failed'
  /**
   * The bot cannot reach the recipient yet (they do not have the app, or Teams has not told us who
   * they are): not a failure. The row is tried again by itself (wakeWaiting) until the step's
   * deadline, and at once when HR asks.
   */
  | 'waiting'
  /** Given up: the recipient blocked the app, or still could not be reached at the step's deadline. */
  | 'not-installed';

/**
 * Which card a recipient gets in a step (a person who leads and is led gets both in step 4). A
 * `summary` row of step 4 asks an employee to acknowledge their finalised talk; an `agreement` row
 * reminds an agreement's owner that its due date is near (one row per agreement and due date); a
 * `followup` row is one of the round's follow-through reminders (talks overdue, a summary not
 * acknowledged, the follow-up date: bot/rollout/follow-through-reminders.ts). A `briefing` row tells a
 * leader about a step whose own cards go to their employees (step 3: the skemas went out in their
 * name); like reminders it is not counted as the step's progress.
 */
export type DeliveryAudience =
  'leader' | 'employee' | 'reminder' | 'summary' | 'agreement' | 'followup' | 'briefing';

export const DELIVERY_AUDIENCES: readonly DeliveryAudience[] = [
  'leader',
  'employee',
  'reminder',
  'summary',
  'agreement',
  'followup',
  'briefing',
];

export interface DeliveryKey {
  orgId: string;
  roundId: string;
  step: StepNumber;
  audience: DeliveryAudience;
  recipientEmail: string;
  /**
   * What the card is about, when one recipient may get several cards of one audience (an agreement
   * reminder per agreement and due date). Part of the row's key, so each subject is sent once.
   */
  subject?: string;
}

export interface Delivery extends DeliveryKey {
  status: DeliveryStatus;
  attempts: number;
  /** ISO time before which the row is not tried (backoff, Retry-After). */
  notBefore: string;
  /** Which dispatcher holds the row while `sending`, and until when. */
  leaseOwner?: string;
  leaseUntil?: string;
  /** The sent card's activity and conversation, so it can be updated later. */
  activityId?: string;
  conversationId?: string;
  /** Last failure, readable by HR. */
  lastError?: { status: number; reason: Bilingual; code: string };
  createdAt: string;
  updatedAt: string;
}

export interface StepCounts {
  sent: number;
  pending: number;
  failed: number;
  /** Venter på appen: not reachable yet, tried again by themselves until the deadline. */
  waiting: number;
  notInstalled: number;
}

/** The statuses HR can send a step's cards again to, each a group of its own on the round card. */
export type ResendableStatus = 'failed' | 'waiting' | 'not-installed';

export function newDelivery(key: DeliveryKey, now: Date): Delivery {
  const iso = now.toISOString();
  return { ...key, status: 'pending', attempts: 0, notBefore: iso, createdAt: iso, updatedAt: iso };
}

export interface ClaimOptions {
  /** Claim only these tenants' rows (the ones whose tenant lease this process holds). */
  orgIds?: ReadonlySet<string>;
}

/** The outbox's storage, in the rollout's own words. */
export interface DeliveryStore {
  /** Writes rows that do not exist yet; existing rows (already planned or sent) are left alone. */
  plan(deliveries: Delivery[]): Promise<{ created: number; existing: number }>;
  /**
   * Claims up to `max` rows that are due (pending and not before `now`, or `sending` with an expired
   * lease, i.e. a crashed dispatcher's) by writing a lease with the row's ETag; a row another process
   * claimed first is skipped. Returns the claimed rows with their new ETags.
   */
  claimDue(
    owner: string,
    now: Date,
    leaseMs: number,
    max: number,
    options?: ClaimOptions,
  ): Promise<Versioned<Delivery>[]>;
  /** The tenants (org ids) with steps that may still have unfinished rows. */
  activeOrgIds(): Promise<string[]>;
  /** Writes the outcome of a claimed row; ConflictError if the lease was lost meanwhile. */
  save(delivery: Delivery, etag: string): Promise<Versioned<Delivery>>;
  /**
   * The step's own cards (audiences leader and employee) by status, a lease (`sending`) counted as
   * pending; reminders, summaries and agreement reminders are not counted. Read on every page view
   * of HR's overview, so the table keeps counters instead of reading the step's rows.
   */
  counts(orgId: string, roundId: string, step: StepNumber): Promise<StepCounts>;
  /**
   * Moves a step's rows of one status: back to pending (HR's resend to a group, or the periodic
   * retry of those waiting for the app), or waiting → not-installed at the step's deadline. Returns
   * how many moved; rows changed meanwhile by someone else are left as they are.
   */
  moveStatus(
    orgId: string,
    roundId: string,
    step: StepNumber,
    from: ResendableStatus,
    to: 'pending' | 'not-installed',
    now: Date,
  ): Promise<number>;
  /** When the earliest unfinished row becomes due (backoff or lease expiry); undefined if none. */
  nextDueAt(): Promise<Date | undefined>;
  /** All rows of a step, for tests, progress and status. */
  list(orgId: string, roundId: string, step: StepNumber): Promise<Delivery[]>;
  /**
   * How a few people's cards of one step and audience fared (a leader's team), by e-mail; people
   * without a row are left out. Point reads: never a listing of the whole step.
   */
  statusesOf(
    key: Omit<DeliveryKey, 'recipientEmail' | 'subject'>,
    emails: readonly string[],
  ): Promise<Map<string, DeliveryStatus>>;
  /** Erasure: removes these rows, whatever their status; returns how many existed. */
  remove(keys: DeliveryKey[]): Promise<number>;
}

/** What one send attempt came to; the Bot Framework transport's outcome has this shape. */
export type DeliveryOutcome =
  | { ok: true; activityId: string; conversationId: string }
  | {
      ok: false;
      /** HTTP status, 0 when no answer came. */
      status: number;
      retryAfterSeconds?: number;
      /** True when trying again cannot help. */
      permanent: boolean;
      reasonText: Bilingual;
      code: string;
    };
