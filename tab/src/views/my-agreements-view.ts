import { AGREEMENT_STATUSES, AGREEMENT_STATUS_LABELS } from '../../../bot/mus/agreement.js';
import { ApiError } from '../api-client.js';
import type { AgreementListItem, AgreementStatus, MyAgreements } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace, uid } from '../dom.js';
import { formatDate, t, tr } from '../i18n.js';

/*
 * "Mine aftaler": the method's follow-up across rounds. The employee sees the agreements from their
 * own talks and those they carry out; a leader also sees their team's open ones. Whoever may change
 * an agreement's status does it here, as in the talk view.
 */

export async function renderMyAgreements(root: HTMLElement, env: AppEnv): Promise<void> {
  const agreements: MyAgreements = await env.api.myAgreements();
  const headingId = uid('my-agreements');
  replace(
    root,
    h(
      'nav',
      { className: 'back', 'aria-label': t('back') },
      button(t('back'), () => env.navigate({ name: 'home' }), { className: 'link-button' }),
    ),
    h('header', { className: 'page-header' }, h('h1', { id: headingId }, t('myAgreements'))),
    h('p', { className: 'muted' }, t('myAgreementsIntro')),
    agreementGroup(env, t('myAgreementsOwn'), agreements.mine, t('myAgreementsEmpty')),
    agreements.team.length > 0 &&
      agreementGroup(env, t('myAgreementsTeam'), agreements.team, t('myAgreementsEmpty')),
  );
}

/** One list (own or team), its agreements under the round they were made in. */
function agreementGroup(
  env: AppEnv,
  title: string,
  items: AgreementListItem[],
  empty: string,
): HTMLElement {
  const headingId = uid('agreement-group');
  const rounds = [...new Set(items.map((a) => a.roundName))];
  return h(
    'section',
    { className: 'card', 'aria-labelledby': headingId, 'data-view': 'my-agreements' },
    h('h2', { id: headingId }, title),
    items.length === 0
      ? h('p', { className: 'muted' }, empty)
      : h(
          'div',
          {},
          ...rounds.map((round) =>
            h(
              'div',
              { className: 'agreement-round' },
              h('h3', {}, round),
              h(
                'ul',
                { className: 'agreements' },
                ...items.filter((a) => a.roundName === round).map((a) => agreementItem(env, a)),
              ),
            ),
          ),
        ),
  );
}

function agreementItem(env: AppEnv, agreement: AgreementListItem): HTMLElement {
  const notice = h('p', { className: 'notice', role: 'status' });
  const status = agreement.canUpdateStatus
    ? statusSelect(env, agreement, notice)
    : h(
        'span',
        { className: `status-pill status-${agreement.status}` },
        tr(AGREEMENT_STATUS_LABELS[agreement.status]),
      );
  return h(
    'li',
    { className: 'agreement', 'data-agreement-id': agreement.id },
    h('p', { className: 'user-text agreement-what' }, agreement.what),
    h(
      'dl',
      { className: 'facts' },
      h('dt', {}, t('responsible')),
      h('dd', {}, agreement.owner.name),
      h('dt', {}, t('due')),
      h('dd', {}, formatDate(agreement.dueDate)),
      h('dt', {}, t('myAgreementsTalk')),
      h('dd', {}, `${agreement.employee.name} · ${agreement.leader.name}`),
      h('dt', {}, t('agreementStatus')),
      h('dd', {}, status),
    ),
    notice,
  );
}

function statusSelect(
  env: AppEnv,
  agreement: AgreementListItem,
  notice: HTMLElement,
): HTMLSelectElement {
  const select = h(
    'select',
    { 'aria-label': t('agreementStatusFor', { what: agreement.what }) },
    ...AGREEMENT_STATUSES.map((s) =>
      h('option', { value: s, selected: s === agreement.status }, tr(AGREEMENT_STATUS_LABELS[s])),
    ),
  );
  const change = async (): Promise<void> => {
    const status = select.value as AgreementStatus;
    const key = { roundId: agreement.roundId, email: agreement.employee.email };
    try {
      Object.assign(
        agreement,
        await env.api.updateAgreement(key, agreement.id, { status, etag: agreement.etag }),
      );
      notice.textContent = t('myAgreementsSaved');
    } catch (error) {
      // Changed by the other party meanwhile: show theirs, and let the user choose again.
      const current =
        error instanceof ApiError && error.status === 412
          ? error.current<AgreementListItem>()
          : undefined;
      if (current) Object.assign(agreement, current);
      select.value = agreement.status;
      if (current) notice.textContent = t('agreementChanged');
      else env.showError(error);
    }
  };
  select.addEventListener('change', () => void change());
  return select;
}
