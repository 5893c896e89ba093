import { summariseEvaluation, type EvaluationResults } from '../mus/evaluation-results.js';
import type { EvaluationRepository } from '../mus/repositories.js';

/*
 * The results of an evaluation that has closed, computed once and kept. Once the evaluation is closed
 * (its deadline passed or the round closed) no answer is accepted any more (evaluationWindow refuses
 * late and repeated submits), and answers are never changed or deleted: erasure and retention keep
 * them. So the set of answers only ever grows, and the number of answers identifies it: results
 * summarised from N answers are the results for as long as the round has N answers. The count is
 * read from the round's counters on every page view; a submit that passed the window check just
 * before the close and landed just after it changes the count, and the results are computed again.
 *
 * Kept in memory, per repository (so separate storages never share results) and per round, a few
 * rounds at a time: the first page view after a restart reads the answers once.
 */

const ROUNDS_KEPT = 20;

interface Kept {
  answers: number;
  results: Promise<EvaluationResults>;
}

const kept = new WeakMap<object, Map<string, Kept>>();

/**
 * The summarised results of a closed evaluation with `answers` answers (from countAnswers), computed
 * from the stored answers the first time and kept while the count stays the same. Only for an
 * evaluation that has closed: while it is open, answers still come in.
 */
export async function closedEvaluationResults(
  evaluations: Pick<EvaluationRepository, 'listAnswers'>,
  orgId: string,
  roundId: string,
  answers: number,
): Promise<EvaluationResults> {
  let rounds = kept.get(evaluations);
  if (!rounds) {
    rounds = new Map();
    kept.set(evaluations, rounds);
  }
  const key = `${orgId}\n${roundId}`;
  const hit = rounds.get(key);
  if (hit && hit.answers === answers) return hit.results;

  const results = evaluations.listAnswers(orgId, roundId).then((list) => summariseEvaluation(list));
  const entry: Kept = { answers, results };
  rounds.delete(key);
  rounds.set(key, entry);
  if (rounds.size > ROUNDS_KEPT) rounds.delete(rounds.keys().next().value!);
  try {
    const summary = await results;
    // Answers that landed between the count and the read: keep the results under their own count.
    if (summary.answers !== answers) entry.answers = summary.answers;
    return summary;
  } catch (error) {
    if (rounds.get(key) === entry) rounds.delete(key);
    throw error;
  }
}
