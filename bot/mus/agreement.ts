import type { Bilingual } from './bilingual.js';
import { isIsoDate } from './round.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { STATUS_TEXTS } from '../../texts/status.js';
import { AGREEMENT_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

export const AGREEMENT_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, Bilingual> = {
  open: STATUS_TEXTS.agreement.open,
  'in-progress': STATUS_TEXTS.agreement.inProgress,
  done: STATUS_TEXTS.agreement.done,
  dropped: STATUS_TEXTS.agreement.dropped,
};

/** Something leader and employee agreed in the talk, followed up in the third phase. */
export interface Agreement {
  orgId: string;
  roundId: string;
  employeeEmail: string;
  id: string;
  what: string;
  /** Email of the person who carries it out (the employee or the leader). */
  ownerEmail: string;
  /** ISO date. */
  dueDate: string;
  status: AgreementStatus;
  createdAt: string;
  updatedAt: string;
}

export const AGREEMENT_TEXT_MAX = 1000;

export function agreementIssues(input: { what: string; dueDate: string }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const what = input.what.trim();
  if (!what || what.length > AGREEMENT_TEXT_MAX) {
    issues.push({
      where: 'what',
      message: fill(AGREEMENT_RULE_TEXTS.describeAgreement1Characters, { AGREEMENT_TEXT_MAX }),
    });
  }
  if (!isIsoDate(input.dueDate)) {
    issues.push({
      where: 'dueDate',
      message: AGREEMENT_RULE_TEXTS.dueDateMustBe,
    });
  }
  return issues;
}

export function newAgreement(
  args: Omit<Agreement, 'status' | 'createdAt' | 'updatedAt'> & { now: Date },
): Agreement {
  const issues = agreementIssues(args);
  if (issues.length) throw new ValidationError(issues);
  const now = args.now.toISOString();
  return {
    orgId: args.orgId,
    roundId: args.roundId,
    employeeEmail: args.employeeEmail,
    id: args.id,
    what: args.what.trim(),
    ownerEmail: args.ownerEmail,
    dueDate: args.dueDate,
    status: 'open',
    createdAt: now,
    updatedAt: now,
  };
}

/** Agreements still being worked on; done and dropped ones are no longer followed up. */
export function isOpenAgreement(agreement: Pick<Agreement, 'status'>): boolean {
  return agreement.status === 'open' || agreement.status === 'in-progress';
}

/** The owner of an open agreement is reminded this many days before its due date. */
export const AGREEMENT_REMINDER_DAYS_BEFORE = 7;

const DAY_MS = 86_400_000;

/**
 * Whether the owner should be reminded of `agreement` at `now`: it is still open, and its due date is
 * at most `daysBefore` days away and not yet past (an agreement given a due date inside the window
 * is reminded at once; one long overdue is not chased). Dates are read as UTC days.
 */
export function agreementReminderDue(
  agreement: Pick<Agreement, 'status' | 'dueDate'>,
  now: Date,
  daysBefore = AGREEMENT_REMINDER_DAYS_BEFORE,
): boolean {
  if (!isOpenAgreement(agreement) || !isIsoDate(agreement.dueDate)) return false;
  const due = new Date(`${agreement.dueDate}T00:00:00Z`).getTime();
  const t = now.getTime();
  return t >= due - daysBefore * DAY_MS && t < due + DAY_MS;
}

/** The due dates an agreement reminder run at `now` looks for: today up to `daysBefore` days ahead. */
export function agreementReminderDueRange(
  now: Date,
  daysBefore = AGREEMENT_REMINDER_DAYS_BEFORE,
): { from: string; to: string } {
  return {
    from: now.toISOString().slice(0, 10),
    to: new Date(now.getTime() + daysBefore * DAY_MS).toISOString().slice(0, 10),
  };
}

/**
 * "Opfølgning fra sidst": a read-only copy of an agreement from the previous round, as it stood when
 * the next round's skema was sent. Later changes to the agreement do not touch the copy.
 */
export interface FollowUpItem {
  fromRoundId: string;
  what: string;
  ownerEmail: string;
  dueDate: string;
  status: AgreementStatus;
}

/** The follow-up copy of a previous round's agreements, oldest first. */
export function followUpSnapshot(agreements: readonly Agreement[]): FollowUpItem[] {
  return [...agreements]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((a) => ({
      fromRoundId: a.roundId,
      what: a.what,
      ownerEmail: a.ownerEmail,
      dueDate: a.dueDate,
      status: a.status,
    }));
}
