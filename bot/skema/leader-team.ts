import { demand } from '../mus/access-rules.js';
import { NotFoundError } from '../mus/errors.js';
import { hasRole, type Person } from '../mus/person.js';
import { SKEMA_STATUSES, type Skema, type SkemaStatus } from '../mus/skema.js';
import type { DeliveryStatus } from '../rollout/delivery.js';
import type { SkemaServices } from './skema-services.js';
import { SKEMA_TEXTS } from '../../texts/skema.js';

/** One of the leader's employees in a round: who, and how far the talk is. Never any contents. */
export interface TeamMember {
  email: string;
  name: string;
  department: string;
  /** `not-sent` for a team member the round has no skema for (yet). */
  status: SkemaStatus | 'not-sent';
  /**
   * For a skema still only sent: how its step-3 card fared (sent, waiting for the app, pending …),
   * when the outbox knows; null otherwise.
   */
  delivery: DeliveryStatus | null;
  talkAt: string | null;
  preparedAt: string | null;
  heldAt: string | null;
  finalisedAt: string | null;
  acknowledgedAt: string | null;
  followUpDate: string | null;
}

/** How many skemas of the round are in each status: what HR sees (docs/architecture.md, "Who sees what"). */
export interface StatusCounts {
  total: number;
  byStatus: Record<SkemaStatus, number>;
}

export interface TeamOverview {
  roundId: string;
  roundName: string;
  /** The viewer's own employees; absent for HR who lead nobody. */
  members?: TeamMember[];
  /** The whole round's statuses, for HR only. */
  counts?: StatusCounts;
}

export function countStatuses(skemas: Pick<Skema, 'status'>[]): StatusCounts {
  const byStatus = Object.fromEntries(SKEMA_STATUSES.map((s) => [s, 0])) as Record<
    SkemaStatus,
    number
  >;
  for (const s of skemas) byStatus[s.status] += 1;
  return { total: skemas.length, byStatus };
}

function member(person: Person | undefined, email: string, skema?: Skema): TeamMember {
  return {
    email,
    name: person?.name ?? email,
    department: person?.department ?? '',
    status: skema?.status ?? 'not-sent',
    delivery: null,
    talkAt: skema?.talkAt ?? null,
    preparedAt: skema?.preparedAt ?? null,
    heldAt: skema?.heldAt ?? null,
    finalisedAt: skema?.finalisedAt ?? null,
    acknowledgedAt: skema?.acknowledgedAt ?? null,
    followUpDate: skema?.followUpDate ?? null,
  };
}

/**
 * A leader's team in a round (each employee's status and talk date), and for HR the round's counts.
 * Anyone who is neither a leader nor HR gets 403.
 */
export async function leaderTeam(
  services: SkemaServices,
  viewer: Person,
  roundId: string,
): Promise<TeamOverview> {
  const { repositories } = services;
  const isHr = hasRole(viewer, 'hr');
  const skemas = await repositories.skemas.listByLeader(viewer.orgId, roundId, viewer.email);
  const isLeader = hasRole(viewer, 'leader') || skemas.length > 0;
  demand(isHr || isLeader);
  const round = await repositories.rounds.get(viewer.orgId, roundId);
  if (!round) {
    throw new NotFoundError(SKEMA_TEXTS.leaderTeam.roundDoesNotExist);
  }
  const overview: TeamOverview = { roundId, roundName: round.value.name };
  if (isLeader) {
    const team = await repositories.people.listTeam(viewer.orgId, viewer.email);
    const byEmail = new Map(team.map((p) => [p.email, p]));
    const members = skemas.map((s) =>
      member(byEmail.get(s.value.employeeEmail), s.value.employeeEmail, s.value),
    );
    const withSkema = new Set(members.map((m) => m.email));
    for (const person of team) {
      if (!withSkema.has(person.email)) members.push(member(person, person.email));
    }
    const unprepared = members.filter((m) => m.status === 'sent').map((m) => m.email);
    if (services.skemaDeliveries && unprepared.length > 0) {
      const fared = await services.skemaDeliveries.statusesOf(
        { orgId: viewer.orgId, roundId, step: 3, audience: 'employee' },
        unprepared,
      );
      for (const m of members) m.delivery = fared.get(m.email) ?? null;
    }
    overview.members = members.sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }
  if (isHr) {
    // A partition read of the round; the texts stay on the server, only the counts leave it.
    overview.counts = countStatuses(await repositories.skemas.listByRound(viewer.orgId, roundId));
  }
  return overview;
}
