import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { TenantLeaseRow, TenantLeaseStore } from '../rollout/tenant-lease.js';
import { parseEntity } from './json-properties.js';
import { encodeKeyPart } from './table-keys.js';
import { readEntity, statusOf } from './table-operations.js';

/*
 * Which dispatcher process sends a tenant's cards (bot/rollout/tenant-lease.ts). The rows live in
 * the `dispatchqueue` table next to the markers of the steps with work, in their own partition:
 * PK = `tenantlease`, RK = the org id. One small row per tenant that ever had a rollout; every
 * write is guarded by its ETag. `renewedAt` is for people reading the table; the processes never
 * compare it with their clocks.
 */

const PARTITION = 'tenantlease';

const leaseEntity = z.object({ etag: z.string(), orgId: z.string(), owner: z.string() });

export class TenantLeaseTable implements TenantLeaseStore {
  constructor(private readonly client: TableClient) {}

  private entity(orgId: string, owner: string) {
    return {
      partitionKey: PARTITION,
      rowKey: encodeKeyPart(orgId),
      orgId,
      owner,
      renewedAt: new Date().toISOString(),
    };
  }

  async read(orgId: string): Promise<TenantLeaseRow | undefined> {
    const raw = await readEntity(this.client, PARTITION, encodeKeyPart(orgId));
    return raw ? parseEntity('dispatchqueue', raw, leaseEntity) : undefined;
  }

  async create(orgId: string, owner: string): Promise<string | undefined> {
    try {
      const response = await this.client.createEntity(this.entity(orgId, owner));
      return response.etag;
    } catch (error) {
      if (statusOf(error) === 409) return undefined;
      throw error;
    }
  }

  async write(orgId: string, owner: string, etag: string): Promise<string | undefined> {
    try {
      const response = await this.client.updateEntity(this.entity(orgId, owner), 'Replace', {
        etag,
      });
      return response.etag;
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
