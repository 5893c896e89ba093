import { skemaCard } from '../../cards/step-3-skema-card.js';
import { leaderSkemaSentCard } from '../../cards/step-3-leader-card.js';
import { skemaTabLink, tabLink } from '../../cards/tab-links.js';
import { talkName } from '../../mus/glossary.js';
import { newGroupTalk } from '../../mus/group-talk.js';
import type { Person } from '../../mus/person.js';
import type { Repositories } from '../../mus/repositories.js';
import { newSkema } from '../../mus/skema.js';
import { roundStep, type Round } from '../../mus/round.js';
import { followUpFromLast } from '../follow-up-from-last.js';
import {
  leaderOf,
  participants,
  type CardContext,
  type RenderedCard,
  type RolloutStep,
} from './rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../../texts/notifications.js';
import { fill } from '../../../texts/fill.js';

/**
 * In a GRUS round each leader's team also gets one shared group talk, with the members as they are
 * now. createIfAbsent: a repeated prepare (a retried launch) leaves an existing talk as it is.
 */
async function createGroupTalks(
  repositories: Repositories,
  round: Round,
  employees: Person[],
  now: Date,
): Promise<void> {
  const teams = new Map<string, Person[]>();
  for (const p of employees) teams.set(p.leaderEmail!, [...(teams.get(p.leaderEmail!) ?? []), p]);
  const leaders = [...teams.keys()];
  for (let i = 0; i < leaders.length; i += 20) {
    await Promise.all(
      leaders.slice(i, i + 20).map((leaderEmail) =>
        repositories.groupTalks.createIfAbsent(
          newGroupTalk({
            orgId: round.orgId,
            roundId: round.id,
            leaderEmail,
            members: teams.get(leaderEmail)!,
            template: round.template,
            now,
          }),
        ),
      ),
    );
  }
}

/** The leader's card: their employees' skemas went out in their name; who has the app, who waits. */
async function renderLeaderBriefing(ctx: CardContext): Promise<RenderedCard> {
  const { round, recipient } = ctx;
  const team = await ctx.teamTalks(recipient.email);
  const reachable: string[] = [];
  const waitingForApp: string[] = [];
  await Promise.all(
    team.map(async (skema) => {
      // Both from the dispatcher's directory: 500 leaders' briefings must not cost a storage read
      // per employee (that stalled step 3 of a 10,000-person round).
      const [person, chat] = await Promise.all([
        ctx.findPerson(skema.employeeEmail),
        ctx.hasChat(skema.employeeEmail),
      ]);
      (chat ? reachable : waitingForApp).push(person?.name ?? skema.employeeEmail);
    }),
  );
  const byName = (a: string, b: string) => a.localeCompare(b, 'da');
  return {
    card: leaderSkemaSentCard({
      locale: ctx.locale,
      leaderName: recipient.name,
      roundName: round.name,
      roundKind: round.kind,
      prepareBy: roundStep(round, 3).deadline,
      reachable: reachable.sort(byName),
      waitingForApp: waitingForApp.sort(byName),
      ...(ctx.org.hrContact ? { hrContact: ctx.org.hrContact } : {}),
      tabUrl: tabLink(ctx.links),
    }),
    summary: fill(NOTIFICATION_TEXTS.step3Briefing, { talk: talkName(round.kind) })[ctx.locale],
  };
}

/** Skemas created per progress report. */
const SKEMA_CHUNK = 200;

/**
 * Step 3, Send MUS-skema: each employee's own skema is created (once, with the round's template as it
 * is now) and delivered in their chat, sent in their leader's name. In a GRUS round every member
 * prepares in their own skema, and each team gets its one group talk besides (group-talk.ts).
 */
export const sendSkema: RolloutStep = {
  step: 3,
  recipients: (people, round) => {
    const employees = participants(people, round);
    const leading = new Set(employees.map((p) => p.leaderEmail));
    return [
      ...employees.map((p) => ({ email: p.email, audience: 'employee' as const })),
      // Each of their leaders hears that the skemas went out in their name (not counted).
      ...people
        .filter((p) => leading.has(p.email))
        .map((p) => ({ email: p.email, audience: 'briefing' as const })),
    ];
  },
  prepare: async (repositories, round, people, now, progress) => {
    const employees = participants(people, round);
    // Each new skema opens with last round's agreements and how far they came.
    const followUp = await followUpFromLast(repositories, round);
    // In chunks of whole transactions (a team's skemas and their counts together), so progress can
    // be shown and a crash half-way costs one chunk. createMany leaves existing skemas alone.
    for (let i = 0; i < employees.length; i += SKEMA_CHUNK) {
      await repositories.skemas.createMany(
        employees.slice(i, i + SKEMA_CHUNK).map((p) =>
          newSkema({
            orgId: round.orgId,
            roundId: round.id,
            employeeEmail: p.email,
            leaderEmail: p.leaderEmail!,
            department: p.department,
            template: round.template,
            now,
            by: p.leaderEmail!,
            followUp: followUp.get(p.email),
          }),
        ),
      );
      await progress?.(Math.min(employees.length, i + SKEMA_CHUNK));
    }
    if (round.kind === 'GRUS') await createGroupTalks(repositories, round, employees, now);
  },
  render: async (ctx, audience) => {
    if (audience === 'briefing') return renderLeaderBriefing(ctx);
    const stored = await ctx.repositories.skemas.get(ctx.org.id, ctx.round.id, ctx.recipient.email);
    if (!stored) throw new Error(`no skema for ${ctx.recipient.email} in ${ctx.round.id}`);
    const leader = await leaderOf(ctx);
    return {
      card: skemaCard({
        locale: ctx.locale,
        coreTask: ctx.org.coreTask,
        roundName: ctx.round.name,
        roundKind: ctx.round.kind,
        leaderName: leader?.name ?? stored.value.leaderEmail,
        skema: stored.value,
        etag: stored.etag,
        employeeUserId: ctx.recipientUserId,
        tabUrl: skemaTabLink(ctx.links, ctx.round.id, ctx.recipient.email),
        ...(audience === 'reminder'
          ? { notice: { kind: 'reminder' as const, deadline: roundStep(ctx.round, 3).deadline } }
          : {}),
      }),
      summary: (audience === 'reminder'
        ? NOTIFICATION_TEXTS.step3Reminder
        : leader
          ? fill(NOTIFICATION_TEXTS.step3Skema, { leader: leader.name })
          : NOTIFICATION_TEXTS.step3SkemaNoLeader)[ctx.locale],
    };
  },
};
