import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Versioned } from '../mus/errors.js';
import type { RoundRepository } from '../mus/repositories.js';
import type { Round } from '../mus/round.js';
import {
  roundKindSchema,
  roundStepSchema,
  skemaTemplateSchema,
  stepTwoInvitationSchema,
} from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { encodeKeyPart, partitionFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import {
  definedProperties,
  queryEntities,
  readEntity,
  type RawEntity,
} from './table-operations.js';
import { createUnlessPresent, replaceIfUnchanged } from './versioned-writes.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `rounds`: PK = <orgId>, RK = <roundId>. An organisation runs a handful of rounds a year, so
 * listing a partition and sorting newest first in memory is cheaper than an inverted-time key that
 * would make point reads by round id impossible.
 */

const WHAT = ERRORS_TEXTS.storage.whatRound;

const roundEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  name: z.string(),
  kind: roundKindSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  closedAt: z.string().optional(),
  retentionAppliedAt: z.string().optional(),
  announcementConversation: z.string().optional(),
  announcementActivity: z.string().optional(),
  announcementLocale: z.enum(['da', 'en']).optional(),
});

function toRound(raw: RawEntity): Versioned<Round> {
  // Spreading the parsed row keeps absent optional fields absent rather than `undefined`.
  const {
    etag,
    roundId,
    announcementConversation,
    announcementActivity,
    announcementLocale,
    ...row
  } = parseEntity('rounds', raw, roundEntity);
  return {
    etag,
    value: {
      ...row,
      ...(announcementConversation && announcementActivity
        ? {
            announcement: {
              conversationKey: announcementConversation,
              activityId: announcementActivity,
              ...(announcementLocale ? { locale: announcementLocale } : {}),
            },
          }
        : {}),
      id: roundId,
      steps: readJsonProperty(raw, 'steps', z.array(roundStepSchema)),
      template: readJsonProperty(raw, 'template', skemaTemplateSchema),
      ...(raw.invitation !== undefined
        ? { invitation: readJsonProperty(raw, 'invitation', stepTwoInvitationSchema) }
        : {}),
    },
  };
}

function toEntity(round: Round): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: encodeKeyPart(round.orgId),
    rowKey: encodeKeyPart(round.id),
    ...definedProperties({
      orgId: round.orgId,
      roundId: round.id,
      name: round.name,
      kind: round.kind,
      createdAt: round.createdAt,
      createdBy: round.createdBy,
      closedAt: round.closedAt,
      retentionAppliedAt: round.retentionAppliedAt,
      announcementConversation: round.announcement?.conversationKey,
      announcementActivity: round.announcement?.activityId,
      announcementLocale: round.announcement?.locale,
    }),
    ...jsonProperties('steps', round.steps),
    ...jsonProperties('template', round.template),
    ...(round.invitation ? jsonProperties('invitation', round.invitation) : {}),
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

export class RoundTable implements RoundRepository {
  constructor(private readonly client: TableClient) {}

  async create(round: Round): Promise<Versioned<Round>> {
    const etag = await createUnlessPresent(this.client, toEntity(round), () =>
      this.get(round.orgId, round.id),
    );
    return { value: round, etag };
  }

  async get(orgId: string, roundId: string): Promise<Versioned<Round> | undefined> {
    const raw = await readEntity(this.client, encodeKeyPart(orgId), encodeKeyPart(roundId));
    return raw ? toRound(raw) : undefined;
  }

  async list(orgId: string): Promise<Round[]> {
    const rows = await queryEntities(this.client, partitionFilter(encodeKeyPart(orgId)));
    return rows
      .map((raw) => toRound(raw).value)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  async update(round: Round, etag: string): Promise<Versioned<Round>> {
    const newEtag = await replaceIfUnchanged(this.client, toEntity(round), etag, () =>
      this.get(round.orgId, round.id),
    );
    return { value: round, etag: newEtag };
  }
}
