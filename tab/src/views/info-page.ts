import type { AppEnv } from '../app-env.js';
import { button, h, replace } from '../dom.js';
import { t, type TextKey } from '../i18n.js';

/** The privacy and terms pages the app manifest links to (#privatliv, #vilkaar). */
export function renderInfoPage(
  root: HTMLElement,
  env: AppEnv | undefined,
  heading: TextKey,
  text: TextKey,
): void {
  replace(
    root,
    env &&
      h(
        'nav',
        { className: 'back', 'aria-label': t('back') },
        button(t('back'), () => env.navigate({ name: 'home' }), { className: 'link-button' }),
      ),
    h('h1', {}, t(heading)),
    h('p', { className: 'card' }, t(text)),
  );
}
