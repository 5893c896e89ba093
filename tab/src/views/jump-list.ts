import { button, h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * "Gå til": one small button per part of a long screen, so the leader in a 320 px side panel reaches
 * the agreements or "Afslut" without scrolling past everything. Buttons, not links: the tab's own
 * navigation lives in the URL's hash. The heading of the part gets the focus, for keyboards and
 * screen readers alike.
 */
export function jumpList(targets: { label: string; element: HTMLElement }[]): HTMLElement {
  return h(
    'nav',
    { className: 'jump-list', 'aria-label': t('jumpTo') },
    ...targets.map(({ label, element }) =>
      button(
        label,
        () => {
          // A folded part opens first (see the talk view's foldable sections).
          element.dispatchEvent(new Event('mus:reveal'));
          const heading =
            element.querySelector<HTMLElement>(':scope > h2, :scope > legend') ?? element;
          if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
          element.scrollIntoView({ block: 'start' });
          heading.focus({ preventScroll: true });
        },
        { className: 'link-button small' },
      ),
    ),
  );
}
