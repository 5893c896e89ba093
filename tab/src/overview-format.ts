import type { EvaluationGroupResult, EvaluationOverview } from './api-types.js';
import { t, tr } from './i18n.js';

/*
 * The small decisions behind HR's overview screen, kept free of the DOM so they can be unit-tested:
 * which state the evaluation is in, the day its results appear, how a group and a department are named.
 */

/** The calendar day after an ISO date (`YYYY-MM-DD`), counted in UTC so no time zone shifts it. */
export function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Date(date.getTime() + 86_400_000).toISOString().slice(0, 10);
}

export type EvaluationState = 'not-launched' | 'collecting' | 'results';

/** Not sent out yet; sent and collecting answers (results hidden); closed, with results. */
export function evaluationState(evaluation: EvaluationOverview): EvaluationState {
  if (!evaluation.launched) return 'not-launched';
  return evaluation.resultsAvailable ? 'results' : 'collecting';
}

/** The first day the evaluation's results are shown: the day after the step-5 deadline. */
export function resultsFrom(evaluation: EvaluationOverview): string {
  return dayAfter(evaluation.resultsFrom);
}

/** A department as HR reads it; skemas sent before departments were kept have none. */
export function departmentName(department: string): string {
  return department || t('unknownDepartment');
}

/** "Øvrige (Drift, HR)" for the merged small departments, else the group's own label. */
export function groupName(group: EvaluationGroupResult): string {
  const label = tr(group.label);
  return group.departments?.length
    ? t('ovGroupMerged', {
        group: label,
        departments: group.departments.map(departmentName).join(', '),
      })
    : label;
}

/** The file name the CSV download is saved under (the server's own name for it). */
export function csvFileName(roundId: string, name = 'mus-overblik'): string {
  return `${name}-${roundId.replace(/[^\w.-]+/g, '-')}.csv`;
}
