import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';
import type { DeliveryStore } from '../rollout/delivery.js';

/**
 * What the GDPR use cases need: every repository (a person's data is spread over all of them), the
 * outbox (cards waiting for the person), a clock and a log. Built once at start-up.
 */
export interface PrivacyServices {
  repositories: Repositories;
  deliveries: DeliveryStore;
  now: () => Date;
  log: Logger;
}
