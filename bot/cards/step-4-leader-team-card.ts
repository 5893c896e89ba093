import type { Locale } from '../mus/bilingual.js';
import { WATCH_OUTS } from '../mus/default-template.js';
import type { Round } from '../mus/round.js';
import { roundStep } from '../mus/round.js';
import type { SkemaStatus } from '../mus/skema.js';
import {
  actionSet,
  adaptiveCard,
  bullets,
  columns,
  heading,
  openUrl,
  plain,
  text,
  type AdaptiveCard,
  type CardElement,
} from './elements.js';
import { formatDate, translator } from './format.js';
import { SKEMA_STATUS_LABELS } from './skema-status-labels.js';

export interface TeamMemberStatus {
  name: string;
  email: string;
  /** Absent when no skema was sent to this person. */
  status?: SkemaStatus;
  /** Opens the tab on this employee's skema. */
  tabUrl: string;
}

export interface LeaderTeamView {
  locale: Locale;
  leaderName: string;
  round: Pick<Round, 'name' | 'steps'>;
  team: TeamMemberStatus[];
}

/** Step 4: each leader's employees with their preparation status and a way into the tab. */
export function leaderTeamCard(view: LeaderTeamView): AdaptiveCard {
  const t = translator(view.locale);
  const prepared = view.team.filter((m) => m.status && m.status !== 'sent').length;
  const rows: CardElement[] = view.team.map((m) =>
    columns([
      { items: [text(plain(m.name))], width: 'stretch' },
      {
        items: [
          text(
            m.status ? t(SKEMA_STATUS_LABELS[m.status]) : t({ da: 'Intet skema', en: 'No form' }),
            {
              color: m.status === 'sent' ? 'Warning' : m.status ? 'Good' : 'Default',
            },
          ),
        ],
        width: 'auto',
      },
      { items: [actionSet([openUrl(t({ da: 'Åbn', en: 'Open' }), m.tabUrl)])], width: 'auto' },
    ]),
  );
  return adaptiveCard(
    [
      heading(
        t({
          da: `Tid til samtalerne · ${plain(view.round.name)}`,
          en: `Time for the talks · ${plain(view.round.name)}`,
        }),
      ),
      text(
        t({
          da: `Hold samtalerne senest ${formatDate(roundStep(view.round, 4).deadline, 'da')}. Sæt 45 minutter af til hver, og åbn skemaet i fanen under mødet — også i mødets sidepanel.`,
          en: `Hold the talks by ${formatDate(roundStep(view.round, 4).deadline, 'en')}. Set aside 45 minutes for each, and open the form in the tab during the meeting — also in the meeting's side panel.`,
        }),
      ),
      text(
        t({
          da: `${prepared} af ${view.team.length} medarbejdere har forberedt sig.`,
          en: `${prepared} of ${view.team.length} employees have prepared.`,
        }),
        { weight: 'Bolder' },
      ),
      ...(rows.length
        ? rows
        : [
            text(
              t({
                da: 'Du har ingen medarbejdere i denne runde.',
                en: 'You have no employees in this round.',
              }),
            ),
          ]),
      heading(t({ da: 'Husk', en: 'Remember' }), 'Medium'),
      bullets(WATCH_OUTS.map((w) => `**${t(w.title)}**: ${t(w.text)}`)),
    ],
    {},
  );
}
