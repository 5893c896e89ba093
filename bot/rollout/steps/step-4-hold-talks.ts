import type { Person } from '../../mus/person.js';
import { employeeReminderCard } from '../../cards/step-4-employee-reminder-card.js';
import { leaderTeamCard } from '../../cards/step-4-leader-team-card.js';
import { groupTalkTabLink, skemaTabLink, tabLink } from '../../cards/tab-links.js';
import { renderSkemaSummary } from './skema-summary.js';
import type { Round } from '../../mus/round.js';
import { leaderOf, participants, type RolloutStep } from './rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../../texts/notifications.js';

/**
 * Step 4, Hold samtalerne: each leader gets their team with each person's preparation status and a
 * way into the tab; each employee gets a reminder to prepare, with the talk's purpose.
 */
function leadersWithTeam(people: Person[], round: Pick<Round, 'kind'>): Person[] {
  const leading = new Set(participants(people, round).map((p) => p.leaderEmail));
  return people.filter((p) => p.roles.includes('leader') && leading.has(p.email));
}

export const holdTalks: RolloutStep = {
  step: 4,
  recipients: (people, round) => [
    ...leadersWithTeam(people, round).map((p) => ({ email: p.email, audience: 'leader' as const })),
    ...participants(people, round).map((p) => ({ email: p.email, audience: 'employee' as const })),
  ],
  render: async (ctx, audience) => {
    if (audience === 'summary') {
      const stored = await ctx.repositories.skemas.get(
        ctx.org.id,
        ctx.round.id,
        ctx.recipient.email,
      );
      if (!stored) throw new Error(`no skema for ${ctx.recipient.email} in ${ctx.round.id}`);
      return renderSkemaSummary(ctx.repositories, ctx.links, ctx.locale, stored);
    }
    if (audience === 'leader') {
      const [reports, skemas, delivered] = await Promise.all([
        ctx.repositories.people.listTeam(ctx.org.id, ctx.recipient.email),
        ctx.teamTalks(ctx.recipient.email),
        ctx.deliveryStatuses(3, 'employee'),
      ]);
      // In a LUS round a leader talks with the leaders below them, not with everyone they lead.
      const team =
        ctx.round.kind === 'LUS' ? reports.filter((m) => m.roles.includes('leader')) : reports;
      const statusOf = new Map(skemas.map((s) => [s.employeeEmail, s.status]));
      return {
        card: leaderTeamCard({
          locale: ctx.locale,
          leaderName: ctx.recipient.name,
          round: ctx.round,
          team: team.map((m) => ({
            name: m.name,
            email: m.email,
            status: statusOf.get(m.email),
            delivery: delivered.get(m.email),
            tabUrl: skemaTabLink(ctx.links, ctx.round.id, m.email),
          })),
          ...(ctx.round.kind === 'GRUS'
            ? { group: { tabUrl: groupTalkTabLink(ctx.links, ctx.round.id, ctx.recipient.email) } }
            : {}),
          ...(ctx.org.hrContact ? { hrContact: ctx.org.hrContact } : {}),
        }),
        summary: (ctx.round.kind === 'GRUS'
          ? NOTIFICATION_TEXTS.step4GroupTalk
          : NOTIFICATION_TEXTS.step4Talks)[ctx.locale],
      };
    }
    const [leader, skema] = await Promise.all([
      leaderOf(ctx),
      ctx.repositories.skemas.get(ctx.org.id, ctx.round.id, ctx.recipient.email),
    ]);
    return {
      card: employeeReminderCard({
        locale: ctx.locale,
        employeeName: ctx.recipient.name,
        leaderName: leader?.name ?? '',
        round: ctx.round,
        prepared: skema !== undefined && skema.value.status !== 'sent',
        tabUrl: tabLink(ctx.links),
      }),
      summary: NOTIFICATION_TEXTS.step4Employee[ctx.locale],
    };
  },
};
