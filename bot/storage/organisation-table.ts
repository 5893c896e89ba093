import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Versioned } from '../mus/errors.js';
import type { Organisation } from '../mus/organisation.js';
import type { OrganisationRepository } from '../mus/repositories.js';
import { organisationSettingsSchema } from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { encodeKeyPart } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import { readEntity, statusOf, type RawEntity } from './table-operations.js';
import { replaceIfUnchanged } from './versioned-writes.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `organisations`: PK = <orgId> (the tenant), RK = `organisation`. Only point reads are
 * needed; a partition per tenant keeps room for per-tenant rows later without a new table.
 */

const ROW = 'organisation';
const hrContactSchema = z.object({
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
});
const WHAT = ERRORS_TEXTS.storage.whatOrganisation;

const organisationEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  name: z.string(),
  coreTask: z.string(),
  serviceUrl: z.string().optional(),
});

function toOrganisation(raw: RawEntity): Versioned<Organisation> {
  const row = parseEntity('organisations', raw, organisationEntity);
  return {
    etag: row.etag,
    value: {
      id: row.orgId,
      name: row.name,
      coreTask: row.coreTask,
      settings: readJsonProperty(raw, 'settings', organisationSettingsSchema),
      ...(raw.hrContact !== undefined
        ? { hrContact: readJsonProperty(raw, 'hrContact', hrContactSchema) }
        : {}),
      ...(row.serviceUrl ? { serviceUrl: row.serviceUrl } : {}),
    },
  };
}

function toEntity(org: Organisation): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: encodeKeyPart(org.id),
    rowKey: ROW,
    orgId: org.id,
    name: org.name,
    coreTask: org.coreTask,
    ...(org.serviceUrl ? { serviceUrl: org.serviceUrl } : {}),
    ...jsonProperties('settings', org.settings),
    ...(org.hrContact ? jsonProperties('hrContact', org.hrContact) : {}),
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

export class OrganisationTable implements OrganisationRepository {
  constructor(private readonly client: TableClient) {}

  async get(orgId: string): Promise<Versioned<Organisation> | undefined> {
    const raw = await readEntity(this.client, encodeKeyPart(orgId), ROW);
    return raw ? toOrganisation(raw) : undefined;
  }

  async ensure(org: Organisation): Promise<Versioned<Organisation>> {
    const entity = toEntity(org);
    // Two first requests from a new tenant may race to create it; the loser reads the winner's.
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.get(org.id);
      if (stored) return stored;
      try {
        const response = await this.client.createEntity(entity);
        if (response.etag) return { value: org, etag: response.etag };
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
    }
    const stored = await this.get(org.id);
    if (!stored) throw new Error(`organisation ${org.id} could neither be created nor read`);
    return stored;
  }

  async update(org: Organisation, etag: string): Promise<Versioned<Organisation>> {
    const newEtag = await replaceIfUnchanged(this.client, toEntity(org), etag, () =>
      this.get(org.id),
    );
    return { value: org, etag: newEtag };
  }

  async listIds(): Promise<string[]> {
    // One row per tenant: a scan of this small table is the simplest correct answer.
    const ids: string[] = [];
    const rows = this.client.listEntities<{ orgId: string }>({
      queryOptions: { filter: odata`RowKey eq ${ROW}`, select: ['orgId'] },
    });
    for await (const row of rows) ids.push(row.orgId);
    return ids;
  }
}
