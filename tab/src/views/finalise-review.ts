import { questionSections } from '../../../bot/mus/skema-template.js';
import type { SkemaView } from '../api-types.js';
import { h } from '../dom.js';
import { formatDate, t, tr } from '../i18n.js';

/** What the leader is about to lock: the review shown before "Afslut", and what is still empty. */
export interface FinaliseReview {
  element: HTMLElement;
  /** Names of the parts with nothing in them, in the order the talk has them. */
  empty: string[];
}

/**
 * The talk as it is stored, part by part: notes per section, the agreements, the common
 * understandings ticked. The method has the talk end in agreements both can stand by, so an empty
 * part is named rather than passed over; the leader may still finalise.
 */
export function finaliseReview(view: SkemaView): FinaliseReview {
  const empty: string[] = [];
  const item = (filled: boolean, label: string, detail: string): HTMLElement => {
    if (!filled) empty.push(label);
    return h(
      'li',
      { className: filled ? 'review-filled' : 'review-empty' },
      h('span', { 'aria-hidden': 'true' }, filled ? '✓ ' : '○ '),
      h('strong', {}, label),
      ': ',
      detail,
    );
  };

  const notes = questionSections(view.template).map((section) => {
    const written = (view.talkNotes[section.id] ?? '').trim().length > 0;
    return item(written, tr(section.title), written ? t('reviewNotesWritten') : t('reviewNoNotes'));
  });
  const agreements = view.agreements;
  const agreementItem = item(
    agreements.length > 0,
    t('reviewAgreementsLabel'),
    agreements.length > 0
      ? t('reviewAgreementCount', { count: String(agreements.length) })
      : t('reviewNoAgreements'),
  );
  const agreementList =
    agreements.length > 0 &&
    h(
      'ul',
      { className: 'review-agreements' },
      ...agreements.map((a) =>
        h(
          'li',
          {},
          `${a.what} · ${ownerName(view, a.ownerEmail)} · ${t('due')} ${formatDate(a.dueDate)}`,
        ),
      ),
    );
  const ticked = view.understandings.filter(Boolean).length;
  const understandings = item(
    ticked > 0,
    t('understandingsField'),
    t('reviewUnderstandings', { count: String(ticked) }),
  );

  const element = h(
    'div',
    { className: 'finalise-review' },
    h('h3', {}, t('reviewHeading')),
    h('ul', { className: 'review-list' }, ...notes, agreementItem, understandings),
    agreementList,
    empty.length > 0 &&
      h(
        'p',
        { className: 'notice review-missing' },
        t('reviewMissing', { parts: empty.join(', ') }),
      ),
  );
  return { element, empty };
}

function ownerName(view: SkemaView, email: string): string {
  if (email === view.employee.email) return view.employee.name;
  if (email === view.leader.email) return view.leader.name;
  return email;
}
