import type { AgreementListItem, MyAgreements } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace, uid } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { agreementStatusControl } from './agreement-status.js';

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
  const key = { roundId: agreement.roundId, email: agreement.employee.email };
  const status = agreementStatusControl(env, agreement, key, (outcome) => {
    notice.textContent = outcome === 'saved' ? t('myAgreementsSaved') : t('agreementChanged');
  });
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
