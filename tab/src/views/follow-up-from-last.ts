import { AGREEMENT_STATUS_LABELS } from '../../../bot/mus/agreement.js';
import type { SkemaView } from '../api-types.js';
import { h, uid } from '../dom.js';
import { formatDate, t, tr } from '../i18n.js';

/**
 * "Opfølgning fra sidst": the talk begins by looking back at the agreements from the last round, as
 * they stood when this round's skema was sent. Open at first, foldable so it does not push the talk
 * down in the side panel. Nothing when there was no earlier talk.
 */
export function followUpFromLast(view: SkemaView): HTMLElement | false {
  if (view.followUp.length === 0) return false;
  const headingId = uid('follow-up-last');
  const ownerName = (email: string): string =>
    email === view.employee.email
      ? view.employee.name
      : email === view.leader.email
        ? view.leader.name
        : email;
  return h(
    'details',
    { className: 'card follow-up-last', open: true, 'data-view': 'follow-up-from-last' },
    h('summary', {}, h('h2', { id: headingId }, t('followUpFromLast'))),
    h('p', { className: 'muted' }, t('followUpFromLastIntro')),
    h(
      'ul',
      { className: 'agreements', 'aria-labelledby': headingId },
      ...view.followUp.map((item) =>
        h(
          'li',
          { className: 'agreement' },
          h('p', { className: 'user-text agreement-what' }, item.what),
          h(
            'p',
            { className: 'muted' },
            [
              ownerName(item.ownerEmail),
              `${t('due')} ${formatDate(item.dueDate)}`,
              tr(AGREEMENT_STATUS_LABELS[item.status]),
            ].join(' · '),
          ),
        ),
      ),
    ),
  );
}
