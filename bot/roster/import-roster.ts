import { ValidationError } from '../mus/errors.js';
import type { PersonRepository, RosterWriteResult } from '../mus/repositories.js';
import { validateRoster, type RosterIssue, type RosterRow } from '../mus/roster-validation.js';
import { ROSTER_TEXTS } from '../../texts/roster.js';
import { fill } from '../../texts/fill.js';

/**
 * Validates a whole roster and, only if every row is valid, writes it: new people are created,
 * changed ones updated in place (keyed by email, so a re-import never duplicates anyone), unchanged
 * ones left alone. People missing from the roster are kept; removing someone is a separate decision.
 *
 * @param sourceIssues problems the reader of the source already found (e.g. a CSV line with too many
 *   fields); they are reported together with the validation's own, and also stop the import.
 * @throws ValidationError listing every problem when anything is wrong; nothing is written then.
 */
export async function importRoster(
  people: PersonRepository,
  orgId: string,
  rows: readonly RosterRow[],
  sourceIssues: readonly RosterIssue[] = [],
): Promise<RosterWriteResult> {
  const result = validateRoster(orgId, rows);
  const issues = [...sourceIssues, ...(result.ok ? [] : result.issues)];
  if (!result.ok || issues.length > 0) {
    throw rosterRejected(issues.sort((a, b) => a.line - b.line));
  }
  return people.upsertRoster(orgId, result.people);
}

/** The error for a rejected roster, its summary counting the problems. */
export function rosterRejected(issues: RosterIssue[]): ValidationError {
  const n = issues.length;
  return new ValidationError(
    issues,
    n === 1
      ? ROSTER_TEXTS.importRoster.notImportedOne
      : fill(ROSTER_TEXTS.importRoster.notImportedMany, { n }),
  );
}
