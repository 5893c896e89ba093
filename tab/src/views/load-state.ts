import { button, h } from '../dom.js';
import { t } from '../i18n.js';

/*
 * What a screen shows while its data comes: grey blocks shaped like a screen (after a short moment,
 * so a quick answer never flickers), a calm word after 10 seconds with a way to try again, and a
 * failed load's reason with the same button. The rest of the tab keeps working meanwhile.
 */

/** A screen taking longer than this gets the skeleton. */
export const SKELETON_AFTER_MS = 300;
/** A screen taking longer than this says so and offers to try again. */
export const SLOW_AFTER_MS = 10_000;

export function loadingSkeleton(): HTMLElement {
  return h(
    'div',
    { className: 'skeleton', role: 'status', 'aria-busy': 'true' },
    h('span', { className: 'visually-hidden' }, t('loading')),
    h('div', { className: 'skeleton-block heading' }),
    h('div', { className: 'skeleton-block' }),
    h('div', { className: 'skeleton-block' }),
  );
}

/** "It is taking longer than usual", with "Prøv igen". */
export function slowNotice(retry: () => void): HTMLElement {
  return h(
    'div',
    { className: 'notice load-slow', role: 'status' },
    h('p', {}, t('loadSlow')),
    button(t('tryAgain'), retry, { className: 'secondary', 'data-action': 'retry-load' }),
  );
}

/** A load that failed: why, and "Prøv igen". Focus goes to it, so screen readers say it. */
export function failedNotice(reason: string, retry: () => void): HTMLElement {
  const notice = h(
    'div',
    { className: 'card load-failed', role: 'alert', tabindex: '-1' },
    h('p', {}, reason),
    button(t('tryAgain'), retry, { className: 'primary', 'data-action': 'retry-load' }),
  );
  queueMicrotask(() => notice.focus());
  return notice;
}
