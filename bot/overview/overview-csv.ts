import { SKEMA_STATUS_LABELS } from '../cards/skema-status-labels.js';
import type { Bilingual } from '../mus/bilingual.js';
import type { EvaluationGroupResult } from '../mus/evaluation-results.js';
import { SKEMA_STATUSES } from '../mus/skema.js';
import { csvDocument, danishDecimal, type CsvValue } from './csv.js';
import type { RoundOverview, SkemaCounts } from './round-overview.js';
import { OVERVIEW_TEXTS } from '../../texts/overview.js';

/*
 * The overview as a CSV file for HR's own reports: the same figures as GET …/overview, section by
 * section, with headings in Danish and English. Statuses and counts only, never skema contents.
 */

function both(text: Bilingual): string {
  return text.da === text.en ? text.da : `${text.da} / ${text.en}`;
}

function groupLabel(group: EvaluationGroupResult): string {
  return group.departments
    ? `${both(group.label)} (${group.departments.join(', ')})`
    : both(group.label);
}

const UNKNOWN_DEPARTMENT: Bilingual = OVERVIEW_TEXTS.overviewCsv.unknownDepartment;

const STATUS_HEADERS = SKEMA_STATUSES.map((s) => both(SKEMA_STATUS_LABELS[s]));

function statusCells(counts: SkemaCounts): CsvValue[] {
  return [counts.total, ...SKEMA_STATUSES.map((s) => counts.byStatus[s])];
}

function yes(flag: boolean): string {
  return flag ? 'Ja / Yes' : 'Nej / No';
}

/** The overview as CSV text (BOM, `;`, CRLF), ready to send as a download. */
export function overviewCsv(overview: RoundOverview): string {
  const rows: CsvValue[][] = [
    [both(OVERVIEW_TEXTS.overviewCsv.musOverview), overview.round.name],
    [both(OVERVIEW_TEXTS.overviewCsv.round), overview.round.id],
    [both(OVERVIEW_TEXTS.overviewCsv.generated), overview.generatedAt],
    [],
    [both(OVERVIEW_TEXTS.overviewCsv.deliveriesPerStep)],
    [
      both(OVERVIEW_TEXTS.overviewCsv.step),
      both(OVERVIEW_TEXTS.overviewCsv.name),
      both(OVERVIEW_TEXTS.overviewCsv.deadline),
      both(OVERVIEW_TEXTS.overviewCsv.launched),
      both(OVERVIEW_TEXTS.overviewCsv.sent),
      both(OVERVIEW_TEXTS.overviewCsv.failed),
      both(OVERVIEW_TEXTS.overviewCsv.waitingApp),
      both(OVERVIEW_TEXTS.overviewCsv.notInstalled),
      both(OVERVIEW_TEXTS.overviewCsv.queued),
    ],
    ...overview.steps.map((s) => [
      s.step,
      both(s.name),
      s.deadline,
      s.launchedAt,
      s.deliveries.sent,
      s.deliveries.failed,
      s.deliveries.waiting,
      s.deliveries.notInstalled,
      s.deliveries.pending,
    ]),
    [],
    [both(OVERVIEW_TEXTS.overviewCsv.formsPerDepartment)],
    [
      both(OVERVIEW_TEXTS.overviewCsv.department),
      both(OVERVIEW_TEXTS.overviewCsv.total),
      ...STATUS_HEADERS,
    ],
    ...overview.departments.map((d) => [
      d.department || both(UNKNOWN_DEPARTMENT),
      ...statusCells(d),
    ]),
    [both(OVERVIEW_TEXTS.overviewCsv.total), ...statusCells(overview.skemas)],
    [],
    [both(OVERVIEW_TEXTS.overviewCsv.formsPerLeader)],
    [
      both(OVERVIEW_TEXTS.overviewCsv.leader),
      both(OVERVIEW_TEXTS.overviewCsv.departments),
      both(OVERVIEW_TEXTS.overviewCsv.overdue),
      both(OVERVIEW_TEXTS.overviewCsv.talksNotHeld),
      both(OVERVIEW_TEXTS.overviewCsv.total),
      ...STATUS_HEADERS,
    ],
    ...overview.leaders.map((l) => [
      l.leaderEmail,
      l.departments.map((d) => d || both(UNKNOWN_DEPARTMENT)).join(', '),
      yes(l.overdue),
      l.notHeld,
      ...statusCells(l),
    ]),
    [],
    [both(OVERVIEW_TEXTS.overviewCsv.evaluation)],
    [both(OVERVIEW_TEXTS.overviewCsv.answers), overview.evaluation.answers],
    [both(OVERVIEW_TEXTS.overviewCsv.resultsShown), yes(overview.evaluation.resultsAvailable)],
    ...overview.evaluation.withheld.map((w) => [both(w)]),
  ];
  if (overview.evaluation.groups.length) {
    rows.push([
      both(OVERVIEW_TEXTS.overviewCsv.group),
      both(OVERVIEW_TEXTS.overviewCsv.answers),
      both(OVERVIEW_TEXTS.overviewCsv.statement),
      both(OVERVIEW_TEXTS.overviewCsv.average),
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    for (const g of overview.evaluation.groups) {
      for (const s of g.statements) {
        rows.push([
          groupLabel(g),
          g.answers,
          both(s.text),
          danishDecimal(s.average),
          ...s.distribution,
        ]);
      }
    }
    rows.push([], [both(OVERVIEW_TEXTS.overviewCsv.comments)]);
    rows.push([both(OVERVIEW_TEXTS.overviewCsv.group), both(OVERVIEW_TEXTS.overviewCsv.comment)]);
    for (const g of overview.evaluation.groups) {
      for (const comment of g.comments) rows.push([groupLabel(g), comment]);
    }
  }
  return csvDocument(rows);
}
