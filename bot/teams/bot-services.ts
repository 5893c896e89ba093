import type { TabLinkSettings } from '../cards/tab-links.js';
import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';
import type { StepNumber } from '../mus/rollout-steps.js';
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
  /** Starts the background work of a launched step (skemas, outbox rows) in this process. */
  prepareLaunchedStep: (orgId: string, roundId: string, step: StepNumber) => void;
  /** The bot came to know someone: cards waiting for the app are tried again (in the background). */
  wakeWaiting: (orgId: string) => void;
  now: () => Date;
  log: Logger;
}
