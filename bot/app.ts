import type { Server } from 'restify';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_ORG_ID, type AppConfig } from './config.js';
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
import { ssoVerifierFromConfig } from './api/sso-token.js';
import { createSkemaServices } from './skema/skema-services.js';
import { newOrganisation } from './mus/organisation.js';
import { connectStorage } from './storage/connect-storage.js';
import { removeRunningApp, writeRunningApp } from './running-file.js';
import { createServer } from './server.js';
import { loadDemoData } from './demo-data.js';
import { createBotFramework } from './teams/bot-framework.js';
import { MusActivityHandler } from './teams/mus-activity-handler.js';
import { startRollout } from './rollout-wiring.js';
import type { Skema } from './mus/skema.js';
import { skemaActions } from './teams/card-actions/skema-actions.js';
import { evaluationActions } from './teams/card-actions/evaluation-actions.js';
import { agreementActions } from './teams/card-actions/agreement-actions.js';
import { registerAgreementRoutes } from './api/agreement-routes.js';
import { registerGroupTalkRoutes } from './api/group-talk-routes.js';
import { registerPrivacyRoutes } from './api/privacy-routes.js';
import { PeopleFirst } from './people-first.js';

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

const projectRoot = join(fileURLToPath(import.meta.url), '..', '..');

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/**
 * Wires the app: storage → services → one HTTP server, and starts listening. Returns a handle whose
 * stop() closes the server first and storage last, so nothing in flight is lost.
 */
export async function startApp(
  config: AppConfig,
  options: { demo: boolean; log: Logger },
): Promise<RunningApp> {
  const { log } = options;
  const storage = await connectStorage(config.storage);
  let server: Server | undefined;
  let stopRollout: () => Promise<void> = () => Promise.resolve();
  try {
    const { repositories } = storage;
    if (config.devMode)
      await repositories.organisations.ensure(newOrganisation(DEV_ORG_ID, 'Demo'));
    if (options.demo) await loadDemoData(repositories, DEV_ORG_ID, log);

    const bot = createBotFramework(config.bot, { log: log.child({ module: 'bot' }) });
    // The skema's use cases serve both the tab's API and the chat card; a finalised talk queues the
    // employee's summary card through the rollout's outbox (bound below, once the rollout exists).
    let requestSummary: (skema: Skema) => Promise<void> = () => Promise.resolve();
    const skemaServices = createSkemaServices({
      repositories,
      log: log.child({ module: 'skema' }),
      onFinalised: (skema) => requestSummary(skema),
      skemaDeliveries: storage.deliveries,
    });
    // Card clicks and the tab come before the outbox's storage work (people-first.ts).
    const peopleFirst = new PeopleFirst();
    const rollout = startRollout({
      config,
      repositories,
      deliveries: storage.deliveries,
      tenantLeases: storage.tenantLeases,
      peopleFirst,
      bot,
      log,
      extraActions: (services) => ({
        ...skemaActions(services, skemaServices),
        ...evaluationActions(services),
        ...agreementActions(services, skemaServices),
      }),
    });
    requestSummary = (skema) => rollout.requestSummary(skema);
    stopRollout = () => rollout.stop();
    const handler = new MusActivityHandler({
      conversations: repositories.conversations,
      orgIdOf: (tenantId) => (config.devMode ? DEV_ORG_ID : (tenantId ?? DEV_ORG_ID)),
      acceptTenant: tenantAcceptor(config),
      log: log.child({ module: 'activity-handler' }),
      router: rollout.router,
    });
    const authenticate = createAuthenticator({
      devMode: config.devMode,
      devOrgId: DEV_ORG_ID,
      people: repositories.people,
      verifySso: ssoVerifierFromConfig(config, log),
      orgIdOf: orgIdForTenant(config.devMode, DEV_ORG_ID),
      log: log.child({ module: 'authenticate' }),
    });
    const skemaApi = {
      authenticate,
      log: log.child({ module: 'skema-api' }),
      services: skemaServices,
    };
    server = createServer({
      devMode: config.devMode,
      log,
      peopleFirst,
      storageReachable: () => storage.ping(),
      handleBotRequest: (req, res) => bot.handleRequest(req, res, handler),
      tabDir: join(projectRoot, 'tab', 'dist'),
      registerApi: [
        (s) => registerMeRoutes(s, { authenticate, log }),
        (s) =>
          registerRoundSetupRoutes(s, {
            authenticate,
            repositories,
            now: () => new Date(),
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
          registerGroupTalkRoutes(s, {
            authenticate,
            log: log.child({ module: 'group-talk-api' }),
            services: {
              repositories,
              now: () => new Date(),
              log: log.child({ module: 'group-talk' }),
            },
          }),
        (s) =>
          registerPrivacyRoutes(s, {
            authenticate,
            log: log.child({ module: 'privacy-api' }),
            privacy: {
              repositories,
              deliveries: storage.deliveries,
              now: () => new Date(),
              log: log.child({ module: 'privacy' }),
            },
          }),
        (s) =>
          registerDevRoutes(s, {
            devMode: config.devMode,
            people: repositories.people,
            orgId: DEV_ORG_ID,
            log,
          }),
        (s) =>
          registerOverviewRoutes(s, {
            authenticate,
            log: log.child({ module: 'overview-api' }),
            services: { repositories, deliveries: storage.deliveries, now: () => new Date() },
          }),
      ],
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address();
    const url = `http://${config.host}:${port}`;
    if (storage.azurite && storage.connectionString) {
      writeRunningApp(config.dataDir, {
        appPid: process.pid,
        azuritePid: storage.azurite.pid,
        connectionString: storage.connectionString,
        url,
      });
    }
    const stop = async (): Promise<void> => {
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
      });
      await stopRollout();
      if (storage.azurite) {
        await storage.azurite.stop();
        removeRunningApp(config.dataDir);
      }
    };
    return { url, stop };
  } catch (error) {
    server?.close();
    await stopRollout();
    await storage.azurite?.stop();
    throw error;
  }
}
