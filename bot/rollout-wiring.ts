import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import type { Repositories } from './mus/repositories.js';
import { createCardDeliverer } from './rollout/deliver-card.js';
import { newDelivery, type DeliveryStore } from './rollout/delivery.js';
import type { Skema } from './mus/skema.js';
import type { TenantLeaseStore } from './rollout/tenant-lease.js';
import { Dispatcher } from './rollout/dispatcher.js';
import { StepPreparer } from './rollout/step-preparer.js';
import { wakeWaitingCards } from './rollout/wake-waiting.js';
import { SpacedRuns } from './rollout/spaced-runs.js';
import { ProactiveInstaller, type ProactiveInstallerOptions } from './teams/proactive-install.js';
import { planSkemaReminders } from './rollout/skema-reminders.js';
import { planAgreementReminders } from './rollout/agreement-reminders.js';
import { planFollowThroughReminders } from './rollout/follow-through-reminders.js';
import { AnswerTimeBlurrer } from './evaluation/blur-answer-times.js';
import { runRetentionJob, type RetentionReport } from './privacy/retention-job.js';
import type { BotFramework } from './teams/bot-framework.js';
import type { BotServices } from './teams/bot-services.js';
import { MusBotRouter } from './teams/mus-bot-router.js';
import { proactiveMessenger } from './teams/proactive-messenger.js';
import { RoundAnnouncer } from './teams/round-announcer.js';
import type { CardActionHandler } from './teams/turn.js';

const HOUR_MS = 3_600_000;
/** Cards waiting for the app are tried again this often, until their step's deadline. */
const WAITING_RETRY_MS = 5 * 60_000;

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
  /** Least pause between two retries of an organisation's cards waiting for the app (default 30 s). */
  wakeWaitingEveryMs?: number;
  repositories: Repositories;
  deliveries: DeliveryStore;
  /**
   * Where the tenant send leases live: with them, only the instance holding a tenant's lease sends
   * its cards, so several instances on one storage account keep the tenant's rate limit together.
   */
  tenantLeases?: TenantLeaseStore;
  bot: BotFramework;
  log: Logger;
  /**
   * PROACTIVE_INSTALL=on: the Graph calls per tenant and where attempts are kept. Absent (the
   * default), the app never asks Graph to install it.
   */
  proactiveInstall?: Pick<
    ProactiveInstallerOptions,
    'graphFor' | 'attempts' | 'manifestId' | 'minGapMs' | 'policy' | 'sleep'
  > & {
    /** Least pause between two installer runs for an organisation (default 30 s). */
    everyMs?: number;
  };
  extraActions?: (services: BotServices) => Record<string, CardActionHandler>;
}): {
  router: MusBotRouter;
  dispatcher: Dispatcher;
  /** Does the background work of launched steps; tests wait for it with `preparer.idle()`. */
  preparer: StepPreparer;
  services: BotServices;
  /**
   * Plans the reminders due now (runs hourly by itself): skemas not yet prepared, agreements whose
   * due date is near, and the round's follow-through (talks overdue, summaries not acknowledged,
   * follow-up dates). Returns how many were new.
   */
  remindNow(now?: Date): Promise<number>;
  /** Applies the retention period to closed rounds (runs daily by itself, on the hourly timer). */
  retainNow(now?: Date): Promise<RetentionReport[]>;
  /**
   * Puts the cards waiting for the app back in the queue (every five minutes by itself, and when the
   * bot has come to know someone); those past their step's deadline are given up as not installed.
   */
  wakeWaiting(orgId: string): Promise<number>;
  /** Asks for installs for the organisation's waiting people now (PROACTIVE_INSTALL=on; else 0). */
  installNow(orgId: string): Promise<number>;
  /** Queues the summary card that asks the employee to acknowledge a finalised talk. */
  requestSummary(skema: Skema): Promise<void>;
  stop(): Promise<void>;
} {
  const { config, repositories, deliveries, bot, log } = deps;
  const links = {
    baseUrl: config.publicUrl,
    ...(config.teamsAppId ? { teamsAppId: config.teamsAppId } : {}),
  };
  // Proactive installation (PROACTIVE_INSTALL=on only): people whose cards wait for the app get an
  // install request; Teams' install event then wakes their cards like any other install.
  const installer = deps.proactiveInstall
    ? new ProactiveInstaller({
        ...deps.proactiveInstall,
        repositories,
        deliveries,
        log: log.child({ module: 'proactive-install' }),
        onProgress: (orgId, roundId) => announcer.schedule(orgId, roundId),
      })
    : undefined;
  const announcer = new RoundAnnouncer({
    repositories,
    deliveries,
    ...(installer ? { installs: (orgId, roundId) => installer.tally(orgId, roundId) } : {}),
    bot,
    log: log.child({ module: 'round-announcer' }),
    ...(deps.announceEveryMs !== undefined ? { minIntervalMs: deps.announceEveryMs } : {}),
  });
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const dispatcher = new Dispatcher({
    store: deliveries,
    deliver: createCardDeliverer({
      repositories,
      deliveries,
      messenger: proactiveMessenger(bot),
      links,
      log: log.child({ module: 'deliver' }),
    }),
    log: log.child({ module: 'dispatcher' }),
    owner,
    ratePerSecond: () => config.rolloutRatePerSecond,
    ...(deps.tenantLeases ? { tenantLeases: deps.tenantLeases } : {}),
    onProgress: ({ orgId, roundId }) => {
      announcer.schedule(orgId, roundId);
      requestInstalls(orgId);
    },
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
  // Many installs arrive together when a setup policy reaches people: one retry per organisation
  // at a time, the next one at least `wakeWaitingEveryMs` later (calls meanwhile join it).
  const wakeRuns = new SpacedRuns(deps.wakeWaitingEveryMs ?? 30_000, (orgId) =>
    wakeWaitingCards({ repositories, deliveries }, orgId, new Date()).then((woken) => {
      if (woken > 0) dispatcher.wake();
      return woken;
    }),
  );
  const wakeWaiting = (orgId: string): Promise<number> => wakeRuns.request(orgId);
  const installRuns = installer
    ? new SpacedRuns(deps.proactiveInstall?.everyMs ?? 30_000, (orgId) =>
        installer.installForOrganisation(orgId),
      )
    : undefined;
  const requestInstalls = (orgId: string): void => {
    installRuns
      ?.request(orgId)
      .catch((error: unknown) =>
        log.warn({ err: error, orgId }, 'installing the app for waiting people failed'),
      );
  };
  const services: BotServices = {
    repositories,
    deliveries,
    links,
    announcer,
    wakeDispatcher: () => dispatcher.wake(),
    prepareLaunchedStep: (orgId, roundId, step) => preparer.request(orgId, roundId, step),
    wakeWaiting: (orgId) => {
      wakeWaiting(orgId).catch((error: unknown) =>
        log.warn({ err: error, orgId }, 'retrying cards waiting for the app failed'),
      );
    },
    now: () => new Date(),
    log: log.child({ module: 'bot-router' }),
  };
  const router = new MusBotRouter(services, bot, deps.extraActions?.(services));
  const remindNow = async (now = services.now()): Promise<number> => {
    let planned = 0;
    for (const orgId of await repositories.organisations.listIds()) {
      planned += await planSkemaReminders({ repositories, deliveries }, orgId, now);
      planned += await planAgreementReminders({ repositories, deliveries }, orgId, now);
      planned += await planFollowThroughReminders({ repositories, deliveries }, orgId, now);
    }
    if (planned) dispatcher.wake();
    return planned;
  };
  const answerTimes = new AnswerTimeBlurrer(repositories, log.child({ module: 'evaluation' }));
  const retainNow = (now = services.now()): Promise<RetentionReport[]> =>
    runRetentionJob({ repositories, log: log.child({ module: 'retention' }) }, now);
  // The retention job is daily: the hourly tick runs it on the first tick of each UTC day.
  let retainedOn: string | undefined;
  let reminderTimer: NodeJS.Timeout | undefined;
  let waitingTimer: NodeJS.Timeout | undefined;
  if (deps.autoStart !== false) {
    dispatcher.start();
    preparer.start();
    reminderTimer = setInterval(() => {
      remindNow().catch((error: unknown) => log.warn({ err: error }, 'planning reminders failed'));
      answerTimes
        .run(services.now())
        .catch((error: unknown) => log.warn({ err: error }, 'restamping answers failed'));
      const today = services.now().toISOString().slice(0, 10);
      if (retainedOn !== today) {
        retainedOn = today;
        retainNow().catch((error: unknown) => log.warn({ err: error }, 'retention job failed'));
      }
    }, HOUR_MS);
    reminderTimer.unref();
    waitingTimer = setInterval(() => {
      repositories.organisations
        .listIds()
        .then((ids) => {
          ids.forEach(requestInstalls);
          return Promise.all(ids.map(wakeWaiting));
        })
        .catch((error: unknown) => log.warn({ err: error }, 'retrying waiting cards failed'));
    }, WAITING_RETRY_MS);
    waitingTimer.unref();
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
    wakeWaiting,
    installNow: (orgId) => installRuns?.request(orgId) ?? Promise.resolve(0),
    stop: async () => {
      clearInterval(reminderTimer);
      clearInterval(waitingTimer);
      await wakeRuns.stop();
      await installRuns?.stop();
      await preparer.stop();
      await dispatcher.stop();
      await announcer.stop();
      await router.idle();
    },
  };
}
