import type { Logger } from '../logger.js';
import { ConflictError } from '../mus/errors.js';
import type { Repositories } from '../mus/repositories.js';
import { groupTalkHasTalkContent, groupTalkWithoutTalkContent } from '../mus/group-talk.js';
import { retentionDue, type Round } from '../mus/round.js';
import { hasTalkContent, RETENTION_ACTOR, withoutTalkContent } from '../mus/skema.js';

/*
 * The retention period (docs/architecture.md, "Who sees what"). Once a day, for every round that closed more than the
 * organisation's `retentionMonths` ago, the talk's texts are deleted: the employee's preparation
 * answers, the leader's shared talk notes, the employee's comment on the summary, the leader's
 * private notes, and a GRUS group talk's notes (except its agreements section). What was agreed is kept — the agreements with their status, and the follow-up copy
 * in later skemas — and so is the record that the talk took place: each skema's status, its dates
 * and the acknowledgement (acknowledgedAt). Evaluation answers are anonymous and are kept. Audit
 * trail lines have a period of their own (`auditRetentionMonths`, counted from the read), longer than
 * the texts', so a person can see who read their notes after the notes are gone. A round is marked when done, so later runs skip it; a run that fails half-way
 * leaves it unmarked and the next day's run finishes it (every step is safe to repeat).
 */

/** What one round's retention removed. */
export interface RetentionReport {
  orgId: string;
  roundId: string;
  skemas: number;
  answers: number;
  talkNotes: number;
  comments: number;
  privateNotes: number;
  /** GRUS group talks whose talk notes were deleted. */
  groupTalks: number;
}

/** Skemas cleaned at once: bounded so a 10,000-person round does not flood the storage account. */
const PARALLEL = 20;
const ATTEMPTS = 3;

async function inChunks<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) {
    await Promise.all(items.slice(i, i + PARALLEL).map(fn));
  }
}

async function purgeRound(
  repositories: Repositories,
  round: Round,
  now: Date,
): Promise<RetentionReport> {
  const report: RetentionReport = {
    orgId: round.orgId,
    roundId: round.id,
    skemas: 0,
    answers: 0,
    talkNotes: 0,
    comments: 0,
    privateNotes: 0,
    groupTalks: 0,
  };
  const skemas = await repositories.skemas.listByRound(round.orgId, round.id);
  await inChunks(skemas, async ({ employeeEmail }) => {
    for (let attempt = 1; ; attempt++) {
      // Read with the ETag: a closed round's skema is rarely written, but never overwrite blindly.
      const stored = await repositories.skemas.get(round.orgId, round.id, employeeEmail);
      if (!stored || !hasTalkContent(stored.value)) break;
      try {
        await repositories.skemas.update(withoutTalkContent(stored.value, now), stored.etag);
        report.skemas += 1;
        report.answers += Object.keys(stored.value.answers).length;
        report.talkNotes += Object.keys(stored.value.talkNotes).length;
        if (stored.value.employeeComment !== undefined) report.comments += 1;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
    const note = await repositories.privateNotes.get(round.orgId, round.id, employeeEmail);
    if (note) {
      await repositories.privateNotes.remove(round.orgId, round.id, employeeEmail);
      report.privateNotes += 1;
    }
  });
  const groupTalks = await repositories.groupTalks.listByRound(round.orgId, round.id);
  await inChunks(groupTalks, async ({ value: { leaderEmail } }) => {
    for (let attempt = 1; ; attempt++) {
      const stored = await repositories.groupTalks.get(round.orgId, round.id, leaderEmail);
      if (!stored || !groupTalkHasTalkContent(stored.value)) break;
      try {
        await repositories.groupTalks.update(
          groupTalkWithoutTalkContent(stored.value, now, RETENTION_ACTOR),
          stored.etag,
        );
        report.groupTalks += 1;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  });
  return report;
}

async function markApplied(repositories: Repositories, round: Round, now: Date): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const stored = await repositories.rounds.get(round.orgId, round.id);
    if (!stored || stored.value.retentionAppliedAt) return;
    try {
      await repositories.rounds.update(
        { ...stored.value, retentionAppliedAt: now.toISOString() },
        stored.etag,
      );
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * Applies the retention period to one organisation's closed rounds at `now`; logs and returns what
 * was deleted, per round.
 */
export async function applyRetention(
  deps: { repositories: Repositories; log: Logger },
  orgId: string,
  now: Date,
): Promise<RetentionReport[]> {
  const org = await deps.repositories.organisations.get(orgId);
  if (!org) return [];
  const months = org.value.settings.retentionMonths;
  const reports: RetentionReport[] = [];
  for (const round of await deps.repositories.rounds.list(orgId)) {
    if (!retentionDue(round, months, now)) continue;
    const report = await purgeRound(deps.repositories, round, now);
    await markApplied(deps.repositories, round, now);
    deps.log.info(
      { retention: 'applied', retentionMonths: months, closedAt: round.closedAt, ...report },
      'retention period passed: talk notes and answers deleted, agreements kept',
    );
    reports.push(report);
  }
  return reports;
}

/** Removes the organisation's audit trail lines older than its audit period; returns how many. */
export async function applyAuditRetention(
  deps: { repositories: Repositories; log: Logger },
  orgId: string,
  now: Date,
): Promise<number> {
  const org = await deps.repositories.organisations.get(orgId);
  if (!org) return 0;
  const months = org.value.settings.auditRetentionMonths;
  const cutOff = new Date(now);
  cutOff.setUTCMonth(cutOff.getUTCMonth() - months);
  const removed = await deps.repositories.audit.removeOlderThan(orgId, cutOff);
  if (removed > 0) {
    deps.log.info(
      { retention: 'audit', auditRetentionMonths: months, removed },
      'audit trail lines past their period deleted',
    );
  }
  return removed;
}

/** The daily job: every organisation in turn; one organisation's failure does not stop the rest. */
export async function runRetentionJob(
  deps: { repositories: Repositories; log: Logger },
  now: Date,
): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const orgId of await deps.repositories.organisations.listIds()) {
    try {
      reports.push(...(await applyRetention(deps, orgId, now)));
      await applyAuditRetention(deps, orgId, now);
    } catch (error) {
      deps.log.error({ err: error, orgId }, 'retention job failed for an organisation');
    }
  }
  return reports;
}
