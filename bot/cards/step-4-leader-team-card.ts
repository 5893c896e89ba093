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
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';
import { TERM_TEXTS } from '../../texts/terms.js';

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
      {
        items: [actionSet([openUrl(t(CARDS_TEXTS.step4LeaderTeam.open), m.tabUrl)])],
        width: 'auto',
      },
    ]),
  );
  return adaptiveCard(
    [
      heading(t(fill(CARDS_TEXTS.step4LeaderTeam.timeTalks, { name: plain(view.round.name) }))),
      text(
        t(
          fill(CARDS_TEXTS.step4LeaderTeam.holdTalksBySet, {
            deadlineDate: {
              da: formatDate(roundStep(view.round, 4).deadline, 'da'),
              en: formatDate(roundStep(view.round, 4).deadline, 'en'),
            },
          }),
        ),
      ),
      text(
        t(
          fill(CARDS_TEXTS.step4LeaderTeam.employeesHavePrepared, {
            prepared,
            length: view.team.length,
          }),
        ),
        { weight: 'Bolder' },
      ),
      ...(rows.length ? rows : [text(t(TERM_TEXTS.noEmployeesInRound))]),
      heading(t(CARDS_TEXTS.step4LeaderTeam.remember), 'Medium'),
      bullets(WATCH_OUTS.map((w) => `**${t(w.title)}**: ${t(w.text)}`)),
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    {},
  );
}

/** A team member's status in words that say what happened, coloured by whether it needs care. */
function memberStatus(m: TeamMemberStatus, t: ReturnType<typeof translator>): CardElement {
  if (!m.status) return text(t(CARDS_TEXTS.step4LeaderTeam.noForm));
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
      heading(t(fill(CARDS_TEXTS.step4LeaderTeam.timeGroupTalk, { name: plain(view.round.name) }))),
      text(
        t(
          fill(CARDS_TEXTS.step4LeaderTeam.thisGroupTalkGrus, {
            deadlineDate: { da: formatDate(deadline, 'da'), en: formatDate(deadline, 'en') },
          }),
        ),
      ),
      text(
        t(
          fill(CARDS_TEXTS.step4LeaderTeam.teamHavePrepared, {
            prepared,
            length: view.team.length,
          }),
        ),
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
      actionSet([openUrl(t(TERM_TEXTS.openGroupTalk), group.tabUrl)]),
      heading(t(CARDS_TEXTS.step4LeaderTeam.remember), 'Medium'),
      bullets(WATCH_OUTS.map((w) => `**${t(w.title)}**: ${t(w.text)}`)),
      ...hrContactBlock(view.hrContact, view.locale),
    ],
    {},
  );
}
