import {
  OWN_SKEMA_STATUS_LABELS,
  SKEMA_STATUS_LABELS,
} from '../../../bot/cards/skema-status-labels.js';
import { PHASES } from '../../../bot/mus/default-template.js';
import type { SkemaStatus, SkemaView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import type { SavedVersion } from '../autosave.js';
import { button, h } from '../dom.js';
import { formatDate, formatDateTime, t, tr } from '../i18n.js';

/** Pieces both the leader's and the employee's skema screens show. */

/** A whole skema view, as opposed to an autosave's short answer (the new version only). */
export function isSkemaView(answer: SkemaView | SavedVersion): answer is SkemaView {
  return 'template' in answer;
}

/** A skema's status in words; `own` when the viewer is the employee looking at their own skema. */
export function statusLabel(status: SkemaStatus | 'not-sent', own = false): string {
  if (status === 'not-sent') return t('notSent');
  return tr((own ? OWN_SKEMA_STATUS_LABELS : SKEMA_STATUS_LABELS)[status]);
}

export function statusPill(status: SkemaStatus | 'not-sent', own = false): HTMLElement {
  return h('span', { className: `status-pill status-${status}` }, statusLabel(status, own));
}

/** Back to the overview; in a meeting it reads "switch employee", since that is what it is for. */
export function backLink(env: AppEnv, roundId: string, inMeeting = false): HTMLElement {
  const label = inMeeting ? t('switchEmployee') : t('back');
  return h(
    'nav',
    { className: 'back', 'aria-label': label },
    button(label, () => env.navigate({ name: 'home', roundId }), { className: 'link-button' }),
  );
}

/** The organisation's own statement of its core task, at the top of every skema. */
export function coreTaskBlock(view: SkemaView): HTMLElement {
  return h(
    'section',
    { className: 'core-task', 'aria-label': t('coreTask') },
    h('h2', {}, t('coreTask')),
    view.coreTask.trim()
      ? h('p', { className: 'user-text core-task-text' }, view.coreTask)
      : h('p', { className: 'muted' }, t('coreTaskMissing')),
  );
}

/** Which of the method's three phases the skema is in: 0 preparation, 1 talk, 2 follow-up. */
export function phaseOf(status: SkemaStatus): number {
  if (status === 'sent' || status === 'prepared') return 0;
  return status === 'held' ? 1 : 2;
}

export function phaseSteps(status: SkemaStatus): HTMLElement {
  const current = phaseOf(status);
  return h(
    'ol',
    { className: 'phases', 'aria-label': t('phases') },
    ...PHASES.map((phase, i) =>
      h(
        'li',
        {
          className: i === current ? 'current' : i < current ? 'done' : '',
          'aria-current': i === current ? 'step' : false,
        },
        tr(phase),
      ),
    ),
  );
}

/** Facts under the title: who, which round, status, when. */
export function skemaFacts(view: SkemaView): HTMLElement {
  return h(
    'dl',
    { className: 'facts header-facts' },
    h('dt', {}, t('round')),
    h('dd', {}, view.roundName),
    h('dt', {}, t('employee')),
    h('dd', {}, view.employee.name),
    h('dt', {}, t('leader')),
    h('dd', {}, view.leader.name),
    h('dt', {}, t('status')),
    h('dd', {}, statusPill(view.status, view.viewerRole === 'employee')),
    view.talkAt && h('dt', {}, t('plannedTalk')),
    view.talkAt && h('dd', {}, formatDateTime(view.talkAt)),
    view.followUpDate && h('dt', {}, t('followUp')),
    view.followUpDate && h('dd', {}, formatDate(view.followUpDate)),
  );
}
