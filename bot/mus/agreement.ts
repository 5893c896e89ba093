import type { Bilingual } from './bilingual.js';
import { isIsoDate } from './round.js';
import { ValidationError, type ValidationIssue } from './errors.js';

export const AGREEMENT_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, Bilingual> = {
  open: { da: 'Åben', en: 'Open' },
  'in-progress': { da: 'I gang', en: 'In progress' },
  done: { da: 'Færdig', en: 'Done' },
  dropped: { da: 'Droppet', en: 'Dropped' },
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
      message: {
        da: `Beskriv aftalen med 1–${AGREEMENT_TEXT_MAX} tegn.`,
        en: `Describe the agreement in 1–${AGREEMENT_TEXT_MAX} characters.`,
      },
    });
  }
  if (!isIsoDate(input.dueDate)) {
    issues.push({
      where: 'dueDate',
      message: { da: 'Fristen skal være en dato.', en: 'The due date must be a date.' },
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
