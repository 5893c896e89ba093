import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import type { Repositories } from './mus/repositories.js';
import { createCardDeliverer } from './rollout/deliver-card.js';
import type { DeliveryStore } from './rollout/delivery.js';
import type { Outbox } from './rollout/outbox.js';
import type { TenantLeaseStore } from './rollout/tenant-lease.js';
import { Dispatcher } from './rollout/dispatcher.js';
import { StepPreparer } from './rollout/step-preparer.js';
import { wakeWaitingCards } from './rollout/wake-waiting.js';
import { SpacedRuns } from './rollout/spaced-runs.js';
import { ProactiveInstaller, type ProactiveInstallerOptions } from './teams/proactive-install.js';
import { planSkemaReminders } from './rollout/skema-reminders.js';
import { planAgreementReminders } from './rollout/agreement-reminders.js';
import { planFollowThroughReminders } from './rollout/follow-through-reminders.js';
import type { BotFramework } from './teams/bot-framework.js';
import type { BotServices } from './teams/bot-services.js';
import { proactiveMessenger } from './teams/proactive-messenger.js';
import { RoundAnnouncer } from './teams/round-announcer.js';

/** What the rollout gives the rest of the app (bot/app.ts wires it; tests drive it directly). */
export interface Rollout {
  dispatcher: Dispatcher;
  /** Does the background work of launched steps; tests wait for it with `preparer.idle()`. */
  preparer: StepPreparer;
  /** What the bot's commands and card actions work with. */
  services: BotServices;
  /**
   * Plans the reminders due now (the scheduler runs it hourly): skemas not yet prepared, agreements
   * whose due date is near, and the round's follow-through (talks overdue, summaries not
   * acknowledged, follow-up dates). Returns how many were new.
   */
  remindNow(now?: Date): Promise<number>;
  /**
   * Puts the cards waiting for the app back in the queue (the scheduler runs it every five minutes
   * for every organisation, and the bot when it has come to know someone); those past their step's
   * deadline are given up as not installed.
   */
  wakeWaiting(orgId: string): Promise<number>;
  /** Every organisation's waiting cards, and install requests for their people (the scheduler's job). */
  retryWaitingEverywhere(): Promise<void>;
  /** Asks for installs for the organisation's waiting people now (PROACTIVE_INSTALL=on; else 0). */
  installNow(orgId: string): Promise<number>;
  /** Starts the dispatcher's and the preparer's loops (tests drive them with drain() instead). */
  start(): void;
  stop(): Promise<void>;
}

/**
 * Wires the rollout: the dispatcher that sends the outbox's cards at the tenant's rate, the preparer
 * that does a launched step's background work, HR's round card announcer, retries of cards waiting
 * for the app and (when on) proactive installation. Nothing runs until start().
 */
export function createRollout(deps: {
  config: Pick<
    AppConfig,
    'publicUrl' | 'teamsAppId' | 'rolloutRatePerSecond' | 'rolloutConcurrency'
  >;
  /** Pause between update of HR's round card (default 3 s). */
  announceEveryMs?: number;
  /** Least pause between two retries of an organisation's cards waiting for the app (default 30 s). */
  wakeWaitingEveryMs?: number;
  repositories: Repositories;
  deliveries: DeliveryStore;
  /** Where rows are planned; the dispatcher listens for its wakes. */
  outbox: Outbox;
  now?: () => Date;
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
}): Rollout {
  const { config, repositories, deliveries, bot, log } = deps;
  const now = deps.now ?? ((): Date => new Date());
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
    concurrency: config.rolloutConcurrency,
    ...(deps.tenantLeases ? { tenantLeases: deps.tenantLeases } : {}),
    onProgress: ({ orgId, roundId }) => {
      announcer.schedule(orgId, roundId);
      requestInstalls(orgId);
    },
  });
  const preparer = new StepPreparer({
    repositories,
    deliveries,
    now,
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
    wakeWaitingCards({ repositories, deliveries }, orgId, now()).then((woken) => {
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
    wakeDispatcher: () => deps.outbox.wake(),
    prepareLaunchedStep: (orgId, roundId, step) => preparer.request(orgId, roundId, step),
    wakeWaiting: (orgId) => {
      wakeWaiting(orgId).catch((error: unknown) =>
        log.warn({ err: error, orgId }, 'retrying cards waiting for the app failed'),
      );
    },
    now,
    log: log.child({ module: 'bot-router' }),
  };
  const stopListening = deps.outbox.onWake(() => dispatcher.wake());
  const remindNow = async (at = now()): Promise<number> => {
    let planned = 0;
    for (const orgId of await repositories.organisations.listIds()) {
      planned += await planSkemaReminders({ repositories, deliveries }, orgId, at);
      planned += await planAgreementReminders({ repositories, deliveries }, orgId, at);
      planned += await planFollowThroughReminders({ repositories, deliveries }, orgId, at);
    }
    if (planned) deps.outbox.wake();
    return planned;
  };
  return {
    dispatcher,
    preparer,
    services,
    remindNow,
    wakeWaiting,
    retryWaitingEverywhere: async () => {
      const ids = await repositories.organisations.listIds();
      ids.forEach(requestInstalls);
      await Promise.all(ids.map(wakeWaiting));
    },
    installNow: (orgId) => installRuns?.request(orgId) ?? Promise.resolve(0),
    start: () => {
      dispatcher.start();
      preparer.start();
    },
    stop: async () => {
      stopListening();
      await wakeRuns.stop();
      await installRuns?.stop();
      await preparer.stop();
      await dispatcher.stop();
      await announcer.stop();
    },
  };
}
