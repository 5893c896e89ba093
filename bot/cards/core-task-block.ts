import type { Locale } from '../mus/bilingual.js';
import { TERMS } from '../mus/glossary.js';
import { container, plain, text, type CardElement } from './elements.js';

/** The organisation's own core-task statement, shown at the top of every card and skema. */
export function coreTaskBlock(coreTask: string, locale: Locale): CardElement {
  const statement = coreTask.trim() ? plain(coreTask.trim()) : `_${TERMS.coreTaskMissing[locale]}_`;
  return container(
    [
      text(TERMS.ourCoreTask[locale], { weight: 'Bolder', size: 'Small', isSubtle: true }),
      text(statement, { size: 'Medium' }),
    ],
    { style: 'accent' },
  );
}
