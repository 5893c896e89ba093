import { SKEMA_STATUS_LABELS } from '../cards/skema-status-labels.js';
import type { Bilingual } from '../mus/bilingual.js';
import type { EvaluationGroupResult } from '../mus/evaluation-results.js';
import { SKEMA_STATUSES } from '../mus/skema.js';
import { csvDocument, danishDecimal, type CsvValue } from './csv.js';
import type { RoundOverview, SkemaCounts } from './round-overview.js';

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

const UNKNOWN_DEPARTMENT: Bilingual = { da: '(ukendt afdeling)', en: '(unknown department)' };

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
    [both({ da: 'MUS-overblik', en: 'MUS overview' }), overview.round.name],
    [both({ da: 'Runde', en: 'Round' }), overview.round.id],
    [both({ da: 'Dannet', en: 'Generated' }), overview.generatedAt],
    [],
    [both({ da: 'Udsendelser pr. trin', en: 'Deliveries per step' })],
    [
      both({ da: 'Trin', en: 'Step' }),
      both({ da: 'Navn', en: 'Name' }),
      both({ da: 'Frist', en: 'Deadline' }),
      both({ da: 'Sat i gang', en: 'Launched' }),
      both({ da: 'Sendt', en: 'Sent' }),
      both({ da: 'Fejlet', en: 'Failed' }),
      both({ da: 'Venter på appen', en: 'Waiting for the app' }),
      both({ da: 'Ikke installeret', en: 'Not installed' }),
      both({ da: 'I kø', en: 'Queued' }),
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
    [both({ da: 'Skemaer pr. afdeling', en: 'Forms per department' })],
    [
      both({ da: 'Afdeling', en: 'Department' }),
      both({ da: 'I alt', en: 'Total' }),
      ...STATUS_HEADERS,
    ],
    ...overview.departments.map((d) => [
      d.department || both(UNKNOWN_DEPARTMENT),
      ...statusCells(d),
    ]),
    [both({ da: 'I alt', en: 'Total' }), ...statusCells(overview.skemas)],
    [],
    [both({ da: 'Skemaer pr. leder', en: 'Forms per leader' })],
    [
      both({ da: 'Leder', en: 'Leader' }),
      both({ da: 'Afdelinger', en: 'Departments' }),
      both({ da: 'Forsinket', en: 'Overdue' }),
      both({ da: 'Samtaler ikke holdt', en: 'Talks not held' }),
      both({ da: 'I alt', en: 'Total' }),
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
    [both({ da: 'Evaluering', en: 'Evaluation' })],
    [both({ da: 'Svar', en: 'Answers' }), overview.evaluation.answers],
    [
      both({ da: 'Resultater vises', en: 'Results shown' }),
      yes(overview.evaluation.resultsAvailable),
    ],
    ...overview.evaluation.withheld.map((w) => [both(w)]),
  ];
  if (overview.evaluation.groups.length) {
    rows.push([
      both({ da: 'Gruppe', en: 'Group' }),
      both({ da: 'Svar', en: 'Answers' }),
      both({ da: 'Udsagn', en: 'Statement' }),
      both({ da: 'Gennemsnit', en: 'Average' }),
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
    rows.push([], [both({ da: 'Kommentarer', en: 'Comments' })]);
    rows.push([both({ da: 'Gruppe', en: 'Group' }), both({ da: 'Kommentar', en: 'Comment' })]);
    for (const g of overview.evaluation.groups) {
      for (const comment of g.comments) rows.push([groupLabel(g), comment]);
    }
  }
  return csvDocument(rows);
}
