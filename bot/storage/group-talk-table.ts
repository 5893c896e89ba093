import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, type Versioned } from '../mus/errors.js';
import { GROUP_TALK_STATUSES, type GroupTalk } from '../mus/group-talk.js';
import type { GroupTalkRepository } from '../mus/repositories.js';
import { skemaTemplateSchema, textsSchema } from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { encodeKeyPart, joinKey, partitionFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import {
  definedProperties,
  deleteIfPresent,
  queryEntities,
  readEntity,
  type RawEntity,
} from './table-operations.js';
import { createUnlessPresent, replaceIfUnchanged } from './versioned-writes.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `grouptalks`: PK = <orgId>|<roundId>, RK = <leaderEmail>. A GRUS round's group talks are one
 * partition (a handful per leader, read whole for export and erasure); the leader's own talk is a
 * point read. Members, departments, template, notes and acknowledgements are JSON (split when long).
 */

const WHAT = ERRORS_TEXTS.storage.whatGroupTalk;

const groupTalkEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  leaderEmail: z.string(),
  status: z.enum(GROUP_TALK_STATUSES),
  followUpDate: z.string().optional(),
  createdAt: z.string(),
  heldAt: z.string().optional(),
  finalisedAt: z.string().optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

const emailsSchema = z.array(z.string());

function toGroupTalk(raw: RawEntity): Versioned<GroupTalk> {
  const { etag, ...row } = parseEntity('grouptalks', raw, groupTalkEntity);
  return {
    etag,
    value: {
      ...row,
      members: readJsonProperty(raw, 'members', emailsSchema),
      departments: readJsonProperty(raw, 'departments', emailsSchema),
      template: readJsonProperty(raw, 'template', skemaTemplateSchema),
      notes: readJsonProperty(raw, 'notes', textsSchema),
      acknowledgedBy: readJsonProperty(raw, 'acknowledgedBy', textsSchema),
    },
  };
}

function toEntity(talk: GroupTalk): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: joinKey(talk.orgId, talk.roundId),
    rowKey: encodeKeyPart(talk.leaderEmail),
    ...definedProperties({
      orgId: talk.orgId,
      roundId: talk.roundId,
      leaderEmail: talk.leaderEmail,
      status: talk.status,
      followUpDate: talk.followUpDate,
      createdAt: talk.createdAt,
      heldAt: talk.heldAt,
      finalisedAt: talk.finalisedAt,
      updatedAt: talk.updatedAt,
      updatedBy: talk.updatedBy,
    }),
    ...jsonProperties('members', talk.members),
    ...jsonProperties('departments', talk.departments),
    ...jsonProperties('template', talk.template),
    ...jsonProperties('notes', talk.notes),
    ...jsonProperties('acknowledgedBy', talk.acknowledgedBy),
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

export class GroupTalkTable implements GroupTalkRepository {
  constructor(private readonly client: TableClient) {}

  async createIfAbsent(talk: GroupTalk): Promise<{ created: boolean; talk: Versioned<GroupTalk> }> {
    try {
      const etag = await createUnlessPresent(this.client, toEntity(talk), () =>
        this.get(talk.orgId, talk.roundId, talk.leaderEmail),
      );
      return { created: true, talk: { value: talk, etag } };
    } catch (error) {
      if (error instanceof ConflictError && error.current) {
        return { created: false, talk: error.current as Versioned<GroupTalk> };
      }
      throw error;
    }
  }

  async get(
    orgId: string,
    roundId: string,
    leaderEmail: string,
  ): Promise<Versioned<GroupTalk> | undefined> {
    const raw = await readEntity(this.client, joinKey(orgId, roundId), encodeKeyPart(leaderEmail));
    return raw ? toGroupTalk(raw) : undefined;
  }

  async listByRound(orgId: string, roundId: string): Promise<Versioned<GroupTalk>[]> {
    const rows = await queryEntities(this.client, partitionFilter(joinKey(orgId, roundId)));
    return rows.map(toGroupTalk);
  }

  async update(talk: GroupTalk, etag: string): Promise<Versioned<GroupTalk>> {
    const newEtag = await replaceIfUnchanged(this.client, toEntity(talk), etag, () =>
      this.get(talk.orgId, talk.roundId, talk.leaderEmail),
    );
    return { value: talk, etag: newEtag };
  }

  async remove(orgId: string, roundId: string, leaderEmail: string): Promise<void> {
    await deleteIfPresent(this.client, joinKey(orgId, roundId), encodeKeyPart(leaderEmail));
  }
}
