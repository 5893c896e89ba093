import type { Locale } from '../mus/bilingual.js';
import { container, plain, text, type CardElement } from './elements.js';

/** The organisation's own core-task statement, shown at the top of every card and skema. */
export function coreTaskBlock(coreTask: string, locale: Locale): CardElement {
  const label = locale === 'en' ? 'Our core task' : 'Vores kerneopgave';
  const statement = coreTask.trim()
    ? plain(coreTask.trim())
    : locale === 'en'
      ? '_HR has not written the core task yet._'
      : '_HR har endnu ikke formuleret kerneopgaven._';
  return container(
    [
      text(label, { weight: 'Bolder', size: 'Small', isSubtle: true }),
      text(statement, { size: 'Medium' }),
    ],
    { style: 'accent' },
  );
}
