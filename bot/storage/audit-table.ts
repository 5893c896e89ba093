import { personRef } from '../logger.js';
import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../mus/audit.js';
import type { AuditRepository } from '../mus/repositories.js';
import { parseEntity } from './json-properties.js';
import { encodeKeyPart, joinKey, partitionFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import {
  definedProperties,
  deleteIfPresent,
  mapWithLimit,
  type RawEntity,
} from './table-operations.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `auditlog`: PK = <orgId>|<employeeEmail>, RK = <inverted time>|<random>. One partition per
 * person whose data was read, so "who opened my skema" is one partition query, and the inverted time
 * (a fixed-width count of milliseconds before year 9999) makes the service return the newest lines
 * first. The random suffix keeps two reads in the same millisecond apart. Lines are only ever
 * added, except by erasure.
 */

const WHAT = ERRORS_TEXTS.storage.whatAuditEntry;
const MAX_TIME = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const TIME_WIDTH = 15;

const auditEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  orgId: z.string(),
  employeeEmail: z.string(),
  viewerEmail: z.string().optional(),
  viewerName: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]),
  roundId: z.string().optional(),
  reason: z.string().optional(),
  at: z.string(),
});

function invertedTime(at: string): string {
  const ms = new Date(at).getTime();
  return String(MAX_TIME - ms).padStart(TIME_WIDTH, '0');
}

function toEntry(raw: RawEntity): AuditEntry {
  const row = parseEntity('auditlog', raw, auditEntity);
  const entry: AuditEntry = {
    orgId: row.orgId,
    employeeEmail: row.employeeEmail,
    action: row.action,
    at: row.at,
  };
  if (row.viewerEmail !== undefined) {
    entry.viewer = { email: row.viewerEmail, name: row.viewerName ?? row.viewerEmail };
  }
  if (row.roundId !== undefined) entry.roundId = row.roundId;
  if (row.reason !== undefined) entry.reason = row.reason;
  return entry;
}

/** How an erased viewer is named in the audit lines that stay: this prefix and a hash of the email. */
export const ERASED_VIEWER_PREFIX = 'erased:';

export class AuditTable implements AuditRepository {
  constructor(private readonly client: TableClient) {}

  async record(entry: AuditEntry): Promise<void> {
    const entity: EntityToWrite = {
      partitionKey: joinKey(entry.orgId, entry.employeeEmail),
      rowKey: `${invertedTime(entry.at)}|${randomBytes(6).toString('hex')}`,
      ...definedProperties({
        orgId: entry.orgId,
        employeeEmail: entry.employeeEmail,
        viewerEmail: entry.viewer?.email,
        viewerName: entry.viewer?.name,
        action: entry.action,
        roundId: entry.roundId,
        reason: entry.reason,
        at: entry.at,
      }),
    };
    assertWithinTableLimits(entity, WHAT);
    await this.client.createEntity(entity);
  }

  async listAbout(orgId: string, employeeEmail: string, limit: number): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    const pages = this.client
      .listEntities<Record<string, unknown>>({
        queryOptions: { filter: partitionFilter(joinKey(orgId, employeeEmail)) },
      })
      .byPage({ maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      for (const raw of page) {
        if (entries.length >= limit) return entries;
        entries.push(toEntry(raw));
      }
    }
    return entries;
  }

  async removeAbout(orgId: string, employeeEmail: string): Promise<number> {
    const pk = joinKey(orgId, employeeEmail);
    let removed = 0;
    const rows = this.client.listEntities({
      queryOptions: { filter: partitionFilter(pk), select: ['RowKey'] },
    });
    for await (const row of rows) {
      await deleteIfPresent(this.client, pk, String(row.rowKey));
      removed += 1;
    }
    return removed;
  }

  async removeOlderThan(orgId: string, before: Date): Promise<number> {
    // Every person's trail in the organisation: the partitions `<orgId>|…`. Older lines have larger
    // inverted times, so the row key range starts just above the cut-off's (`~` sorts after `|`).
    const first = `${encodeKeyPart(orgId)}|`;
    const afterLast = `${encodeKeyPart(orgId)}}`;
    const oldest = `${invertedTime(before.toISOString())}~`;
    const rows = this.client.listEntities({
      queryOptions: {
        filter: odata`PartitionKey ge ${first} and PartitionKey lt ${afterLast} and RowKey gt ${oldest}`,
        select: ['PartitionKey', 'RowKey'],
      },
    });
    const old: { pk: string; rk: string }[] = [];
    for await (const row of rows)
      old.push({ pk: String(row.partitionKey), rk: String(row.rowKey) });
    await mapWithLimit(old, 16, ({ pk, rk }) => deleteIfPresent(this.client, pk, rk));
    return old.length;
  }

  async anonymiseViewer(orgId: string, viewerEmail: string): Promise<number> {
    // A viewer's lines sit in other people's partitions: a filtered scan, fine for a rare erasure.
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`orgId eq ${orgId} and viewerEmail eq ${viewerEmail}` },
    });
    let changed = 0;
    for await (const raw of rows) {
      const row = parseEntity('auditlog', raw, auditEntity);
      // The line stays, with a stable pseudonym for who it was: the reads of one erased person can
      // still be told apart from another's, and nobody can empty a trail by having themselves erased.
      const ref = personRef(viewerEmail);
      const entity: EntityToWrite = {
        partitionKey: row.partitionKey,
        rowKey: row.rowKey,
        ...definedProperties({
          orgId: row.orgId,
          employeeEmail: row.employeeEmail,
          viewerEmail: `${ERASED_VIEWER_PREFIX}${ref}`,
          viewerName: `Slettet person / Erased person (${ref})`,
          action: row.action,
          roundId: row.roundId,
          reason: row.reason,
          at: row.at,
        }),
      };
      await this.client.updateEntity(entity, 'Replace');
      changed += 1;
    }
    return changed;
  }
}
