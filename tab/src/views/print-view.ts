import { COMMON_UNDERSTANDINGS } from '../../../bot/mus/default-template.js';
import { AGREEMENT_STATUS_LABELS } from '../../../bot/mus/agreement.js';
import type { SkemaView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace } from '../dom.js';
import { formatDate, t, tr } from '../i18n.js';

/*
 * The agreed part of a finalised talk, for the personnel file: the agreements with who does what by
 * when, the common understandings agreed, and the employee's comment. Never the notes by section nor
 * the leader's private note: in Danish practice only what was agreed is filed. The browser's print
 * dialog prints it or saves it as PDF; the print stylesheet hides everything but the document.
 */

export async function renderPrintView(
  root: HTMLElement,
  env: AppEnv,
  roundId: string,
  email: string,
): Promise<void> {
  const view = await env.api.skema(roundId, email);
  const finalised = view.status === 'finalised' || view.status === 'acknowledged';
  const back = h(
    'nav',
    { className: 'back no-print', 'aria-label': t('back') },
    button(t('back'), () => env.navigate({ name: 'skema', roundId, email }), {
      className: 'link-button',
    }),
  );
  if (!finalised) {
    replace(root, back, h('p', { className: 'notice' }, t('printNotYet')));
    return;
  }
  replace(
    root,
    back,
    h(
      'div',
      { className: 'actions no-print' },
      button(t('printButton'), () => window.print(), {
        className: 'primary',
        'data-action': 'print',
      }),
    ),
    agreedDocument(view),
  );
}

function agreedDocument(view: SkemaView): HTMLElement {
  const name = (email: string): string =>
    email === view.employee.email
      ? view.employee.name
      : email === view.leader.email
        ? view.leader.name
        : email;
  const agreed = COMMON_UNDERSTANDINGS.filter((_, i) => view.understandings[i] === true);
  return h(
    'article',
    { className: 'print-document' },
    h('h1', {}, t('printHeading', { round: view.roundName })),
    h(
      'dl',
      { className: 'facts' },
      h('dt', {}, t('employee')),
      h('dd', {}, view.employee.name),
      h('dt', {}, t('leader')),
      h('dd', {}, view.leader.name),
      h('dt', {}, t('printFinalised')),
      h('dd', {}, view.finalisedAt ? formatDate(view.finalisedAt) : ''),
      view.acknowledgedAt && h('dt', {}, t('printAcknowledged')),
      view.acknowledgedAt && h('dd', {}, formatDate(view.acknowledgedAt)),
      view.followUpDate && h('dt', {}, t('followUp')),
      view.followUpDate && h('dd', {}, formatDate(view.followUpDate)),
    ),
    h('h2', {}, t('printAgreements')),
    view.agreements.length === 0
      ? h('p', {}, t('printNoAgreements'))
      : h(
          'table',
          { className: 'print-agreements' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('printWhat')),
              h('th', { scope: 'col' }, t('responsible')),
              h('th', { scope: 'col' }, t('due')),
              h('th', { scope: 'col' }, t('agreementStatus')),
            ),
          ),
          h(
            'tbody',
            {},
            ...view.agreements.map((a) =>
              h(
                'tr',
                {},
                h('td', { className: 'user-text' }, a.what),
                h('td', {}, name(a.ownerEmail)),
                h('td', {}, formatDate(a.dueDate)),
                h('td', {}, tr(AGREEMENT_STATUS_LABELS[a.status])),
              ),
            ),
          ),
        ),
    h('h2', {}, t('understandingsHeading')),
    agreed.length === 0
      ? h('p', {}, t('printNoUnderstandings'))
      : h('ul', {}, ...agreed.map((u) => h('li', {}, tr(u)))),
    h('h2', {}, t('employeeComment')),
    h('p', { className: 'user-text' }, view.employeeComment ?? t('printNoComment')),
  );
}

/** The way to the print view, on a finalised talk. */
export function printLink(env: AppEnv, view: SkemaView): HTMLElement | false {
  if (view.status !== 'finalised' && view.status !== 'acknowledged') return false;
  return h(
    'div',
    { className: 'actions' },
    button(
      t('printOpen'),
      () => env.navigate({ name: 'print', roundId: view.roundId, email: view.employee.email }),
      { className: 'secondary', 'data-action': 'open-print' },
    ),
  );
}
