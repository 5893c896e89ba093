import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, NotFoundError, type Versioned } from '../mus/errors.js';
import type { SkemaRepository, SkemaStatusTally, TalkRecord } from '../mus/repositories.js';
import type { Skema } from '../mus/skema.js';
import {
  followUpSchema,
  skemaStatusSchema,
  skemaTemplateSchema,
  talkClockSchema,
  textsSchema,
  understandingsSchema,
} from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import {
  pauseBeforeRetry,
  readTallies,
  TALLY_ATTEMPTS,
  tallyActions,
  tallyActionsFor,
} from './skema-status-tally.js';
import { encodeKeyPart, joinKey, rowKeyPrefixFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import { replaceIfUnchanged } from './versioned-writes.js';
import {
  definedProperties,
  mapWithLimit,
  queryEntities,
  readEntity,
  statusOf,
  transactionEtag,
  type RawEntity,
} from './table-operations.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `skemas`. A round's skemas share one partition, so listing a round is one partition query
 * and a skema and its index row change in one transaction:
 *   PK = <orgId>|<roundId>   RK = s|<employeeEmail>                  the skema
 *                            RK = l|<leaderEmail>|<employeeEmail>    leader index (no data)
 *                            RK = c|<leaderEmail>|<department>       status counts for HR's overview
 *                                                                    (skema-status-tally.ts)
 * listByLeader reads the leader's index range and then the skemas by point reads, because callers
 * need each skema's own ETag; a copy in the index row would carry a different one. A team is a
 * dozen people, so these reads run in parallel and stay cheap.
 */

const SKEMA = 's|';
const LEADER = 'l|';
const WHAT = ERRORS_TEXTS.storage.whatSkema;
const PARALLEL_READS = 10;
/** Skemas per createMany transaction: two rows each plus at most one count row each, under 100. */
const CREATE_BATCH = 30;
/** Bytes of entities per createMany transaction, well under the service's 4 MiB for a batch. */
const CREATE_BATCH_BYTES = 2_000_000;
const PARALLEL_BATCHES = 8;

const skemaEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  employeeEmail: z.string(),
  leaderEmail: z.string(),
  department: z.string().optional(),
  status: skemaStatusSchema,
  talkAt: z.string().optional(),
  followUpDate: z.string().optional(),
  employeeComment: z.string().optional(),
  contentDeletedAt: z.string().optional(),
  sentAt: z.string(),
  preparedAt: z.string().optional(),
  heldAt: z.string().optional(),
  finalisedAt: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

const leaderIndexEntity = z.object({ employeeEmail: z.string() });

const TALK_RECORD_COLUMNS = [
  'employeeEmail',
  'leaderEmail',
  'department',
  'status',
  'talkAt',
  'heldAt',
  'finalisedAt',
  'acknowledgedAt',
] as const;

const talkRecordEntity = skemaEntity.pick({
  employeeEmail: true,
  leaderEmail: true,
  department: true,
  status: true,
  talkAt: true,
  heldAt: true,
  finalisedAt: true,
  acknowledgedAt: true,
});

function roundPartition(orgId: string, roundId: string): string {
  return joinKey(orgId, roundId);
}

function skemaKey(employeeEmail: string): string {
  return SKEMA + encodeKeyPart(employeeEmail);
}

function leaderPrefix(leaderEmail: string): string {
  return `${LEADER}${encodeKeyPart(leaderEmail)}|`;
}

function leaderKey(leaderEmail: string, employeeEmail: string): string {
  return leaderPrefix(leaderEmail) + encodeKeyPart(employeeEmail);
}

function toSkema(raw: RawEntity): Versioned<Skema> {
  // Spreading the parsed row keeps absent optional fields absent rather than `undefined`.
  const { etag, ...row } = parseEntity('skemas', raw, skemaEntity);
  return {
    etag,
    value: {
      ...row,
      template: readJsonProperty(raw, 'template', skemaTemplateSchema),
      answers: readJsonProperty(raw, 'answers', textsSchema),
      talkNotes: readJsonProperty(raw, 'talkNotes', textsSchema),
      understandings: readJsonProperty(raw, 'understandings', understandingsSchema),
      // Optional: skemas sent before follow-up existed, or with no previous agreements, have none.
      ...(typeof raw.followUp === 'string'
        ? { followUp: readJsonProperty(raw, 'followUp', followUpSchema) }
        : {}),
      // Optional: only talks started since the clock moved onto the skema have one.
      ...(typeof raw.talkClock === 'string'
        ? { talkClock: readJsonProperty(raw, 'talkClock', talkClockSchema) }
        : {}),
    },
  };
}

function toEntity(skema: Skema): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: roundPartition(skema.orgId, skema.roundId),
    rowKey: skemaKey(skema.employeeEmail),
    ...definedProperties({
      orgId: skema.orgId,
      roundId: skema.roundId,
      employeeEmail: skema.employeeEmail,
      leaderEmail: skema.leaderEmail,
      department: skema.department,
      status: skema.status,
      talkAt: skema.talkAt,
      followUpDate: skema.followUpDate,
      employeeComment: skema.employeeComment,
      contentDeletedAt: skema.contentDeletedAt,
      sentAt: skema.sentAt,
      preparedAt: skema.preparedAt,
      heldAt: skema.heldAt,
      finalisedAt: skema.finalisedAt,
      acknowledgedAt: skema.acknowledgedAt,
      updatedAt: skema.updatedAt,
      updatedBy: skema.updatedBy,
    }),
    ...jsonProperties('template', skema.template),
    ...jsonProperties('answers', skema.answers),
    ...jsonProperties('talkNotes', skema.talkNotes),
    ...jsonProperties('understandings', skema.understandings),
    ...(skema.followUp ? jsonProperties('followUp', skema.followUp) : {}),
    ...(skema.talkClock ? jsonProperties('talkClock', skema.talkClock) : {}),
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

function indexEntity(skema: Skema): EntityToWrite {
  return {
    partitionKey: roundPartition(skema.orgId, skema.roundId),
    rowKey: leaderKey(skema.leaderEmail, skema.employeeEmail),
    employeeEmail: skema.employeeEmail,
  };
}

export class SkemaTable implements SkemaRepository {
  constructor(private readonly client: TableClient) {}

  async createIfAbsent(skema: Skema): Promise<{ created: boolean; skema: Versioned<Skema> }> {
    const entity = toEntity(skema);
    const pk = roundPartition(skema.orgId, skema.roundId);
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.client.submitTransaction([
          ['create', entity],
          ['upsert', indexEntity(skema), 'Replace'],
          ...(await tallyActions(this.client, pk, undefined, skema)),
        ]);
        return { created: true, skema: { value: skema, etag: transactionEtag(response, 0) } };
      } catch (error) {
        // 409: the skema exists, or another new skema of the team created its count row first;
        // 412: another write changed the count row. Which one, the skema's presence tells.
        const status = statusOf(error);
        if (status !== 409 && status !== 412) throw error;
      }
      const stored = await this.get(skema.orgId, skema.roundId, skema.employeeEmail);
      if (stored) return { created: false, skema: stored };
      // Still absent after many lost races (or created and removed again meanwhile): report it.
      if (attempt >= TALLY_ATTEMPTS) throw new ConflictError<Skema>(undefined);
      await pauseBeforeRetry(attempt);
    }
  }

  async createMany(skemas: Skema[]): Promise<number> {
    // A team (same round and leader) shares its count rows, so it goes into one transaction and no
    // two transactions in flight race for the same count row.
    const teams = new Map<string, Skema[]>();
    const seen = new Set<string>();
    for (const skema of skemas) {
      // One transaction may not touch a row twice: a skema named twice is created once.
      const id = joinKey(skema.orgId, skema.roundId, skema.employeeEmail);
      if (seen.has(id)) continue;
      seen.add(id);
      const key = joinKey(skema.orgId, skema.roundId, skema.leaderEmail);
      teams.set(key, [...(teams.get(key) ?? []), skema]);
    }
    const perTeam = [...teams.values()].map((team) => {
      const batches: Skema[][] = [];
      let batch: Skema[] = [];
      let bytes = 0;
      for (const skema of team) {
        const size = JSON.stringify(toEntity(skema)).length;
        if (batch.length && (batch.length >= CREATE_BATCH || bytes + size > CREATE_BATCH_BYTES)) {
          batches.push(batch);
          batch = [];
          bytes = 0;
        }
        batch.push(skema);
        bytes += size;
      }
      if (batch.length) batches.push(batch);
      return batches;
    });
    // A team's batches run one after another; different teams in parallel.
    const created = await mapWithLimit(perTeam, PARALLEL_BATCHES, async (list) => {
      let n = 0;
      for (const batch of list) n += await this.createBatch(batch);
      return n;
    });
    return created.reduce((a, b) => a + b, 0);
  }

  /** One transaction for new skemas of one team; on any refusal, one by one with createIfAbsent. */
  private async createBatch(batch: Skema[]): Promise<number> {
    const pk = roundPartition(batch[0]!.orgId, batch[0]!.roundId);
    try {
      await this.client.submitTransaction([
        ...batch.flatMap((s): TransactionAction[] => [
          ['create', toEntity(s)],
          ['upsert', indexEntity(s), 'Replace'],
        ]),
        ...(await tallyActionsFor(
          this.client,
          pk,
          batch.map((after) => ({ before: undefined, after })),
        )),
      ]);
      return batch.length;
    } catch (error) {
      // 409: some skema exists (a repeated launch), or a count row was created meanwhile; 412: a
      // count row changed meanwhile. createIfAbsent sorts out each skema on its own.
      const status = statusOf(error);
      if (status !== 409 && status !== 412) throw error;
    }
    let n = 0;
    for (const skema of batch) if ((await this.createIfAbsent(skema)).created) n += 1;
    return n;
  }

  async get(
    orgId: string,
    roundId: string,
    employeeEmail: string,
  ): Promise<Versioned<Skema> | undefined> {
    const raw = await readEntity(
      this.client,
      roundPartition(orgId, roundId),
      skemaKey(employeeEmail),
    );
    return raw ? toSkema(raw) : undefined;
  }

  async listByRound(orgId: string, roundId: string): Promise<Skema[]> {
    const rows = await queryEntities(
      this.client,
      rowKeyPrefixFilter(roundPartition(orgId, roundId), SKEMA),
    );
    return rows.map((raw) => toSkema(raw).value);
  }

  async listTalkRecords(orgId: string, roundId: string): Promise<TalkRecord[]> {
    // Only the columns of the record: a round of 10,000 skemas without their answers and notes.
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: {
        filter: rowKeyPrefixFilter(roundPartition(orgId, roundId), SKEMA),
        select: [...TALK_RECORD_COLUMNS],
      },
    });
    const records: TalkRecord[] = [];
    for await (const raw of rows) {
      const { department, talkAt, heldAt, finalisedAt, acknowledgedAt, ...who } =
        talkRecordEntity.parse(raw);
      records.push({
        ...who,
        ...definedProperties({ department, talkAt, heldAt, finalisedAt, acknowledgedAt }),
      });
    }
    return records;
  }

  async listByLeader(
    orgId: string,
    roundId: string,
    leaderEmail: string,
  ): Promise<Versioned<Skema>[]> {
    const index = await queryEntities(
      this.client,
      rowKeyPrefixFilter(roundPartition(orgId, roundId), leaderPrefix(leaderEmail)),
    );
    const emails = index.map((raw) => parseEntity('skemas', raw, leaderIndexEntity).employeeEmail);
    const skemas = await mapWithLimit(emails, PARALLEL_READS, (email) =>
      this.get(orgId, roundId, email),
    );
    // The index is written with the skema, but a check is free and guards against old data.
    return skemas.filter(
      (s): s is Versioned<Skema> => s !== undefined && s.value.leaderEmail === leaderEmail,
    );
  }

  async update(skema: Skema, etag: string, previous?: Skema): Promise<Versioned<Skema>> {
    const entity = toEntity(skema);
    const pk = roundPartition(skema.orgId, skema.roundId);
    if (
      previous &&
      previous.status === skema.status &&
      previous.leaderEmail === skema.leaderEmail &&
      (previous.department ?? '') === (skema.department ?? '')
    ) {
      // A text edit (a draft save, talk notes): the ETag guarantees the stored version is
      // `previous`, so no index or count row changes, and one guarded Replace is enough.
      const newEtag = await replaceIfUnchanged(this.client, entity, etag, () =>
        this.get(skema.orgId, skema.roundId, skema.employeeEmail),
      );
      return { value: skema, etag: newEtag };
    }
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(skema.orgId, skema.roundId, skema.employeeEmail);
      if (!current) throw new NotFoundError();
      if (current.etag !== etag) throw new ConflictError(current);
      const actions: TransactionAction[] = [['update', entity, 'Replace', { etag }]];
      if (current.value.leaderEmail !== skema.leaderEmail) {
        const oldIndex = indexEntity(current.value);
        // Deleting a missing row would fail the whole transaction, so only delete what is there.
        if (await readEntity(this.client, oldIndex.partitionKey, oldIndex.rowKey)) {
          actions.push(['delete', oldIndex]);
        }
        actions.push(['upsert', indexEntity(skema), 'Replace']);
      }
      actions.push(...(await tallyActions(this.client, pk, current.value, skema)));
      try {
        const response = await this.client.submitTransaction(actions);
        return { value: skema, etag: transactionEtag(response, 0) };
      } catch (error) {
        const status = statusOf(error);
        if (status !== 412 && status !== 409) throw error;
        if (attempt >= TALLY_ATTEMPTS) {
          throw new ConflictError(await this.get(skema.orgId, skema.roundId, skema.employeeEmail));
        }
      }
      // Either the skema changed (the next pass reports the conflict) or only a count row did.
      await pauseBeforeRetry(attempt);
    }
  }

  async remove(orgId: string, roundId: string, employeeEmail: string): Promise<void> {
    const pk = roundPartition(orgId, roundId);
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(orgId, roundId, employeeEmail);
      if (!current) return;
      const index = indexEntity(current.value);
      // An index row missing from old data would fail the whole transaction: delete what is there.
      const hasIndex = (await readEntity(this.client, pk, index.rowKey)) !== undefined;
      const tally = await tallyActions(this.client, pk, current.value, undefined);
      // A transaction cannot delete by ETag, so check the skema is still the version counted: a
      // status change committed after this check also rewrites the count row, failing ours (412).
      if ((await this.get(orgId, roundId, employeeEmail))?.etag !== current.etag) {
        if (attempt >= TALLY_ATTEMPTS) throw new ConflictError<Skema>(undefined);
        continue;
      }
      try {
        await this.client.submitTransaction([
          ['delete', { partitionKey: pk, rowKey: skemaKey(employeeEmail) }],
          ...(hasIndex ? [['delete', index] satisfies TransactionAction] : []),
          ...tally,
        ]);
        return;
      } catch (error) {
        // Changed or removed by someone else meanwhile, or a count row raced: look again.
        const status = statusOf(error);
        if ((status !== 404 && status !== 409 && status !== 412) || attempt >= TALLY_ATTEMPTS) {
          throw error;
        }
      }
      await pauseBeforeRetry(attempt);
    }
  }

  async statusTally(orgId: string, roundId: string): Promise<SkemaStatusTally[]> {
    return readTallies(this.client, roundPartition(orgId, roundId));
  }
}
