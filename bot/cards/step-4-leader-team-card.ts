import type { Locale } from '../mus/bilingual.js';
import { WATCH_OUTS } from '../mus/default-template.js';
import type { HrContact } from '../mus/organisation.js';
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
import { hrContactBlock } from './hr-contact-block.js';
import type { DeliveryStatus } from '../rollout/delivery.js';
import { SKEMA_STATUS_LABELS, sentSkemaLabel } from './skema-status-labels.js';

export interface TeamMemberStatus {
  name: string;
  email: string;
  /** Absent when no skema was sent to this person. */
  status?: SkemaStatus;
  /** How the step-3 card with their skema fared, when known. */
  delivery?: DeliveryStatus;
  /** Opens the tab on this employee's skema. */
  tabUrl: string;
}

/** In a GRUS round: the team's one group talk. */
export interface GroupTalkLink {
  /** Opens the tab on the group talk. */
  tabUrl: string;
}

export interface LeaderTeamView {
  locale: Locale;
  leaderName: string;
  round: Pick<Round, 'name' | 'steps'>;
  team: TeamMemberStatus[];
  /** Set in a GRUS round: the card is about one group talk with the whole team. */
  group?: GroupTalkLink;
  /** HR's contact person for the leaders, when HR has named one. */
  hrContact?: HrContact;
}

/**
 * Step 4: each leader's employees with their preparation status and a way into the tab. In a GRUS
 * round the leader holds one group talk: the card says so, counts who has prepared and opens the
 * group view instead of each skema.
 */
export function leaderTeamCard(view: LeaderTeamView): AdaptiveCard {
  if (view.group) return groupTalkCard(view, view.group);
  const t = translator(view.locale);
  const prepared = preparedCount(view.team);
  const rows: CardElement[] = view.team.map((m) =>
    columns([
      { items: [text(plain(m.name))], width: 'stretch' },
      {
        items: [memberStatus(m, t)],
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
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    {},
  );
}

/** A team member's status in words that say what happened, coloured by whether it needs care. */
function memberStatus(m: TeamMemberStatus, t: ReturnType<typeof translator>): CardElement {
  if (!m.status) return text(t({ da: 'Intet skema', en: 'No form' }));
  if (m.status !== 'sent') return text(t(SKEMA_STATUS_LABELS[m.status]), { color: 'Good' });
  const label = sentSkemaLabel(m.delivery);
  return text(t(label), { color: m.delivery === 'sent' ? 'Warning' : 'Attention' });
}

function preparedCount(team: TeamMemberStatus[]): number {
  return team.filter((m) => m.status && m.status !== 'sent').length;
}

function groupTalkCard(view: LeaderTeamView, group: GroupTalkLink): AdaptiveCard {
  const t = translator(view.locale);
  const prepared = preparedCount(view.team);
  const deadline = roundStep(view.round, 4).deadline;
  return adaptiveCard(
    [
      heading(
        t({
          da: `Tid til gruppesamtalen · ${plain(view.round.name)}`,
          en: `Time for the group talk · ${plain(view.round.name)}`,
        }),
      ),
      text(
        t({
          da: `Det er en gruppesamtale (GRUS): du holder én samtale med hele teamet senest ${formatDate(deadline, 'da')}. Alle har forberedt sig hver for sig på de samme spørgsmål om teamets bidrag til kerneopgaven. I fanen ser du alles forberedelse spørgsmål for spørgsmål og skriver teamets fælles noter og aftaler.`,
          en: `This is a group talk (GRUS): you hold one talk with the whole team by ${formatDate(deadline, 'en')}. Everyone has prepared on their own, on the same questions about the team's contribution to the core task. In the tab you see everyone's preparation question by question and write the team's shared notes and agreements.`,
        }),
      ),
      text(
        t({
          da: `${prepared} af ${view.team.length} i teamet har forberedt sig.`,
          en: `${prepared} of ${view.team.length} in the team have prepared.`,
        }),
        { weight: 'Bolder' },
      ),
      ...view.team.map((m) =>
        columns([
          { items: [text(plain(m.name))], width: 'stretch' },
          {
            items: [memberStatus(m, t)],
            width: 'auto',
          },
        ]),
      ),
      actionSet([
        openUrl(t({ da: 'Åbn gruppesamtalen', en: 'Open the group talk' }), group.tabUrl),
      ]),
      heading(t({ da: 'Husk', en: 'Remember' }), 'Medium'),
      bullets(WATCH_OUTS.map((w) => `**${t(w.title)}**: ${t(w.text)}`)),
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    {},
  );
}
