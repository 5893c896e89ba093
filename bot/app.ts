import type { Server } from 'restify';
import type { Repositories } from './mus/repositories.js';
import type { DeliveryStore } from './rollout/delivery.js';
import type { TenantLeaseStore } from './rollout/tenant-lease.js';
import type { InstallAttemptStore } from './rollout/install-attempts.js';
import { Outbox } from './rollout/outbox.js';
import { startScheduler } from './scheduler.js';
import { AnswerTimeBlurrer } from './evaluation/blur-answer-times.js';
import { runRetentionJob } from './privacy/retention-job.js';
import { MusBotRouter } from './teams/mus-bot-router.js';
import type { BotServices } from './teams/bot-services.js';
import type { CardActionHandler } from './teams/turn.js';
import type { BotFramework } from './teams/bot-framework.js';
import type { VerifySsoToken } from './api/authenticate.js';
import type { GraphCalendarOptions } from './booking/graph-calendar.js';
import type { SkemaServices } from './skema/skema-services.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_ORG_ID, type AppConfig, type ProactiveInstallConfig } from './config.js';
import type { Logger } from './logger.js';
import { createAuthenticator, orgIdForTenant } from './api/authenticate.js';
import { registerDevRoutes } from './api/dev-routes.js';
import { registerMeRoutes } from './api/me-routes.js';
import { registerOrganisationRoutes } from './api/organisation-routes.js';
import { registerRoundSetupRoutes } from './api/round-setup-routes.js';
import { registerOverviewRoutes } from './api/overview-routes.js';
import { registerRosterRoutes } from './api/roster-routes.js';
import { registerRoundRoutes } from './api/round-routes.js';
import { registerSkemaRoutes } from './api/skema-routes.js';
import { registerBookingRoutes } from './api/booking-routes.js';
import { bookingCalendarFromEnv } from './booking/booking-config.js';
import { chatNotifier } from './booking/notify-employee.js';
import { ssoVerifierFromConfig } from './api/sso-token.js';
import { createSkemaServices } from './skema/skema-services.js';
import { newOrganisation } from './mus/organisation.js';
import { connectStorage } from './storage/connect-storage.js';
import { removeRunningApp, writeRunningApp } from './running-file.js';
import { createServer } from './server.js';
import { loadDemoData } from './demo-data.js';
import { createBotFramework } from './teams/bot-framework.js';
import { MusActivityHandler } from './teams/mus-activity-handler.js';
import { createRollout, type Rollout } from './rollout-wiring.js';
import { lazyAppCredential } from './roster/graph-roster.js';
import { GraphAppInstaller } from './teams/proactive-install.js';
import type { Skema } from './mus/skema.js';
import { skemaActions } from './teams/card-actions/skema-actions.js';
import { evaluationActions } from './teams/card-actions/evaluation-actions.js';
import { agreementActions } from './teams/card-actions/agreement-actions.js';
import { registerAgreementRoutes } from './api/agreement-routes.js';
import { registerGroupTalkRoutes } from './api/group-talk-routes.js';
import { registerPrivacyRoutes } from './api/privacy-routes.js';

/**
 * Which tenants' bot activities are served: in dev mode all; in production only activities that name
 * their tenant, and, when ALLOWED_TENANTS is set, only those tenants (as for single sign-on).
 */
export function tenantAcceptor(
  config: Pick<AppConfig, 'devMode' | 'allowedTenants'>,
): (tenantId: string | undefined) => boolean {
  const allowed = new Set(config.allowedTenants.map((t) => t.toLowerCase()));
  return (tenantId) => {
    if (config.devMode) return true;
    if (!tenantId) return false;
    return allowed.size === 0 || allowed.has(tenantId.toLowerCase());
  };
}

/**
 * The Graph calls of proactive installation, one installer per tenant: each organisation is an Entra
 * tenant whose admin consents for it, so each gets a token from its own tenant (a single-tenant bot:
 * its one tenant).
 */
function graphInstallerPerTenant(
  settings: ProactiveInstallConfig,
): (orgId: string) => GraphAppInstaller {
  const installers = new Map<string, GraphAppInstaller>();
  return (orgId) => {
    let installer = installers.get(orgId);
    if (!installer) {
      installer = new GraphAppInstaller({
        tokenProvider: lazyAppCredential({
          clientId: settings.clientId,
          clientSecret: settings.clientSecret,
          tenantId: settings.tenantId ?? orgId,
        }),
      });
      installers.set(orgId, installer);
    }
    return installer;
  };
}

const projectRoot = join(fileURLToPath(import.meta.url), '..', '..');

/** The storage the app runs on: the tables of one storage account (Azurite in dev and tests). */
export interface AppStorage {
  repositories: Repositories;
  deliveries: DeliveryStore;
  tenantLeases?: TenantLeaseStore;
  installAttempts: InstallAttemptStore;
  ping(): Promise<boolean>;
}

/**
 * What a test or benchmark may replace when it builds the app; production passes none. Each is a
 * seam the app has anyway (the clock, the token check, the calendar), never a part of the wiring.
 */
export interface AppOverrides {
  /** The clock of every use case and job (default: the real time). */
  now?: () => Date;
  /** How the tab's SSO tokens are checked (tests: a local signing key). Default: from config. */
  verifySso?: VerifySsoToken;
  /** The organisation of dev mode (default `default`). */
  devOrgId?: string;
  /**
   * Runs after a talk is finalised, in place of queueing the employee's summary card (tests record
   * it, or make it fail to show the talk is finalised anyway).
   */
  onFinalised?: (skema: Skema) => Promise<void>;
  /** The Bot Framework transport (default: from config.bot). */
  bot?: BotFramework;
  /** The tab's built files (default: tab/dist). */
  tabDir?: string;
  /** How Graph's calendar is reached for booking (default: from the environment). */
  calendar?: GraphCalendarOptions;
  /**
   * Start the dispatcher, the preparer and the scheduler's timers (default true). Tests drive the
   * rollout themselves (drain(), remindNow()) and pass false.
   */
  background?: boolean;
  /** Pause between updates of HR's round card (default 3 s). */
  announceEveryMs?: number;
  /** Least pause between two retries of an organisation's waiting cards (default 30 s). */
  wakeWaitingEveryMs?: number;
  /** Proactive installation's Graph and pacing (default: from config.proactiveInstall). */
  proactiveInstall?: Parameters<typeof createRollout>[0]['proactiveInstall'];
  /** More card actions beside the app's own (benchmarks add a no-op). */
  extraActions?: (services: BotServices) => Record<string, CardActionHandler>;
}

/** The app, built and not yet listening. */
export interface BuiltApp {
  /** The one HTTP server: bot endpoint, health, the tab's API and files. */
  server: Server;
  repositories: Repositories;
  outbox: Outbox;
  skemaServices: SkemaServices;
  rollout: Rollout;
  /** Where the activity handler hands bot turns; `idle()` waits for a turn's background work. */
  router: MusBotRouter;
  bot: BotFramework;
  /** Listens on port (0: any free one) and host; returns the URL. */
  listen(port: number, host: string): Promise<string>;
  /** Stops listening (if it listens), the timers and the background work, in that order. */
  stop(): Promise<void>;
}

/**
 * The composition root: builds every part of the app on the given storage and returns the server
 * before it listens. `startApp` (npm start), the tests and the benchmarks all build the app here.
 */
export function buildApp(
  deps: { config: AppConfig; log: Logger; storage: AppStorage },
  overrides: AppOverrides = {},
): BuiltApp {
  const { config, log, storage } = deps;
  const { repositories } = storage;
  const now = overrides.now ?? ((): Date => new Date());
  const devOrgId = overrides.devOrgId ?? DEV_ORG_ID;
  const bot =
    overrides.bot ?? createBotFramework(config.bot, { log: log.child({ module: 'bot' }) });
  // The outbox comes first: the skema's use cases queue the summary card of a finalised talk in it,
  // and the rollout's dispatcher listens to it for new work.
  const outbox = new Outbox(storage.deliveries, now);
  const skemaServices = createSkemaServices({
    repositories,
    now,
    log: log.child({ module: 'skema' }),
    onFinalised: overrides.onFinalised ?? ((skema) => outbox.queueSummaryCard(skema)),
    skemaDeliveries: storage.deliveries,
  });
  const proactiveInstall =
    overrides.proactiveInstall ??
    (config.proactiveInstall && storage.installAttempts
      ? {
          graphFor: graphInstallerPerTenant(config.proactiveInstall),
          attempts: storage.installAttempts,
          manifestId: config.proactiveInstall.manifestId,
        }
      : undefined);
  const rollout = createRollout({
    config,
    repositories,
    deliveries: storage.deliveries,
    outbox,
    now,
    ...(storage.tenantLeases ? { tenantLeases: storage.tenantLeases } : {}),
    bot,
    log,
    ...(overrides.announceEveryMs !== undefined
      ? { announceEveryMs: overrides.announceEveryMs }
      : {}),
    ...(overrides.wakeWaitingEveryMs !== undefined
      ? { wakeWaitingEveryMs: overrides.wakeWaitingEveryMs }
      : {}),
    ...(proactiveInstall ? { proactiveInstall } : {}),
  });
  const router = new MusBotRouter(rollout.services, bot, {
    ...skemaActions(rollout.services, skemaServices),
    ...evaluationActions(rollout.services),
    ...agreementActions(rollout.services, skemaServices),
    ...overrides.extraActions?.(rollout.services),
  });
  const handler = new MusActivityHandler({
    conversations: repositories.conversations,
    orgIdOf: (tenantId) => (config.devMode ? devOrgId : (tenantId ?? devOrgId)),
    acceptTenant: tenantAcceptor(config),
    log: log.child({ module: 'activity-handler' }),
    router,
  });
  const authenticate = createAuthenticator({
    devMode: config.devMode,
    devOrgId,
    people: repositories.people,
    verifySso: overrides.verifySso ?? ssoVerifierFromConfig(config, log),
    orgIdOf: orgIdForTenant(config.devMode, devOrgId),
    log: log.child({ module: 'authenticate' }),
  });
  const skemaApi = {
    authenticate,
    log: log.child({ module: 'skema-api' }),
    services: skemaServices,
  };
  const graphCalendar = overrides.calendar ?? bookingCalendarFromEnv(process.env);
  // With the app's manifest id known, a booked meeting gets the MUS tab in its chat.
  const calendar =
    graphCalendar && config.teamsAppId && !graphCalendar.meetingTab
      ? {
          ...graphCalendar,
          meetingTab: { manifestId: config.teamsAppId, publicUrl: config.publicUrl },
        }
      : graphCalendar;
  const server = createServer({
    devMode: config.devMode,
    log,
    storageReachable: () => storage.ping(),
    handleBotRequest: (req, res) => bot.handleRequest(req, res, handler),
    tabDir: overrides.tabDir ?? join(projectRoot, 'tab', 'dist'),
    registerApi: [
      (s) => registerMeRoutes(s, { authenticate, log }),
      (s) =>
        registerRoundSetupRoutes(s, {
          authenticate,
          repositories,
          now,
          log: log.child({ module: 'round-setup-api' }),
        }),
      (s) =>
        registerOrganisationRoutes(s, {
          authenticate,
          organisations: repositories.organisations,
          log: log.child({ module: 'organisation-api' }),
        }),
      (s) =>
        registerRosterRoutes(s, {
          people: repositories.people,
          authenticate,
          orgIdOf: (p) => p.orgId,
        }),
      (s) => registerRoundRoutes(s, skemaApi),
      (s) => registerSkemaRoutes(s, skemaApi),
      (s) => registerAgreementRoutes(s, skemaApi),
      (s) =>
        registerBookingRoutes(s, {
          ...skemaApi,
          ...(calendar ? { calendar } : {}),
          notifyEmployee: chatNotifier(repositories.conversations, bot),
        }),
      (s) =>
        registerGroupTalkRoutes(s, {
          authenticate,
          log: log.child({ module: 'group-talk-api' }),
          services: { repositories, now, log: log.child({ module: 'group-talk' }) },
        }),
      (s) =>
        registerPrivacyRoutes(s, {
          authenticate,
          log: log.child({ module: 'privacy-api' }),
          privacy: {
            repositories,
            deliveries: storage.deliveries,
            installAttempts: storage.installAttempts,
            now,
            log: log.child({ module: 'privacy' }),
          },
        }),
      (s) =>
        registerDevRoutes(s, {
          devMode: config.devMode,
          people: repositories.people,
          orgId: devOrgId,
          log,
        }),
      (s) =>
        registerOverviewRoutes(s, {
          authenticate,
          log: log.child({ module: 'overview-api' }),
          services: { repositories, deliveries: storage.deliveries, now },
        }),
    ],
  });

  const answerTimes = new AnswerTimeBlurrer(repositories, log.child({ module: 'evaluation' }));
  const background = overrides.background !== false;
  if (background) rollout.start();
  const scheduler = background
    ? startScheduler(
        {
          hourlyReminders: () => rollout.remindNow(),
          hourlyAnswerTimeBlur: () => answerTimes.run(now()),
          dailyRetention: () =>
            runRetentionJob({ repositories, log: log.child({ module: 'retention' }) }, now()),
          waitingCardsRetry: () => rollout.retryWaitingEverywhere(),
        },
        { now, log },
      )
    : undefined;
  let listening = false;
  return {
    server,
    repositories,
    outbox,
    skemaServices,
    rollout,
    router,
    bot,
    listen: (port, host) =>
      new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          listening = true;
          resolve(`http://${host}:${server.address().port}`);
        });
      }),
    stop: async () => {
      if (listening) {
        listening = false;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
        });
      }
      scheduler?.stop();
      await rollout.stop();
      await router.idle();
    },
  };
}

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/**
 * `npm start`: connects storage (starting the embedded Azurite when that is the default), builds the
 * app, and listens. Returns a handle whose stop() closes the server first and storage last, so
 * nothing in flight is lost.
 */
export async function startApp(
  config: AppConfig,
  options: { demo: boolean; log: Logger },
): Promise<RunningApp> {
  const { log } = options;
  const storage = await connectStorage(config.storage);
  let app: BuiltApp | undefined;
  try {
    const { repositories } = storage;
    if (config.devMode)
      await repositories.organisations.ensure(newOrganisation(DEV_ORG_ID, 'Demo'));
    if (options.demo) await loadDemoData(repositories, DEV_ORG_ID, log);
    app = buildApp({ config, log, storage });
    const url = await app.listen(config.port, config.host);
    if (storage.azurite && storage.connectionString) {
      writeRunningApp(config.dataDir, {
        appPid: process.pid,
        azuritePid: storage.azurite.pid,
        connectionString: storage.connectionString,
        url,
      });
    }
    const built = app;
    const stop = async (): Promise<void> => {
      await built.stop();
      if (storage.azurite) {
        await storage.azurite.stop();
        removeRunningApp(config.dataDir);
      }
    };
    return { url, stop };
  } catch (error) {
    await app?.stop();
    await storage.azurite?.stop();
    throw error;
  }
}
