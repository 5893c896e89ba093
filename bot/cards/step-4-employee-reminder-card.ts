import type { Locale } from '../mus/bilingual.js';
import { MUS_PURPOSE } from '../mus/default-template.js';
import type { Round } from '../mus/round.js';
import { roundStep } from '../mus/round.js';
import { adaptiveCard, heading, openUrl, plain, text, type AdaptiveCard } from './elements.js';
import { formatDate, translator } from './format.js';

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
      heading(t({ da: 'Din MUS nærmer sig', en: 'Your MUS is coming up' })),
      text(
        t({
          da: `Hej ${plain(view.employeeName)}. Du og ${plain(view.leaderName)} holder jeres samtale senest ${formatDate(by, 'da')}.`,
          en: `Hi ${plain(view.employeeName)}. You and ${plain(view.leaderName)} hold your talk by ${formatDate(by, 'en')}.`,
        }),
      ),
      text(t(MUS_PURPOSE)),
      text(
        view.prepared
          ? t({
              da: 'Tak for din forberedelse. Du kan stadig rette den i skemaet her i chatten, indtil samtalen går i gang.',
              en: 'Thank you for preparing. You can still change it in the form here in the chat until the talk begins.',
            })
          : t({
              da: 'Husk at udfylde MUS-skemaet her i chatten før samtalen — det gør samtalen bedre for jer begge.',
              en: 'Remember to fill in the MUS form here in the chat before the talk — it makes the talk better for you both.',
            }),
        { weight: 'Bolder', color: view.prepared ? 'Good' : 'Attention' },
      ),
    ],
    {
      actions: view.tabUrl
        ? [openUrl(t({ da: 'Åbn Mine MUS', en: 'Open My MUS' }), view.tabUrl)]
        : [],
    },
  );
}
