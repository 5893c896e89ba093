import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';

/** Rounds closed longer ago than this got their last answers restamped on earlier passes. */
const SETTLED_AFTER_MS = 7 * 24 * 3_600_000;

/**
 * Keeps the anonymous evaluation answers apart from the receipts that say who answered: storage stamps
 * both rows with the time of the submit, so each pass rewrites every answer of a round that got new
 * answers since the last pass (hourly), after which all its answers carry the same write time.
 */
export class AnswerTimeBlurrer {
  /** Answers a round had at its last restamp, by org and round. */
  private readonly restampedAt = new Map<string, number>();

  constructor(
    private readonly repositories: Repositories,
    private readonly log: Logger,
  ) {}

  /** One pass over every organisation; returns how many rounds were restamped. */
  async run(now: Date): Promise<number> {
    const { organisations, rounds, evaluations } = this.repositories;
    let restamped = 0;
    for (const orgId of await organisations.listIds()) {
      for (const round of await rounds.list(orgId)) {
        const evaluated = round.steps.some((s) => s.step === 5 && s.launchedAt);
        const settled =
          round.closedAt !== undefined &&
          now.getTime() - Date.parse(round.closedAt) > SETTLED_AFTER_MS;
        if (!evaluated || settled || round.retentionAppliedAt) continue;
        const key = `${orgId}\n${round.id}`;
        const answers = await evaluations.countAnswers(orgId, round.id);
        if (answers === 0 || this.restampedAt.get(key) === answers) continue;
        await evaluations.restampAnswers(orgId, round.id);
        this.restampedAt.set(key, answers);
        restamped++;
      }
    }
    if (restamped > 0) this.log.info({ rounds: restamped }, 'evaluation answers restamped');
    return restamped;
  }
}
