import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type {
  InstallAttempt,
  InstallAttemptStore,
  StoredInstallAttempt,
} from '../rollout/install-attempts.js';
import { parseEntity } from './json-properties.js';
import { encodeKeyPart, joinKey, partitionFilter } from './table-keys.js';
import {
  definedProperties,
  deleteIfPresent,
  queryEntities,
  readEntity,
  statusOf,
} from './table-operations.js';

/*
 * Table `installattempts`: PK = <orgId>|<roundId>, RK = the person's email. One row per person the
 * app asked Graph to install it for in a round (bot/rollout/install-attempts.ts); HR's round card
 * counts the round's partition. Every write is a create or a replace at the ETag read, so two
 * instances never both claim a person. PK = <orgId>, RK = `pause`: until when Graph asked to leave the
 * tenant alone (throttling, missing consent), so every instance keeps to it.
 */

const PAUSE = 'pause';

const INSTALL_STATES = ['requesting', 'retry', 'installed', 'gave-up'] as const;
const INSTALL_OUTCOMES = [
  'installed',
  'already-installed',
  'no-consent',
  'unknown-user',
  'throttled',
  'failed',
] as const;

const attemptEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  email: z.string(),
  state: z.enum(INSTALL_STATES),
  attempts: z.number().int().nonnegative(),
  lastOutcome: z.enum(INSTALL_OUTCOMES).optional(),
  notBefore: z.string(),
  updatedAt: z.string(),
});

function toAttempt(raw: Record<string, unknown> & { etag: string }): StoredInstallAttempt {
  const { etag, ...value } = parseEntity('installattempts', raw, attemptEntity);
  return { etag, value };
}

export class InstallAttemptTable implements InstallAttemptStore {
  constructor(private readonly client: TableClient) {}

  async get(
    orgId: string,
    roundId: string,
    email: string,
  ): Promise<StoredInstallAttempt | undefined> {
    const raw = await readEntity(this.client, joinKey(orgId, roundId), encodeKeyPart(email));
    return raw ? toAttempt(raw) : undefined;
  }

  async list(orgId: string, roundId: string): Promise<InstallAttempt[]> {
    const rows = await queryEntities(this.client, partitionFilter(joinKey(orgId, roundId)));
    return rows.map((raw) => toAttempt(raw).value);
  }

  async write(attempt: InstallAttempt, etag: string | undefined): Promise<string | undefined> {
    const entity = {
      partitionKey: joinKey(attempt.orgId, attempt.roundId),
      rowKey: encodeKeyPart(attempt.email),
      ...definedProperties({ ...attempt }),
    };
    try {
      const response =
        etag === undefined
          ? await this.client.createEntity(entity)
          : await this.client.updateEntity(entity, 'Replace', { etag });
      return response.etag;
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return undefined;
      throw error;
    }
  }

  async pausedUntil(orgId: string): Promise<string | undefined> {
    const raw = await readEntity(this.client, encodeKeyPart(orgId), PAUSE);
    return typeof raw?.until === 'string' ? raw.until : undefined;
  }

  async pause(orgId: string, until: string): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: encodeKeyPart(orgId), rowKey: PAUSE, orgId, until },
      'Replace',
    );
  }

  async removePerson(orgId: string, roundIds: readonly string[], email: string): Promise<number> {
    let removed = 0;
    for (const roundId of roundIds) {
      if (!(await this.get(orgId, roundId, email))) continue;
      await deleteIfPresent(this.client, joinKey(orgId, roundId), encodeKeyPart(email));
      removed += 1;
    }
    return removed;
  }
}
