import type { Server } from 'restify';
import { buildApp, type AppOverrides, type AppStorage, type BuiltApp } from '../../bot/app.js';
import { loadConfig, type AppConfig } from '../../bot/config.js';
import type { Logger } from '../../bot/logger.js';

/*
 * The app as tests and benchmarks build it: bot/app.ts's buildApp on the test's storage, with the
 * configuration read by the app's own loadConfig. Nothing is wired here; a harness only picks the
 * seams (clock, token check, calendar …) through buildApp's overrides.
 */

export interface TestAppSettings {
  /**
   * Dev mode (no sign-in: the dev-user header) or production mode (Teams SSO tokens checked, tenants
   * limited). Production mode here has no bot credentials: inbound bot requests are not what these
   * harnesses test, and outbound sends go to the fake Bot Connector in dev mode anyway.
   */
  devMode: boolean;
  /** Tenants allowed in production mode. */
  allowedTenants?: string[];
  rolloutRatePerSecond?: number;
}

/** A configuration as loadConfig gives it for these settings (storage is passed to buildApp). */
export function testAppConfig(settings: TestAppSettings): AppConfig {
  const config = loadConfig({
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:3978',
    ROLLOUT_RATE_PER_SECOND: String(settings.rolloutRatePerSecond ?? 1000),
    ALLOWED_TENANTS: (settings.allowedTenants ?? []).join(','),
    LOG_LEVEL: 'silent',
  });
  return { ...config, devMode: settings.devMode };
}

export interface ListeningTestApp extends BuiltApp {
  url: string;
}

/** Builds the app and listens on a free loopback port. */
export async function listenTestApp(
  deps: { settings: TestAppSettings; log: Logger; storage: AppStorage },
  overrides: AppOverrides,
): Promise<ListeningTestApp> {
  const app = buildApp(
    { config: testAppConfig(deps.settings), log: deps.log, storage: deps.storage },
    overrides,
  );
  const url = await app.listen(0, '127.0.0.1');
  return Object.assign(app, { url });
}

/** The server's port (for harnesses that speak raw HTTP). */
export function portOf(server: Server): number {
  return server.address().port;
}
