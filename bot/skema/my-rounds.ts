import { hasRole, type Person } from '../mus/person.js';
import type { RoundKind } from '../mus/round.js';
import type { SkemaStatus } from '../mus/skema.js';
import { countStatuses, type StatusCounts } from './leader-team.js';
import type { SkemaServices } from './skema-services.js';

export type RoundRole = 'employee' | 'leader' | 'hr';

/** A round as the tab lists it for one viewer. */
export interface RoundSummary {
  id: string;
  name: string;
  kind: RoundKind;
  createdAt: string;
  closedAt: string | null;
  steps: { step: number; deadline: string; launchedAt: string | null }[];
  /** How the viewer takes part: their own skema, a team to talk with, HR's overview. */
  roles: RoundRole[];
  /** The viewer's own skema in this round, if they have one. */
  mySkema: { status: SkemaStatus; leaderEmail: string; talkAt: string | null } | null;
  /** The statuses of the viewer's team's skemas, if they lead anyone in this round. */
  team: StatusCounts | null;
}

/**
 * The rounds the viewer takes part in, newest first: as employee (a skema of their own), as leader
 * (skemas they hold the talk for) or as HR (every round of the organisation).
 */
export async function myRounds(services: SkemaServices, viewer: Person): Promise<RoundSummary[]> {
  const { repositories } = services;
  const isHr = hasRole(viewer, 'hr');
  const leads = hasRole(viewer, 'leader');
  const rounds = await repositories.rounds.list(viewer.orgId);
  const summaries = await Promise.all(
    rounds.map(async (round): Promise<RoundSummary | undefined> => {
      const [own, team] = await Promise.all([
        repositories.skemas.get(viewer.orgId, round.id, viewer.email),
        leads
          ? repositories.skemas.listByLeader(viewer.orgId, round.id, viewer.email)
          : Promise.resolve([]),
      ]);
      const roles: RoundRole[] = [];
      if (own) roles.push('employee');
      if (team.length) roles.push('leader');
      if (isHr) roles.push('hr');
      if (!roles.length) return undefined;
      return {
        id: round.id,
        name: round.name,
        kind: round.kind,
        createdAt: round.createdAt,
        closedAt: round.closedAt ?? null,
        steps: round.steps.map((s) => ({
          step: s.step,
          deadline: s.deadline,
          launchedAt: s.launchedAt ?? null,
        })),
        roles,
        mySkema: own
          ? {
              status: own.value.status,
              leaderEmail: own.value.leaderEmail,
              talkAt: own.value.talkAt ?? null,
            }
          : null,
        team: team.length ? countStatuses(team.map((s) => s.value)) : null,
      };
    }),
  );
  return summaries
    .filter((s): s is RoundSummary => s !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
