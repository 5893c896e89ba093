import { z } from 'zod';
import type { Versioned } from '../mus/errors.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import {
  DELIVERY_AUDIENCES,
  type Delivery,
  type DeliveryAudience,
  type DeliveryKey,
} from '../rollout/delivery.js';
import { bilingualSchema } from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { joinKey } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import { definedProperties, type RawEntity } from './table-operations.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * A delivery row of the `deliveries` table and its keys: PK = <orgId>|<roundId>|<step>,
 * RK = <audience>|<recipientEmail>[|<subject>] (the subject only on rows that need one: an agreement
 * reminder per agreement and due date).
 */

const WHAT = ERRORS_TEXTS.storage.whatDelivery;

const deliveryEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  step: z.number().int().min(1).max(5),
  audience: z.enum(DELIVERY_AUDIENCES as [DeliveryAudience, ...DeliveryAudience[]]),
  recipientEmail: z.string(),
  subject: z.string().optional(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'waiting', 'not-installed']),
  attempts: z.number().int(),
  notBefore: z.string(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  activityId: z.string().optional(),
  conversationId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const lastErrorSchema = z
  .object({ status: z.number(), reason: bilingualSchema, code: z.string() })
  .optional();

export function deliveryPartition(orgId: string, roundId: string, step: StepNumber): string {
  return joinKey(orgId, roundId, String(step));
}

export function toDelivery(raw: RawEntity): Versioned<Delivery> {
  const { etag, step, ...row } = parseEntity('deliveries', raw, deliveryEntity);
  const value: Delivery = { ...row, step: step as StepNumber };
  if (typeof raw.lastError === 'string') {
    const lastError = readJsonProperty(raw, 'lastError', lastErrorSchema);
    if (lastError) value.lastError = lastError;
  }
  return { etag, value };
}

export function deliveryRowKey(d: DeliveryKey): string {
  return d.subject === undefined
    ? joinKey(d.audience, d.recipientEmail)
    : joinKey(d.audience, d.recipientEmail, d.subject);
}

export function toEntity(d: Delivery): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: deliveryPartition(d.orgId, d.roundId, d.step),
    rowKey: deliveryRowKey(d),
    ...definedProperties({
      orgId: d.orgId,
      roundId: d.roundId,
      step: d.step,
      audience: d.audience,
      recipientEmail: d.recipientEmail,
      subject: d.subject,
      status: d.status,
      attempts: d.attempts,
      notBefore: d.notBefore,
      leaseOwner: d.leaseOwner,
      leaseUntil: d.leaseUntil,
      activityId: d.activityId,
      conversationId: d.conversationId,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    }),
    ...(d.lastError ? jsonProperties('lastError', d.lastError) : {}),
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

export function deliveryKey(d: Delivery): string {
  // The row key, subject included: two agreement reminders for one owner are two rows.
  return `${deliveryPartition(d.orgId, d.roundId, d.step)}\n${deliveryRowKey(d)}`;
}
