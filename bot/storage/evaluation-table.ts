import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError } from '../mus/errors.js';
import type { EvaluationAnswer, EvaluationReceipt } from '../mus/evaluation.js';
import type { EvaluationRepository } from '../mus/repositories.js';
import { scoresSchema } from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { isCounterRowKey, ShardedCounters } from './sharded-counters.js';
import { encodeKeyPart, joinKey, partitionFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import {
  deleteIfPresent,
  MAX_BATCH_OPERATIONS,
  queryEntities,
  readEntity,
  statusOf,
  type RawEntity,
} from './table-operations.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Two tables, so that an answer can never be joined to the person who gave it:
 *   `evaluationreceipts`  PK = <orgId>|<roundId>  RK = <personEmail>   only "this person answered"
 *   `evaluationanswers`   PK = <orgId>|<roundId>  RK = random UUID     the answer, with no email,
 *                                                                     no user id, no time of our own
 * The answer's RowKey is generated here, whatever id the caller passed, so no caller can make it
 * derivable from the person. The one link left is the Timestamp Azure stamps on both rows at the
 * submit: `restampAnswers` rewrites every answer of a round at once (run hourly while answers come
 * in), after which all answers carry the same few write times and none can be paired with a receipt.
 *
 * How many have answered is kept by counter rows in the answers' partition (sharded-counters.ts,
 * RK `!count|…`, counts only): each answer is created in one transaction with its count, so HR's
 * overview reads a few rows instead of every answer. A round answered before the counters existed
 * is counted by one scan, once.
 */

const WHAT = ERRORS_TEXTS.storage.whatEvaluationAnswer;

const ALREADY_ANSWERED = ERRORS_TEXTS.storage.alreadyAnswered;

const answerEntity = z.object({
  rowKey: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  respondentRole: z.enum(['leader', 'employee']),
  department: z.string(),
  comment: z.string().optional(),
});

function toAnswer(raw: RawEntity): EvaluationAnswer {
  const { rowKey, ...row } = parseEntity('evaluationanswers', raw, answerEntity);
  return { ...row, id: rowKey, scores: readJsonProperty(raw, 'scores', scoresSchema) };
}

function answerEntityToWrite(answer: EvaluationAnswer): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: joinKey(answer.orgId, answer.roundId),
    rowKey: randomUUID(),
    orgId: answer.orgId,
    roundId: answer.roundId,
    respondentRole: answer.respondentRole,
    department: answer.department,
    ...jsonProperties('scores', answer.scores),
    ...(answer.comment === undefined ? {} : { comment: answer.comment }),
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

type Counted = 'answers';

export class EvaluationTable implements EvaluationRepository {
  private readonly counters: ShardedCounters<Counted>;
  /** Rounds found to hold answers (and so not new) when an answer came in. */
  private readonly seenRows = new Set<string>();

  constructor(
    private readonly receipts: TableClient,
    private readonly answers: TableClient,
  ) {
    this.counters = new ShardedCounters(answers, ['answers']);
  }

  /** A round with no answers yet is counted by its counters alone from the first answer on. */
  private async markIfNew(partition: string): Promise<void> {
    if (this.counters.knownBaselined(partition) || this.seenRows.has(partition)) return;
    const first = await this.answers
      .listEntities({ queryOptions: { filter: partitionFilter(partition), select: ['RowKey'] } })
      .byPage({ maxPageSize: 1 })
      .next();
    if (first.done || first.value.length === 0) await this.counters.markNew(partition);
    // Not new: if it has no baseline yet (rows from before the counters), the first count takes it.
    else this.seenRows.add(partition);
  }

  async submit(receipt: EvaluationReceipt, answer: EvaluationAnswer): Promise<void> {
    // Checked before the receipt is written, so a too-large answer leaves no trace at all.
    const answerRow = answerEntityToWrite(answer);
    const receiptRow: EntityToWrite = {
      partitionKey: joinKey(receipt.orgId, receipt.roundId),
      rowKey: encodeKeyPart(receipt.personEmail),
      orgId: receipt.orgId,
      roundId: receipt.roundId,
      personEmail: receipt.personEmail,
    };
    assertWithinTableLimits(receiptRow, WHAT);
    // The receipt first: creating it is the atomic "only once per person" check.
    try {
      await this.receipts.createEntity(receiptRow);
    } catch (error) {
      if (statusOf(error) === 409) throw new ConflictError(undefined, ALREADY_ANSWERED);
      throw error;
    }
    try {
      await this.markIfNew(answerRow.partitionKey);
      await this.counters.commit(answerRow.partitionKey, [['create', answerRow]], { answers: 1 });
    } catch (error) {
      // Without the answer the receipt would wrongly stop reminders and block a new attempt.
      await deleteIfPresent(this.receipts, receiptRow.partitionKey, receiptRow.rowKey);
      throw error;
    }
  }

  async hasAnswered(orgId: string, roundId: string, personEmail: string): Promise<boolean> {
    const raw = await readEntity(
      this.receipts,
      joinKey(orgId, roundId),
      encodeKeyPart(personEmail),
    );
    return raw !== undefined;
  }

  async removeReceipt(orgId: string, roundId: string, personEmail: string): Promise<void> {
    await deleteIfPresent(this.receipts, joinKey(orgId, roundId), encodeKeyPart(personEmail));
  }

  async listAnswers(orgId: string, roundId: string): Promise<EvaluationAnswer[]> {
    const rows = await queryEntities(this.answers, partitionFilter(joinKey(orgId, roundId)));
    return rows.filter((raw) => !isCounterRowKey(raw.rowKey as string)).map(toAnswer);
  }

  async restampAnswers(orgId: string, roundId: string): Promise<number> {
    const partition = joinKey(orgId, roundId);
    const keys: string[] = [];
    const rows = this.answers.listEntities({
      queryOptions: { filter: partitionFilter(partition), select: ['RowKey'] },
    });
    for await (const row of rows) if (!isCounterRowKey(row.rowKey)) keys.push(String(row.rowKey));
    // A merge without properties changes nothing but the row's Timestamp; 100 rows per request.
    for (let i = 0; i < keys.length; i += MAX_BATCH_OPERATIONS) {
      await this.answers.submitTransaction(
        keys
          .slice(i, i + MAX_BATCH_OPERATIONS)
          .map((rowKey) => ['update', { partitionKey: partition, rowKey }, 'Merge']),
      );
    }
    return keys.length;
  }

  async countAnswers(orgId: string, roundId: string): Promise<number> {
    const partition = joinKey(orgId, roundId);
    const stored = await this.counters.read(partition);
    if (stored.baselined) return stored.counts.answers;
    const scan = async () => {
      let answers = 0;
      const rows = this.answers.listEntities({
        queryOptions: { filter: partitionFilter(partition), select: ['RowKey'] },
      });
      for await (const row of rows) if (!isCounterRowKey(row.rowKey)) answers += 1;
      return { answers };
    };
    const taken = await this.counters.takeBaseline(partition, scan);
    if (taken.ok) return (await this.counters.read(partition)).counts.answers;
    return (taken.scanned ?? (await scan())).answers;
  }
}
