import type { Bilingual } from '../mus/bilingual.js';
import type { SkemaStatus } from '../mus/skema.js';
import type { DeliveryStatus } from '../rollout/delivery.js';

/**
 * How each skema status reads for users, in cards, the tab and HR's lists alike. They say what has
 * happened: a talk that has begun is "i gang" until the leader finalises it, and "afsluttet" is the
 * leader's finalising, never the round's closing.
 */
export const SKEMA_STATUS_LABELS: Record<SkemaStatus, Bilingual> = {
  sent: { da: 'Sendt', en: 'Sent' },
  prepared: { da: 'Forberedt', en: 'Prepared' },
  held: { da: 'Samtale i gang', en: 'Talk under way' },
  finalised: { da: 'Afsluttet af leder', en: 'Finalised by the leader' },
  acknowledged: { da: 'Kvitteret', en: 'Acknowledged' },
};

/**
 * The same statuses as the employee sees their own skema: until they send it to their leader it is
 * their draft, and "prepared" is what they did: sent it to the leader.
 */
export const OWN_SKEMA_STATUS_LABELS: Record<SkemaStatus, Bilingual> = {
  ...SKEMA_STATUS_LABELS,
  sent: { da: 'Kladde', en: 'Draft' },
  prepared: { da: 'Sendt til leder', en: 'Sent to the leader' },
};

/**
 * A skema that is still only "sent", told by how its step-3 card fared: the leader should know
 * whether the employee has it at all before the talk.
 */
export function sentSkemaLabel(delivery: DeliveryStatus | undefined): Bilingual {
  if (delivery === 'sent') return SKEMA_STATUS_LABELS.sent;
  if (delivery === 'waiting') return { da: 'Venter på appen', en: 'Waiting for the app' };
  return { da: 'Ikke leveret endnu', en: 'Not delivered yet' };
}
