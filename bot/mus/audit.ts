/** What someone other than the person did with the person's data. */
export type AuditAction = 'skema-opened' | 'data-exported';

export const AUDIT_ACTIONS: readonly AuditAction[] = ['skema-opened', 'data-exported'];

/**
 * One line of a person's audit trail (docs/architecture.md, "Who sees what"): who opened their skema (or exported their data),
 * and when. The trail belongs to the person it is about, who may read it.
 */
export interface AuditEntry {
  orgId: string;
  /** Whose data was read. */
  employeeEmail: string;
  /** Who read it; absent once that person has been erased (the time of the read is kept). */
  viewer?: { email: string; name: string };
  action: AuditAction;
  /** The round of the skema that was opened. */
  roundId?: string;
  /** Why HR exported the person's data (required for an export of someone else's data). */
  reason?: string;
  /** ISO time. */
  at: string;
}

/** How many audit lines the person sees at most (newest first). */
export const AUDIT_LIST_MAX = 200;
