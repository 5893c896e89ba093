import type { Bilingual } from '../mus/bilingual.js';
import { isPastDeadline } from '../mus/deadline.js';
import { ForbiddenError, NotFoundError } from '../mus/errors.js';
import { MIN_GROUP_SIZE } from '../mus/evaluation.js';
import { closedEvaluationResults } from '../evaluation/closed-evaluation-results.js';
import type { EvaluationGroupResult } from '../mus/evaluation-results.js';
import { hasRole, type Person } from '../mus/person.js';
import type { Repositories, SkemaStatusTally } from '../mus/repositories.js';
import { stepDefinition, type StepNumber } from '../mus/rollout-steps.js';
import { roundStep } from '../mus/round.js';
import { SKEMA_STATUSES, type SkemaStatus } from '../mus/skema.js';
import type { DeliveryStore, StepCounts } from '../rollout/delivery.js';
import { OVERVIEW_TEXTS } from '../../texts/overview.js';

/*
 * HR's overview of a round: how far each step's cards got, how far the talks are per department and
 * per leader, who is behind, and the evaluation as far as it may be shown. Statuses and counts only:
 * HR never sees what is written in a skema (docs/architecture.md, "Who sees what"). The skema counts come from the status
 * projection (SkemaRepository.statusTally), so a page view reads about one row per leader; the
 * step counts and the number of evaluation answers come from counter rows kept with the rows they
 * count; the evaluation's results are computed once it has closed and kept while no answer is added
 * (closedEvaluationResults). At 10,000 employees a page view reads neither the 10,000 delivery rows
 * of a step nor the answers.
 */

export interface OverviewServices {
  repositories: Pick<Repositories, 'rounds' | 'skemas' | 'evaluations' | 'people'>;
  deliveries: Pick<DeliveryStore, 'counts'>;
  now: () => Date;
}

/** Skemas counted by their current status; `total` is the sum. */
export interface SkemaCounts {
  total: number;
  byStatus: Record<SkemaStatus, number>;
}

export interface StepOverview {
  step: StepNumber;
  name: Bilingual;
  deadline: string;
  launchedAt: string | null;
  /** The step's cards, as DeliveryStore.counts reports them; all zero before the launch. */
  deliveries: StepCounts;
}

export interface DepartmentOverview extends SkemaCounts {
  /** The employee's department when the skema was sent; '' for skemas sent before it was kept. */
  department: string;
}

export interface LeaderOverview extends SkemaCounts {
  leaderEmail: string;
  /** The leader's name from the roster (the e-mail when they are no longer on it). */
  leaderName: string;
  /** The departments of the leader's employees. */
  departments: string[];
  /** Skemas whose talk has not been held yet (status sent or prepared). */
  notHeld: number;
  /** The step-4 deadline has passed and some talks are not held. */
  overdue: boolean;
}

export interface EvaluationOverview {
  launched: boolean;
  /** How many have answered so far. */
  answers: number;
  /**
   * Results are shown once the evaluation has closed (its deadline passed or the round closed):
   * while answers come in, comparing two page views would single out the newest answer.
   */
  resultsAvailable: boolean;
  /** The step-5 deadline; results are shown from the day after. */
  resultsFrom: string;
  minGroupSize: number;
  /** Only groups of at least `minGroupSize` answers; empty until `resultsAvailable`. */
  groups: EvaluationGroupResult[];
  /** Why some results are not shown. */
  withheld: Bilingual[];
}

export interface RoundOverview {
  round: { id: string; name: string; closedAt: string | null };
  generatedAt: string;
  steps: StepOverview[];
  skemas: SkemaCounts;
  departments: DepartmentOverview[];
  /** Overdue leaders first, then by email. */
  leaders: LeaderOverview[];
  overdueLeaders: number;
  evaluation: EvaluationOverview;
}

const ONLY_HR: Bilingual = OVERVIEW_TEXTS.roundOverview.onlyHr;
const NOT_YET_RESULTS: Bilingual = OVERVIEW_TEXTS.roundOverview.notYetResults;
const NO_DELIVERIES: StepCounts = { sent: 0, pending: 0, failed: 0, waiting: 0, notInstalled: 0 };

function emptyCounts(): SkemaCounts {
  const byStatus = Object.fromEntries(SKEMA_STATUSES.map((s) => [s, 0])) as Record<
    SkemaStatus,
    number
  >;
  return { total: 0, byStatus };
}

function addTo(counts: SkemaCounts, tally: SkemaStatusTally): void {
  for (const status of SKEMA_STATUSES) {
    counts.byStatus[status] += tally.byStatus[status];
    counts.total += tally.byStatus[status];
  }
}

/** The overview of one round for HR; anyone else gets 403. */
export async function roundOverview(
  services: OverviewServices,
  viewer: Person,
  roundId: string,
): Promise<RoundOverview> {
  if (!hasRole(viewer, 'hr')) throw new ForbiddenError(ONLY_HR);
  const { rounds, skemas, evaluations } = services.repositories;
  const orgId = viewer.orgId;
  const stored = await rounds.get(orgId, roundId);
  if (!stored) throw new NotFoundError(OVERVIEW_TEXTS.roundOverview.roundDoesNotExist);
  const round = stored.value;
  const now = services.now();
  const evaluationStep = roundStep(round, 5);

  const [deliveries, tallies, answerCount] = await Promise.all([
    Promise.all(
      round.steps.map((s) =>
        s.launchedAt
          ? services.deliveries.counts(orgId, roundId, s.step)
          : Promise.resolve(NO_DELIVERIES),
      ),
    ),
    skemas.statusTally(orgId, roundId),
    evaluationStep.launchedAt ? evaluations.countAnswers(orgId, roundId) : Promise.resolve(0),
  ]);

  const total = emptyCounts();
  const departments = new Map<string, DepartmentOverview>();
  const leaders = new Map<string, LeaderOverview & { departmentSet: Set<string> }>();
  for (const tally of tallies) {
    addTo(total, tally);
    const department = departments.get(tally.department) ?? {
      department: tally.department,
      ...emptyCounts(),
    };
    addTo(department, tally);
    departments.set(tally.department, department);
    const leader = leaders.get(tally.leaderEmail) ?? {
      leaderEmail: tally.leaderEmail,
      leaderName: tally.leaderEmail,
      departments: [],
      departmentSet: new Set<string>(),
      notHeld: 0,
      overdue: false,
      ...emptyCounts(),
    };
    addTo(leader, tally);
    leader.departmentSet.add(tally.department);
    leaders.set(tally.leaderEmail, leader);
  }

  // HR knows leaders by name: one listing of the roster names them all (not a read per leader).
  if (leaders.size > 0) {
    const names = new Map(
      (await services.repositories.people.list(orgId)).map((p) => [p.email, p.name]),
    );
    for (const leader of leaders.values()) {
      leader.leaderName = names.get(leader.leaderEmail) ?? leader.leaderEmail;
    }
  }

  const talksDue = isPastDeadline(roundStep(round, 4).deadline, now);
  const leaderList: LeaderOverview[] = [...leaders.values()].map(({ departmentSet, ...leader }) => {
    const notHeld = leader.byStatus.sent + leader.byStatus.prepared;
    return {
      ...leader,
      departments: [...departmentSet].sort((a, b) => a.localeCompare(b, 'da')),
      notHeld,
      overdue: talksDue && notHeld > 0,
    };
  });
  leaderList.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.leaderEmail.localeCompare(b.leaderEmail),
  );

  const resultsAvailable =
    Boolean(evaluationStep.launchedAt) &&
    (round.closedAt !== undefined || isPastDeadline(evaluationStep.deadline, now));
  const results = resultsAvailable
    ? await closedEvaluationResults(evaluations, orgId, roundId, answerCount)
    : undefined;
  const answers = results ? results.answers : answerCount;

  return {
    round: { id: round.id, name: round.name, closedAt: round.closedAt ?? null },
    generatedAt: now.toISOString(),
    steps: round.steps.map((s, i) => ({
      step: s.step,
      name: stepDefinition(s.step).name,
      deadline: s.deadline,
      launchedAt: s.launchedAt ?? null,
      deliveries: deliveries[i] ?? NO_DELIVERIES,
    })),
    skemas: total,
    departments: [...departments.values()].sort((a, b) =>
      a.department.localeCompare(b.department, 'da'),
    ),
    leaders: leaderList,
    overdueLeaders: leaderList.filter((l) => l.overdue).length,
    evaluation: {
      launched: Boolean(evaluationStep.launchedAt),
      answers,
      resultsAvailable,
      resultsFrom: evaluationStep.deadline,
      minGroupSize: MIN_GROUP_SIZE,
      groups: results?.groups ?? [],
      withheld: results ? results.withheld : answers ? [NOT_YET_RESULTS] : [],
    },
  };
}
