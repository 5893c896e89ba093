import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import type { Repositories } from './mus/repositories.js';
import { createCardDeliverer } from './rollout/deliver-card.js';
import { newDelivery, type DeliveryStore } from './rollout/delivery.js';
import type { Skema } from './mus/skema.js';
import { Dispatcher } from './rollout/dispatcher.js';
import { StepPreparer } from './rollout/step-preparer.js';
import { planSkemaReminders } from './rollout/skema-reminders.js';
import { planAgreementReminders } from './rollout/agreement-reminders.js';
import { runRetentionJob, type RetentionReport } from './privacy/retention-job.js';
import type { BotFramework } from './teams/bot-framework.js';
import type { BotServices } from './teams/bot-services.js';
import { MusBotRouter } from './teams/mus-bot-router.js';
import { proactiveMessenger } from './teams/proactive-messenger.js';
import { RoundAnnouncer } from './teams/round-announcer.js';
import type { CardActionHandler } from './teams/turn.js';

const HOUR_MS = 3_600_000;

/**
 * Wires the bot's side of the app: the outbox dispatcher that sends step cards, the round card
 * announcer, and the router the activity handler hands turns to.
 */
export function startRollout(deps: {
  config: Pick<AppConfig, 'publicUrl' | 'teamsAppId' | 'rolloutRatePerSecond'>;
  /** Start the dispatcher's loop (default); tests drive it with drain() instead. */
  autoStart?: boolean;
  /** Pause between update of HR's round card (default 3 s). */
  announceEveryMs?: number;
  repositories: Repositories;
  deliveries: DeliveryStore;
  bot: BotFramework;
  log: Logger;
  extraActions?: (services: BotServices) => Record<string, CardActionHandler>;
}): {
  router: MusBotRouter;
  dispatcher: Dispatcher;
  /** Does the background work of launched steps; tests wait for it with `preparer.idle()`. */
  preparer: StepPreparer;
  services: BotServices;
  /**
   * Plans the reminders due now (runs hourly by itself): skemas not yet prepared, and agreements
   * whose due date is near. Returns how many were new.
   */
  remindNow(now?: Date): Promise<number>;
  /** Applies the retention period to closed rounds (runs daily by itself, on the hourly timer). */
  retainNow(now?: Date): Promise<RetentionReport[]>;
  /** Queues the summary card that asks the employee to acknowledge a finalised talk. */
  requestSummary(skema: Skema): Promise<void>;
  stop(): Promise<void>;
} {
  const { config, repositories, deliveries, bot, log } = deps;
  const links = {
    baseUrl: config.publicUrl,
    ...(config.teamsAppId ? { teamsAppId: config.teamsAppId } : {}),
  };
  const announcer = new RoundAnnouncer({
    repositories,
    deliveries,
    bot,
    log: log.child({ module: 'round-announcer' }),
    ...(deps.announceEveryMs !== undefined ? { minIntervalMs: deps.announceEveryMs } : {}),
  });
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const dispatcher = new Dispatcher({
    store: deliveries,
    deliver: createCardDeliverer({
      repositories,
      messenger: proactiveMessenger(bot),
      links,
      log: log.child({ module: 'deliver' }),
    }),
    log: log.child({ module: 'dispatcher' }),
    owner,
    ratePerSecond: () => config.rolloutRatePerSecond,
    onProgress: ({ orgId, roundId }) => announcer.schedule(orgId, roundId),
  });
  const preparer = new StepPreparer({
    repositories,
    deliveries,
    now: () => new Date(),
    owner,
    log: log.child({ module: 'step-preparer' }),
    onProgress: (orgId, roundId) => {
      dispatcher.wake();
      announcer.schedule(orgId, roundId);
    },
  });
  const services: BotServices = {
    repositories,
    deliveries,
    links,
    announcer,
    wakeDispatcher: () => dispatcher.wake(),
    prepareLaunchedStep: (orgId, roundId, step) => preparer.request(orgId, roundId, step),
    now: () => new Date(),
    log: log.child({ module: 'bot-router' }),
  };
  const router = new MusBotRouter(services, bot, deps.extraActions?.(services));
  const remindNow = async (now = services.now()): Promise<number> => {
    let planned = 0;
    for (const orgId of await repositories.organisations.listIds()) {
      planned += await planSkemaReminders({ repositories, deliveries }, orgId, now);
      planned += await planAgreementReminders({ repositories, deliveries }, orgId, now);
    }
    if (planned) dispatcher.wake();
    return planned;
  };
  const retainNow = (now = services.now()): Promise<RetentionReport[]> =>
    runRetentionJob({ repositories, log: log.child({ module: 'retention' }) }, now);
  // The retention job is daily: the hourly tick runs it on the first tick of each UTC day.
  let retainedOn: string | undefined;
  let reminderTimer: NodeJS.Timeout | undefined;
  if (deps.autoStart !== false) {
    dispatcher.start();
    preparer.start();
    reminderTimer = setInterval(() => {
      remindNow().catch((error: unknown) => log.warn({ err: error }, 'planning reminders failed'));
      const today = services.now().toISOString().slice(0, 10);
      if (retainedOn !== today) {
        retainedOn = today;
        retainNow().catch((error: unknown) => log.warn({ err: error }, 'retention job failed'));
      }
    }, HOUR_MS);
    reminderTimer.unref();
  }
  return {
    router,
    dispatcher,
    preparer,
    services,
    requestSummary: async (skema) => {
      const row = newDelivery(
        {
          orgId: skema.orgId,
          roundId: skema.roundId,
          step: 4,
          audience: 'summary',
          recipientEmail: skema.employeeEmail,
        },
        services.now(),
      );
      await deliveries.plan([row]);
      dispatcher.wake();
    },
    remindNow,
    retainNow,
    stop: async () => {
      clearInterval(reminderTimer);
      await preparer.stop();
      await dispatcher.stop();
      await announcer.stop();
      await router.idle();
    },
  };
}
