import type { Bilingual } from '../mus/bilingual.js';
import type { SkemaStatus } from '../mus/skema.js';

/** How each skema status reads for users (the tab uses the same words). */
export const SKEMA_STATUS_LABELS: Record<SkemaStatus, Bilingual> = {
  sent: { da: 'Skema sendt', en: 'Form sent' },
  prepared: { da: 'Forberedt', en: 'Prepared' },
  held: { da: 'Samtale holdt', en: 'Talk held' },
  finalised: { da: 'Afsluttet', en: 'Finalised' },
  acknowledged: { da: 'Kvitteret', en: 'Acknowledged' },
};
