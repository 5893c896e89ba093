import type { Bilingual } from '../mus/bilingual.js';
import { isPastDeadline } from '../mus/deadline.js';
import { ForbiddenError, NotFoundError } from '../mus/errors.js';
import { MIN_GROUP_SIZE } from '../mus/evaluation.js';
import type { EvaluationGroupResult } from '../mus/evaluation-results.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import { roundStep } from '../mus/round.js';
import type { EvaluationOverview } from '../overview/round-overview.js';
import { closedEvaluationResults } from './closed-evaluation-results.js';
import { EVALUATION_TEXTS } from '../../texts/evaluation.js';

/*
 * The evaluation as a leader sees it: the method evaluates the round together with the leaders, so
 * each leader sees the results of their own unit beside the whole organisation's. Nothing is
 * computed for the leader: they see exactly the groups HR's overview releases (all answers, and each
 * department group their employees belong to, or the merged group holding it), so no subtraction of
 * one view from another reveals fewer than five people. Comments stay with HR: a leader could
 * recognise their own employee's words, even in a group of five.
 */

export interface UnitEvaluation extends EvaluationOverview {
  /** The departments of the leader's employees in this round. */
  departments: string[];
}

export interface UnitEvaluationServices {
  repositories: Pick<Repositories, 'rounds' | 'skemas' | 'evaluations'>;
  now: () => Date;
}

const ONLY_LEADERS: Bilingual = EVALUATION_TEXTS.unitEvaluation.onlyLeaders;
const NOT_YET: Bilingual = EVALUATION_TEXTS.unitEvaluation.notYet;
const NO_UNIT_GROUP: Bilingual = EVALUATION_TEXTS.unitEvaluation.noUnitGroup;

function concerns(group: EvaluationGroupResult, departments: ReadonlySet<string>): boolean {
  if (group.kind === 'department') return departments.has(group.department ?? '');
  if (group.kind === 'others') return (group.departments ?? []).some((d) => departments.has(d));
  return false;
}

/** The released groups that concern the leader's unit, without comments; 403 for others. */
export async function unitEvaluation(
  services: UnitEvaluationServices,
  viewer: Person,
  roundId: string,
): Promise<UnitEvaluation> {
  const { rounds, skemas, evaluations } = services.repositories;
  const orgId = viewer.orgId;
  const stored = await rounds.get(orgId, roundId);
  if (!stored) throw new NotFoundError(EVALUATION_TEXTS.unitEvaluation.roundDoesNotExist);
  const round = stored.value;
  const unit = new Set(
    (await skemas.statusTally(orgId, roundId))
      .filter((t) => t.leaderEmail === viewer.email)
      .map((t) => t.department),
  );
  if (unit.size === 0) throw new ForbiddenError(ONLY_LEADERS);
  const step = roundStep(round, 5);
  const answers = step.launchedAt ? await evaluations.countAnswers(orgId, roundId) : 0;
  const available =
    Boolean(step.launchedAt) &&
    (round.closedAt !== undefined || isPastDeadline(step.deadline, services.now()));
  const base = {
    launched: Boolean(step.launchedAt),
    answers,
    resultsAvailable: available,
    resultsFrom: step.deadline,
    minGroupSize: MIN_GROUP_SIZE,
    departments: [...unit].sort((a, b) => a.localeCompare(b, 'da')),
  };
  if (!available) return { ...base, groups: [], withheld: answers ? [NOT_YET] : [] };
  const results = await closedEvaluationResults(evaluations, orgId, roundId, answers);
  const released = results.groups
    .filter((g) => g.kind === 'all' || concerns(g, unit))
    .map((g) => ({ ...g, comments: [] }));
  const withheld = released.some((g) => g.kind !== 'all') ? [] : [NO_UNIT_GROUP];
  return { ...base, answers: results.answers, groups: released, withheld };
}
