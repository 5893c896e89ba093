import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, RuleError } from '../mus/errors.js';
import {
  evaluationWindow,
  respondentRole,
  validateEvaluation,
  type EvaluationInput,
} from '../mus/evaluation.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import { EVALUATION_TEXTS } from '../../texts/evaluation.js';

export interface EvaluationServices {
  repositories: Pick<Repositories, 'rounds' | 'evaluations' | 'skemas'>;
  now: () => Date;
}

/** Said when a person answers a second time (also when two clicks race). */
export const ALREADY_ANSWERED = EVALUATION_TEXTS.submitEvaluation.alreadyAnswered;

const NOT_A_RESPONDENT = EVALUATION_TEXTS.submitEvaluation.notARespondent;

/** Whether the person had a skema in the round, as the one talked with or as the leader. */
async function tookPart(
  repositories: Pick<Repositories, 'skemas'>,
  person: Person,
  roundId: string,
): Promise<boolean> {
  if (await repositories.skemas.get(person.orgId, roundId, person.email)) return true;
  return (await repositories.skemas.listByLeader(person.orgId, roundId, person.email)).length > 0;
}

/**
 * A person answers step 5 of a round. Refuses (RuleError) when the evaluation is not open or the
 * person held no MUS in it, (ConflictError with ALREADY_ANSWERED) when they answered before, and
 * (ValidationError) when a score is missing or invalid or the comment too long. The answer is stored
 * with only the respondent's role and department; the receipt that they answered is stored apart.
 */
export async function submitEvaluation(
  services: EvaluationServices,
  person: Person,
  roundId: string,
  input: EvaluationInput,
): Promise<void> {
  const { rounds, evaluations } = services.repositories;
  const round = await rounds.get(person.orgId, roundId);
  if (!round) throw new NotFoundError(EVALUATION_TEXTS.submitEvaluation.roundDoesNotExist);
  const window = evaluationWindow(round.value, services.now());
  if (!window.open) throw new RuleError(window.reason);
  const role = respondentRole(person);
  // Only those who took part answer: an outsider's answers would pad a small group past the
  // anonymity threshold, and subtracting them would reveal the real participants' answers.
  if (!role || !(await tookPart(services.repositories, person, roundId))) {
    throw new RuleError(NOT_A_RESPONDENT);
  }
  if (await evaluations.hasAnswered(person.orgId, roundId, person.email)) {
    throw new ConflictError(undefined, ALREADY_ANSWERED);
  }
  const valid = validateEvaluation(input);
  try {
    await evaluations.submit(
      { orgId: person.orgId, roundId, personEmail: person.email },
      {
        orgId: person.orgId,
        roundId,
        // The table draws its own random key; this one is only for the type and never stored.
        id: randomUUID(),
        respondentRole: role,
        department: person.department,
        scores: valid.scores,
        ...(valid.comment ? { comment: valid.comment } : {}),
      },
    );
  } catch (error) {
    // Two clicks at once: the receipt is the atomic check, and the loser is told the same thing.
    if (error instanceof ConflictError) throw new ConflictError(undefined, ALREADY_ANSWERED);
    throw error;
  }
}
