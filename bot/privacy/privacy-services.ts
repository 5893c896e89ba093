import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';
import type { DeliveryStore } from '../rollout/delivery.js';
import type { InstallAttemptStore } from '../rollout/install-attempts.js';

/**
 * What the GDPR use cases need: every repository (a person's data is spread over all of them), the
 * outbox (cards waiting for the person), a clock and a log. Built once at start-up.
 */
export interface PrivacyServices {
  repositories: Repositories;
  deliveries: DeliveryStore;
  /** Proactive installation's attempts, which name the person; absent in tests that do not use them. */
  installAttempts?: InstallAttemptStore;
  now: () => Date;
  log: Logger;
}
