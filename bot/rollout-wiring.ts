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
import type { PeopleFirst } from './people-first.js';

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
  /** Requests from people in flight: the dispatcher waits for a quiet moment before each card. */
  peopleFirst?: PeopleFirst;
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
      deliveries,
      messenger: proactiveMessenger(bot),
      links,
      log: log.child({ module: 'deliver' }),
    }),
    log: log.child({ module: 'dispatcher' }),
    owner,
    ratePerSecond: () => config.rolloutRatePerSecond,
    ...(deps.tenantLeases ? { tenantLeases: deps.tenantLeases } : {}),
    ...(deps.peopleFirst ? { yieldToPeople: () => deps.peopleFirst!.quiet() } : {}),
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
  // Many installs arrive together when a setup policy reaches people: one retry per organisation
  // at a time, the next one at least `wakeWaitingEveryMs` later (calls meanwhile join it).
  const wakeGap = deps.wakeWaitingEveryMs ?? 30_000;
  const waking = new Map<string, Promise<number>>();
  const lastWake = new Map<string, number>();
  // Retries still waiting for their turn are dropped at shutdown (the 5-minute timer or the next
  // start picks them up); only those already at work are waited for.
  const wakeTimers = new Set<NodeJS.Timeout>();
  const wakesAtWork = new Set<Promise<number>>();
  let stopped = false;
  const wakeWaiting = (orgId: string): Promise<number> => {
    const running = waking.get(orgId);
    if (running) return running;
    const wait = Math.max(0, (lastWake.get(orgId) ?? 0) + wakeGap - Date.now());
    const run = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wakeTimers.delete(timer);
        resolve();
      }, wait);
      timer.unref();
      wakeTimers.add(timer);
    })
      .then(() => {
        if (stopped) return 0;
        lastWake.set(orgId, Date.now());
        const work = wakeWaitingCards({ repositories, deliveries }, orgId, new Date());
        wakesAtWork.add(work);
        return work.finally(() => wakesAtWork.delete(work));
      })
      .then((woken) => {
        if (woken > 0) dispatcher.wake();
        return woken;
      })
      .finally(() => waking.delete(orgId));
    waking.set(orgId, run);
    return run;
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
        .then((ids) => Promise.all(ids.map(wakeWaiting)))
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
    stop: async () => {
      clearInterval(reminderTimer);
      clearInterval(waitingTimer);
      stopped = true;
      for (const timer of wakeTimers) clearTimeout(timer);
      await Promise.allSettled(wakesAtWork);
      await preparer.stop();
      await dispatcher.stop();
      await announcer.stop();
      await router.idle();
    },
  };
}
