import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Versioned } from '../mus/errors.js';
import type { PrivateNoteRepository } from '../mus/repositories.js';
import type { PrivateNote } from '../mus/skema.js';
import { parseEntity } from './json-properties.js';
import { encodeKeyPart, joinKey } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import { deleteIfPresent, readEntity, type RawEntity } from './table-operations.js';
import { createUnlessPresent, replaceIfUnchanged } from './versioned-writes.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `privatenotes`: PK = <orgId>|<roundId>, RK = <employeeEmail>. A table of its own, not rows
 * beside the skema, so that no query for skemas can ever return a leader's private notes.
 */

const WHAT = ERRORS_TEXTS.storage.whatPrivateNote;

const noteEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  employeeEmail: z.string(),
  leaderEmail: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});

function toNote(raw: RawEntity): Versioned<PrivateNote> {
  const { etag, ...value } = parseEntity('privatenotes', raw, noteEntity);
  return { etag, value };
}

function toEntity(note: PrivateNote): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: joinKey(note.orgId, note.roundId),
    rowKey: encodeKeyPart(note.employeeEmail),
    orgId: note.orgId,
    roundId: note.roundId,
    employeeEmail: note.employeeEmail,
    leaderEmail: note.leaderEmail,
    text: note.text,
    updatedAt: note.updatedAt,
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

export class PrivateNoteTable implements PrivateNoteRepository {
  constructor(private readonly client: TableClient) {}

  async get(
    orgId: string,
    roundId: string,
    employeeEmail: string,
  ): Promise<Versioned<PrivateNote> | undefined> {
    const raw = await readEntity(
      this.client,
      joinKey(orgId, roundId),
      encodeKeyPart(employeeEmail),
    );
    return raw ? toNote(raw) : undefined;
  }

  async save(note: PrivateNote, etag: string | undefined): Promise<Versioned<PrivateNote>> {
    const entity = toEntity(note);
    const current = (): Promise<Versioned<PrivateNote> | undefined> =>
      this.get(note.orgId, note.roundId, note.employeeEmail);
    const newEtag =
      etag === undefined
        ? await createUnlessPresent(this.client, entity, current)
        : await replaceIfUnchanged(this.client, entity, etag, current);
    return { value: note, etag: newEtag };
  }

  async remove(orgId: string, roundId: string, employeeEmail: string): Promise<void> {
    await deleteIfPresent(this.client, joinKey(orgId, roundId), encodeKeyPart(employeeEmail));
  }
}
