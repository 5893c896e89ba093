import type { SkemaView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h } from '../dom.js';
import { t } from '../i18n.js';

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
