import { EVALUATION_SCALE } from '../../../bot/mus/evaluation.js';
import { SKEMA_STATUSES } from '../../../bot/mus/skema.js';
import { ApiError, userMessage } from '../api-client.js';
import type {
  EvaluationGroupResult,
  EvaluationOverview,
  LeaderOverview,
  RoundOverview,
  SkemaCounts,
  StepOverview,
} from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace, setText, uid } from '../dom.js';
import { formatClock, formatDate, formatNumber, t, tr, type TextKey } from '../i18n.js';
import {
  csvFileName,
  departmentName,
  evaluationState,
  groupName,
  resultsFrom,
} from '../overview-format.js';
import { saveFile } from '../save-file.js';
import { statusLabel } from './skema-parts.js';

/*
 * HR's overview of a round (docs/architecture.md): how far each of the five steps' cards got, how far the
 * talks are per department and per leader (overdue leaders first, marked in words and with an icon,
 * not by colour alone), and the evaluation as far as it may be shown. The server sends statuses and
 * counts only and refuses anyone but HR; this view asks for nothing else.
 */

type Cell = Node | string;

/** A table with a caption, column headers and rows whose first cell heads the row. */
function table(
  className: string,
  caption: Cell,
  columns: string[],
  rows: HTMLTableRowElement[],
  foot?: HTMLTableRowElement,
): HTMLElement {
  const captionId = uid('caption');
  // A table wider than the side panel scrolls sideways: the keyboard must be able to reach it too.
  return h(
    'div',
    { className: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': captionId },
    h(
      'table',
      { className: `data ${className}` },
      h('caption', { id: captionId }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...columns.map((c, i) => h('th', { scope: 'col', className: i ? 'num' : '' }, c)),
        ),
      ),
      h('tbody', {}, ...rows),
      foot && h('tfoot', {}, foot),
    ),
  );
}

function num(value: number, decimals = 0): HTMLTableCellElement {
  return h('td', { className: 'num' }, formatNumber(value, decimals));
}

const STATUS_COLUMNS = (): string[] => SKEMA_STATUSES.map((s) => statusLabel(s));

function statusCells(counts: SkemaCounts): HTMLTableCellElement[] {
  return [num(counts.total), ...SKEMA_STATUSES.map((s) => num(counts.byStatus[s]))];
}

function stepsBlock(steps: StepOverview[]): HTMLElement {
  const headingId = uid('ov-steps');
  const rows = steps.map((s) =>
    h(
      'tr',
      { 'data-step': s.step, 'data-launched': String(Boolean(s.launchedAt)) },
      h('th', { scope: 'row' }, t('ovStepName', { step: String(s.step), name: tr(s.name) })),
      h('td', { className: 'num' }, formatDate(s.deadline)),
      h(
        'td',
        { className: 'num' },
        s.launchedAt
          ? formatDate(s.launchedAt)
          : h('span', { className: 'muted' }, t('ovNotLaunched')),
      ),
      num(s.deliveries.sent),
      num(s.deliveries.pending),
      h(
        'td',
        { className: s.deliveries.failed ? 'num attention' : 'num' },
        formatNumber(s.deliveries.failed),
      ),
      num(s.deliveries.waiting),
      num(s.deliveries.notInstalled),
    ),
  );
  return h(
    'section',
    { className: 'ov-block', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, t('ovStepsHeading')),
    table(
      'steps',
      t('ovStepsCaption'),
      [
        t('colStep'),
        t('colDeadline'),
        t('colLaunched'),
        t('colSent'),
        t('colPending'),
        t('colFailed'),
        t('colWaiting'),
        t('colNotInstalled'),
      ],
      rows,
    ),
    h('p', { className: 'muted' }, t('ovStepsHelp')),
  );
}

/** The leader's name cell: overdue is said in words and with an icon, not by colour alone. */
function leaderCell(leader: LeaderOverview): HTMLTableCellElement {
  return h(
    'th',
    { scope: 'row' },
    leader.overdue && h('span', { className: 'overdue-icon', 'aria-hidden': 'true' }, '⚠'),
    leader.overdue && ' ',
    leader.leaderEmail,
    leader.overdue && ' ',
    leader.overdue && h('span', { className: 'badge overdue-badge' }, t('ovOverdue')),
  );
}

function talksBlock(overview: RoundOverview): HTMLElement {
  const headingId = uid('ov-talks');
  const talksDeadline = overview.steps.find((s) => s.step === 4)?.deadline;
  const { skemas } = overview;
  const held = skemas.total - skemas.byStatus.sent - skemas.byStatus.prepared;
  const head = [
    h('h3', { id: headingId }, t('ovTalksHeading')),
    talksDeadline &&
      skemas.total > 0 &&
      h(
        'p',
        {},
        t('ovTalksDue', {
          date: formatDate(talksDeadline),
          held: formatNumber(held),
          total: formatNumber(skemas.total),
        }),
      ),
  ];
  if (skemas.total === 0) {
    return h(
      'section',
      { className: 'ov-block', 'aria-labelledby': headingId },
      ...head,
      h('p', { className: 'muted' }, t('ovNoSkemas')),
    );
  }

  const departments = overview.departments.map((d) =>
    h(
      'tr',
      { 'data-department': d.department },
      h('th', { scope: 'row' }, departmentName(d.department)),
      ...statusCells(d),
    ),
  );
  const total = h(
    'tr',
    { className: 'total' },
    h('th', { scope: 'row' }, t('ovAllDepartments')),
    ...statusCells(skemas),
  );
  const leaders = overview.leaders.map((l) =>
    h(
      'tr',
      {
        'data-leader': l.leaderEmail,
        'data-overdue': String(l.overdue),
        className: l.overdue ? 'overdue' : '',
      },
      leaderCell(l),
      h('td', {}, l.departments.map(departmentName).join(', ')),
      num(l.notHeld),
      ...statusCells(l),
    ),
  );
  const overdueKey: TextKey = overview.overdueLeaders === 1 ? 'ovOverdueOne' : 'ovOverdueMany';
  return h(
    'section',
    { className: 'ov-block', 'aria-labelledby': headingId },
    ...head,
    overview.overdueLeaders > 0 &&
      h(
        'p',
        { className: 'warning', 'data-overdue-count': overview.overdueLeaders },
        h('span', { className: 'overdue-icon', 'aria-hidden': 'true' }, '⚠'),
        ' ',
        t(overdueKey, {
          count: formatNumber(overview.overdueLeaders),
          date: talksDeadline ? formatDate(talksDeadline) : '',
        }),
      ),
    table(
      'departments',
      t('ovDepartmentsCaption'),
      [t('colDepartment'), t('colTotal'), ...STATUS_COLUMNS()],
      departments,
      total,
    ),
    table(
      'leaders',
      t('ovLeadersCaption'),
      [t('colLeader'), t('colDepartments'), t('colNotHeld'), t('colTotal'), ...STATUS_COLUMNS()],
      leaders,
    ),
  );
}

function groupBlock(group: EvaluationGroupResult, withComments: boolean): HTMLElement {
  const name = groupName(group);
  const headingId = uid('ov-group');
  const rows = group.statements.map((s) =>
    h(
      'tr',
      { 'data-statement': s.statementId },
      h('th', { scope: 'row' }, tr(s.text)),
      s.average === null ? h('td', { className: 'num muted' }, t('ovNoScore')) : num(s.average, 2),
      ...s.distribution.map((n) => num(n)),
    ),
  );
  return h(
    'section',
    {
      className: 'eval-group',
      'aria-labelledby': headingId,
      'data-group': group.department ?? group.kind,
    },
    h(
      'h4',
      { id: headingId },
      t('ovGroupHeading', { group: name, count: formatNumber(group.answers) }),
    ),
    table(
      'statements',
      h('span', { className: 'visually-hidden' }, t('ovStatementsCaption', { group: name })),
      [
        t('colStatement'),
        t('colAverage'),
        ...EVALUATION_SCALE.map((label, i) =>
          t('colScore', { score: String(i + 1), label: tr(label) }),
        ),
      ],
      rows,
    ),
    !withComments
      ? false
      : group.comments.length
        ? h(
            'details',
            { className: 'comments' },
            h('summary', {}, t('ovComments', { count: formatNumber(group.comments.length) })),
            h('ul', {}, ...group.comments.map((c) => h('li', { className: 'user-text' }, c))),
          )
        : h('p', { className: 'muted' }, t('ovNoComments')),
  );
}

/**
 * The evaluation as far as it may be shown. HR sees the comments; a leader sees the same groups
 * for their own unit without them (`withComments` false: the server sends none).
 */
export function evaluationBlock(
  evaluation: EvaluationOverview,
  options: { withComments: boolean; heading?: string } = { withComments: true },
): HTMLElement {
  const headingId = uid('ov-eval');
  const state = evaluationState(evaluation);
  const from = formatDate(resultsFrom(evaluation));
  const count = formatNumber(evaluation.answers);
  const parts: (Node | false)[] = [];
  if (state === 'not-launched') {
    parts.push(h('p', {}, t('ovEvalNotLaunched', { date: from })));
  } else if (state === 'collecting') {
    // The server's own reason for now ("shown once the deadline has passed") says less than this.
    parts.push(
      h('p', {}, t('ovEvalAnswers', { count })),
      h('p', {}, t('ovEvalWaiting', { date: from })),
    );
  } else {
    parts.push(
      h('p', {}, t('ovEvalAnswersFinal', { count })),
      evaluation.answers === 0 && h('p', { className: 'muted' }, t('ovEvalNoAnswers')),
      evaluation.withheld.length > 0 &&
        h(
          'div',
          { className: 'notice withheld' },
          h('p', { className: 'notice-title' }, t('ovWithheld')),
          h('ul', {}, ...evaluation.withheld.map((w) => h('li', {}, tr(w)))),
        ),
      ...evaluation.groups.map((g) => groupBlock(g, options.withComments)),
    );
  }
  return h(
    'section',
    { className: 'ov-block evaluation', 'aria-labelledby': headingId, 'data-state': state },
    h('h3', { id: headingId }, options.heading ?? t('ovEvalHeading')),
    ...parts,
    state !== 'not-launched' &&
      h('p', { className: 'muted' }, t('ovEvalPrivacy', { min: String(evaluation.minGroupSize) })),
  );
}

/** Everything the overview shows of one round, once it has arrived. */
function overviewBody(overview: RoundOverview): Node[] {
  return [
    overview.round.closedAt
      ? h(
          'p',
          { className: 'notice' },
          t('ovRoundClosed', { date: formatDate(overview.round.closedAt) }),
        )
      : false,
    stepsBlock(overview.steps),
    talksBlock(overview),
    evaluationBlock(overview.evaluation),
  ].filter((n): n is HTMLElement => n !== false);
}

/**
 * HR's overview section on the home screen. `first` is the overview already on its way (fetched
 * alongside the rest of the screen); "Opdatér" fetches it again.
 */
export function hrOverviewSection(
  env: AppEnv,
  roundId: string,
  first: Promise<RoundOverview>,
): HTMLElement {
  const headingId = uid('hr');
  const body = h('div', { className: 'ov-body' });
  const updated = h('p', { className: 'muted ov-updated' });
  const csvStatus = h('span', { className: 'muted', role: 'status' });

  const download = (
    label: string,
    fetchFile: () => Promise<Blob>,
    fileName: string,
    kind: string,
  ) => {
    const downloadButton: HTMLButtonElement = button(
      label,
      async () => {
        downloadButton.disabled = true;
        setText(csvStatus, t('ovCsvBusy'));
        try {
          saveFile(await fetchFile(), fileName);
          setText(csvStatus, t('ovCsvDone'));
        } catch (error) {
          setText(csvStatus, '');
          env.showError(error);
        } finally {
          downloadButton.disabled = false;
        }
      },
      { className: kind, 'aria-describedby': `${headingId}-csv-hint` },
    );
    return downloadButton;
  };
  const csvButton = download(
    t('ovCsv'),
    () => env.api.overviewCsv(roundId),
    csvFileName(roundId),
    'primary',
  );
  const talksButton = download(
    t('ovTalksCsv'),
    () => env.api.talksCsv(roundId),
    csvFileName(roundId, 'mus-samtaler'),
    'secondary',
  );
  const refreshButton = button(t('ovRefresh'), () => load(env.api.overview(roundId), true), {
    className: 'secondary',
  });
  const toolbar = h(
    'div',
    { className: 'actions ov-actions' },
    csvButton,
    talksButton,
    refreshButton,
    csvStatus,
  );

  const section = h(
    'section',
    { className: 'card hr-overview', 'aria-labelledby': headingId, 'data-view': 'hr-overview' },
    h('h2', { id: headingId }, t('ovHeading')),
    h('p', {}, t('ovIntro')),
    toolbar,
    h('p', { className: 'muted', id: `${headingId}-csv-hint` }, t('ovCsvHint')),
    updated,
    body,
  );

  async function load(pending: Promise<RoundOverview>, announce: boolean): Promise<void> {
    section.setAttribute('aria-busy', 'true');
    refreshButton.disabled = true;
    replace(body, h('p', { className: 'muted', role: 'status' }, t('ovLoading')));
    try {
      const overview = await pending;
      replace(body, ...overviewBody(overview));
      const time = formatClock(new Date(overview.generatedAt));
      setText(updated, t('ovUpdatedAt', { time }));
      toolbar.hidden = false;
      if (announce) env.announce(t('ovUpdatedAt', { time }));
    } catch (error) {
      setText(updated, '');
      if (error instanceof ApiError && error.status === 403) {
        // Not HR (any more): say so, and offer nothing that would ask again.
        toolbar.hidden = true;
        replace(body, h('p', { className: 'notice' }, error.message));
        return;
      }
      if (!(error instanceof ApiError)) console.error(error);
      replace(
        body,
        h(
          'div',
          { className: 'alert-inline', role: 'alert' },
          h('p', {}, `${t('ovFailed')} ${userMessage(error)}`),
          button(t('retry'), () => load(env.api.overview(roundId), true), {
            className: 'secondary small',
          }),
        ),
      );
    } finally {
      section.removeAttribute('aria-busy');
      refreshButton.disabled = false;
    }
  }

  void load(first, false);
  return section;
}
