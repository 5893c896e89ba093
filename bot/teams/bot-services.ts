import type { TabLinkSettings } from '../cards/tab-links.js';
import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';
import type { DeliveryStore } from '../rollout/delivery.js';
import type { RoundAnnouncer } from './round-announcer.js';

/** What the bot's command and card-action modules work with, built once in app.ts. */
export interface BotServices {
  repositories: Repositories;
  deliveries: DeliveryStore;
  links: TabLinkSettings;
  announcer: RoundAnnouncer;
  /** Tells the dispatcher there is new work (after a launch or a resend). */
  wakeDispatcher: () => void;
  now: () => Date;
  log: Logger;
}
