import type { Bilingual } from '../mus/bilingual.js';
import type { SkemaStatus } from '../mus/skema.js';
import type { DeliveryStatus } from '../rollout/delivery.js';
import { STATUS_TEXTS } from '../../texts/status.js';

/**
 * How each skema status reads for users, in cards, the tab and HR's lists alike. They say what has
 * happened: a talk that has begun is "i gang" until the leader finalises it, and "afsluttet" is the
 * leader's finalising, never the round's closing.
 */
export const SKEMA_STATUS_LABELS: Record<SkemaStatus, Bilingual> = {
  sent: STATUS_TEXTS.skema.sent,
  prepared: STATUS_TEXTS.skema.prepared,
  held: STATUS_TEXTS.skema.held,
  finalised: STATUS_TEXTS.skema.finalised,
  acknowledged: STATUS_TEXTS.skema.acknowledged,
};

/**
 * The same statuses as the employee sees their own skema: until they send it to their leader it is
 * their draft, and "prepared" is what they did: sent it to the leader.
 */
export const OWN_SKEMA_STATUS_LABELS: Record<SkemaStatus, Bilingual> = {
  ...SKEMA_STATUS_LABELS,
  sent: STATUS_TEXTS.ownSkema.draft,
  prepared: STATUS_TEXTS.ownSkema.sentToLeader,
};

/**
 * A skema that is still only "sent", told by how its step-3 card fared: the leader should know
 * whether the employee has it at all before the talk.
 */
export function sentSkemaLabel(delivery: DeliveryStatus | undefined): Bilingual {
  if (delivery === 'sent') return STATUS_TEXTS.delivery.sent;
  if (delivery === 'waiting') return STATUS_TEXTS.delivery.waiting;
  return STATUS_TEXTS.delivery.notDelivered;
}
