import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Agreement } from '../mus/agreement.js';
import type { Versioned } from '../mus/errors.js';
import type { AgreementRepository } from '../mus/repositories.js';
import { agreementStatusSchema } from './domain-schemas.js';
import { parseEntity } from './json-properties.js';
import { encodeKeyPart, joinKey, partitionFilter, rowKeyPrefixFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import { deleteIfPresent, queryEntities, readEntity, type RawEntity } from './table-operations.js';
import { createUnlessPresent, replaceIfUnchanged } from './versioned-writes.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `agreements`: PK = <orgId>|<roundId>, RK = <employeeEmail>|<agreementId>. One employee's
 * agreements are a RowKey range in the round's partition, so listing them for a skema is one range
 * query; follow-up across a round is one partition query.
 */

const WHAT = ERRORS_TEXTS.storage.whatAgreement;

const agreementEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  employeeEmail: z.string(),
  id: z.string(),
  what: z.string(),
  ownerEmail: z.string(),
  dueDate: z.string(),
  status: agreementStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

function agreementKey(employeeEmail: string, id: string): string {
  return joinKey(employeeEmail, id);
}

function toAgreement(raw: RawEntity): Versioned<Agreement> {
  const { etag, ...value } = parseEntity('agreements', raw, agreementEntity);
  return { etag, value };
}

function toEntity(agreement: Agreement): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: joinKey(agreement.orgId, agreement.roundId),
    rowKey: agreementKey(agreement.employeeEmail, agreement.id),
    orgId: agreement.orgId,
    roundId: agreement.roundId,
    employeeEmail: agreement.employeeEmail,
    id: agreement.id,
    what: agreement.what,
    ownerEmail: agreement.ownerEmail,
    dueDate: agreement.dueDate,
    status: agreement.status,
    createdAt: agreement.createdAt,
    updatedAt: agreement.updatedAt,
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

export class AgreementTable implements AgreementRepository {
  constructor(private readonly client: TableClient) {}

  async add(agreement: Agreement): Promise<Versioned<Agreement>> {
    const etag = await createUnlessPresent(this.client, toEntity(agreement), () =>
      this.get(agreement.orgId, agreement.roundId, agreement.employeeEmail, agreement.id),
    );
    return { value: agreement, etag };
  }

  async get(
    orgId: string,
    roundId: string,
    employeeEmail: string,
    id: string,
  ): Promise<Versioned<Agreement> | undefined> {
    const raw = await readEntity(
      this.client,
      joinKey(orgId, roundId),
      agreementKey(employeeEmail, id),
    );
    return raw ? toAgreement(raw) : undefined;
  }

  async listForSkema(
    orgId: string,
    roundId: string,
    employeeEmail: string,
  ): Promise<Versioned<Agreement>[]> {
    const rows = await queryEntities(
      this.client,
      rowKeyPrefixFilter(joinKey(orgId, roundId), `${encodeKeyPart(employeeEmail)}|`),
    );
    return rows.map(toAgreement);
  }

  async update(agreement: Agreement, etag: string): Promise<Versioned<Agreement>> {
    const newEtag = await replaceIfUnchanged(this.client, toEntity(agreement), etag, () =>
      this.get(agreement.orgId, agreement.roundId, agreement.employeeEmail, agreement.id),
    );
    return { value: agreement, etag: newEtag };
  }

  async remove(orgId: string, roundId: string, employeeEmail: string, id: string): Promise<void> {
    await deleteIfPresent(this.client, joinKey(orgId, roundId), agreementKey(employeeEmail, id));
  }

  async listByRound(orgId: string, roundId: string): Promise<Versioned<Agreement>[]> {
    const rows = await queryEntities(this.client, partitionFilter(joinKey(orgId, roundId)));
    return rows.map(toAgreement);
  }

  async listDueBetween(
    orgId: string,
    roundId: string,
    from: string,
    to: string,
  ): Promise<Versioned<Agreement>[]> {
    // ISO dates compare as strings, so the service filters the round's partition for us.
    const rows = await queryEntities(
      this.client,
      odata`PartitionKey eq ${joinKey(orgId, roundId)} and dueDate ge ${from} and dueDate le ${to}`,
    );
    return rows.map(toAgreement);
  }
}
