import type { Locale } from '../mus/bilingual.js';
import { MUS_PURPOSE } from '../mus/default-template.js';
import type { Round } from '../mus/round.js';
import { roundStep } from '../mus/round.js';
import { adaptiveCard, heading, openUrl, plain, text, type AdaptiveCard } from './elements.js';
import { formatDate, translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';

export interface EmployeeReminderView {
  locale: Locale;
  employeeName: string;
  leaderName: string;
  round: Pick<Round, 'name' | 'steps'>;
  /** True when the employee has already sent their preparation. */
  prepared: boolean;
  tabUrl?: string;
}

/** Step 4: reminds each employee of the talk's purpose and to prepare. */
export function employeeReminderCard(view: EmployeeReminderView): AdaptiveCard {
  const t = translator(view.locale);
  const by = roundStep(view.round, 4).deadline;
  return adaptiveCard(
    [
      heading(t(CARDS_TEXTS.step4Reminder.yourMusComingUp)),
      text(
        t(
          fill(CARDS_TEXTS.step4Reminder.hiYouHoldYour, {
            employeeName: plain(view.employeeName),
            leaderName: plain(view.leaderName),
            byDate: { da: formatDate(by, 'da'), en: formatDate(by, 'en') },
          }),
        ),
      ),
      text(t(MUS_PURPOSE)),
      text(
        view.prepared
          ? t(CARDS_TEXTS.step4Reminder.thankYouPreparingYou)
          : t(CARDS_TEXTS.step4Reminder.rememberFillMusForm),
        { weight: 'Bolder', color: view.prepared ? 'Good' : 'Attention' },
      ),
    ],
    {
      actions: view.tabUrl ? [openUrl(t(CARDS_TEXTS.step4Reminder.openMyMus), view.tabUrl)] : [],
    },
  );
}
