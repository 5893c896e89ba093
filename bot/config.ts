import { resolve } from 'node:path';
import { z } from 'zod';

/** The organisation used in dev mode, where there is no Entra tenant to name it. */
export const DEV_ORG_ID = 'default';

export type StorageConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; managedIdentityClientId?: string };

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

export interface AppConfig {
  production: boolean;
  /** No bot credentials: Bot Framework auth is off and the server listens on loopback only. */
  devMode: boolean;
  host: string;
  port: number;
  dataDir: string;
  storage: StorageConfig;
  bot?: BotCredentials;
  /** Entra app (client) id of the tab's SSO; tokens must carry `api://…/<clientId>` as audience. */
  ssoClientId?: string;
  /** Tenants whose users may use the app; empty means the bot's own tenant only. */
  allowedTenants: string[];
  logLevel: string;
  /** Where users reach the server (for links to the tab); the tunnel or App Service URL. */
  publicUrl: string;
  /** The Teams app id of the manifest, for deep links into the personal tab. */
  teamsAppId?: string;
  /** Rollout sends per second per tenant (Teams allows about 30). */
  rolloutRatePerSecond: number;
  /** Cards being drawn and sent at once (each holds one request to Teams at a time). */
  rolloutConcurrency: number;
  /**
   * PROACTIVE_INSTALL=on: the app installs itself through Microsoft Graph for people whose cards
   * wait for it. Off (undefined) by default; needs the bot's client secret and the manifest id.
   */
  proactiveInstall?: ProactiveInstallConfig;
}

export interface ProactiveInstallConfig {
  /** The id in manifest.json (TEAMS_APP_ID); Graph finds the app in the tenant's catalog by it. */
  manifestId: string;
  /** The bot's Entra app registration, which holds TeamsAppInstallation.ReadWriteSelfForUser.All. */
  clientId: string;
  clientSecret: string;
  /** A single-tenant bot's tenant; otherwise each organisation's own tenant is asked. */
  tenantId?: string;
}

/** Thrown when the environment cannot run the app; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Konfigurationen er ikke gyldig / The configuration is not valid:\n- ${problems.join('\n- ')}`,
    );
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

const env = z.object({
  NODE_ENV: optionalText,
  HOST: optionalText,
  PORT: optionalText,
  DATA_DIR: optionalText,
  STORAGE_CONNECTION_STRING: optionalText,
  STORAGE_ACCOUNT_URL: optionalText,
  AZURE_CLIENT_ID: optionalText,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText,
  MicrosoftAppTenantId: optionalText,
  AAD_APP_CLIENT_ID: optionalText,
  ALLOWED_TENANTS: optionalText,
  LOG_LEVEL: optionalText,
  PUBLIC_URL: optionalText,
  BOT_DOMAIN: optionalText,
  TEAMS_APP_ID: optionalText,
  ROLLOUT_RATE_PER_SECOND: optionalText,
  ROLLOUT_CONCURRENCY: optionalText,
  PROACTIVE_INSTALL: optionalText,
});

/** Cards in flight at once unless ROLLOUT_CONCURRENCY says otherwise. */
export const DEFAULT_ROLLOUT_CONCURRENCY = 32;

/**
 * Reads and checks the configuration once, from the environment. In production it refuses to run
 * without bot credentials and real storage, naming each missing setting.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = env.parse(source);
  const problems: string[] = [];
  const production = e.NODE_ENV === 'production';

  const port = e.PORT === undefined ? 3978 : Number(e.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT skal være et portnummer / PORT must be a port number (got "${e.PORT}")`);
  }

  const appType = e.MicrosoftAppType ?? 'MultiTenant';
  const knownAppType = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(appType);
  if (!knownAppType) {
    problems.push(
      `MicrosoftAppType skal være MultiTenant, SingleTenant eller UserAssignedMSI / must be one of those (got "${appType}")`,
    );
  }
  let bot: BotCredentials | undefined;
  if (e.MicrosoftAppId) {
    bot = {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: appType as BotCredentials['appType'],
      tenantId: e.MicrosoftAppTenantId,
    };
    // An unknown type is already reported; what it would need cannot be said.
    if (knownAppType && appType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
      problems.push(
        'MicrosoftAppPassword mangler / is missing (needed unless MicrosoftAppType=UserAssignedMSI)',
      );
    }
    if (knownAppType && appType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
      problems.push(`MicrosoftAppTenantId mangler / is missing (needed for ${appType})`);
    }
  }

  const dataDir = resolve(e.DATA_DIR ?? '.data');
  let storage: StorageConfig;
  if (e.STORAGE_CONNECTION_STRING) {
    storage = { kind: 'connection-string', connectionString: e.STORAGE_CONNECTION_STRING };
  } else if (e.STORAGE_ACCOUNT_URL) {
    if (!/^https:\/\/[^/]+/.test(e.STORAGE_ACCOUNT_URL)) {
      problems.push('STORAGE_ACCOUNT_URL skal være en https-adresse / must be an https URL');
    }
    storage = {
      kind: 'account-url',
      accountUrl: e.STORAGE_ACCOUNT_URL,
      managedIdentityClientId: e.AZURE_CLIENT_ID,
    };
  } else {
    storage = { kind: 'embedded', dataDir };
  }

  if (production) {
    if (!bot) {
      problems.push(
        'Produktion kræver botlegitimation: MicrosoftAppId mangler / production needs bot credentials: MicrosoftAppId is missing',
      );
    }
    if (storage.kind === 'embedded') {
      problems.push(
        'Produktion kræver rigtig lagring: sæt STORAGE_ACCOUNT_URL eller STORAGE_CONNECTION_STRING / production needs real storage: set STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING',
      );
    }
  }
  const rate = e.ROLLOUT_RATE_PER_SECOND === undefined ? 30 : Number(e.ROLLOUT_RATE_PER_SECOND);
  if (!(rate > 0 && rate <= 1000)) {
    problems.push(
      `ROLLOUT_RATE_PER_SECOND skal være et tal over 0 / must be a number above 0 (got "${e.ROLLOUT_RATE_PER_SECOND}")`,
    );
  }
  const concurrency =
    e.ROLLOUT_CONCURRENCY === undefined
      ? DEFAULT_ROLLOUT_CONCURRENCY
      : Number(e.ROLLOUT_CONCURRENCY);
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) {
    problems.push(
      `ROLLOUT_CONCURRENCY skal være et helt tal fra 1 til 256 / must be a whole number from 1 to 256 (got "${e.ROLLOUT_CONCURRENCY}")`,
    );
  }
  if (e.PUBLIC_URL && !/^https?:\/\/[^/]+/.test(e.PUBLIC_URL)) {
    problems.push('PUBLIC_URL skal være en http(s)-adresse / must be an http(s) URL');
  }
  const proactiveInstall = proactiveInstallConfig(e, bot, problems);
  if (problems.length) throw new ConfigError(problems);

  const devMode = !bot;
  return {
    production,
    devMode,
    // Without Bot Framework auth anyone could post activities: keep dev mode on loopback.
    host: devMode ? '127.0.0.1' : (e.HOST ?? '0.0.0.0'),
    port,
    dataDir,
    storage,
    bot,
    ssoClientId: e.AAD_APP_CLIENT_ID,
    allowedTenants: (e.ALLOWED_TENANTS ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL ?? 'info',
    publicUrl:
      e.PUBLIC_URL ??
      (e.BOT_DOMAIN
        ? `https://${e.BOT_DOMAIN}`
        : `http://127.0.0.1:${Number.isInteger(port) ? port : 3978}`),
    ...(e.TEAMS_APP_ID ? { teamsAppId: e.TEAMS_APP_ID } : {}),
    rolloutRatePerSecond: rate,
    rolloutConcurrency: concurrency,
    ...(proactiveInstall ? { proactiveInstall } : {}),
  };
}

/** PROACTIVE_INSTALL: `on` or `off` (the default); on needs what Graph's client credentials need. */
function proactiveInstallConfig(
  e: z.output<typeof env>,
  bot: BotCredentials | undefined,
  problems: string[],
): ProactiveInstallConfig | undefined {
  const flag = e.PROACTIVE_INSTALL?.toLowerCase() ?? 'off';
  if (flag === 'off') return undefined;
  if (flag !== 'on') {
    problems.push(
      `PROACTIVE_INSTALL skal være on eller off / must be on or off (got "${e.PROACTIVE_INSTALL}")`,
    );
    return undefined;
  }
  const missing: string[] = [];
  if (!bot) missing.push('MicrosoftAppId');
  if (!bot?.appPassword) missing.push('MicrosoftAppPassword');
  if (!e.TEAMS_APP_ID) missing.push('TEAMS_APP_ID');
  if (missing.length) {
    problems.push(
      `PROACTIVE_INSTALL=on kræver ${missing.join(', ')} (appen henter sin Graph-adgang med botregistreringens hemmelighed og finder sig selv i appkataloget ved manifestets id) / PROACTIVE_INSTALL=on needs ${missing.join(', ')} (the app gets its Graph token with the bot registration's secret and finds itself in the app catalog by the manifest id)`,
    );
    return undefined;
  }
  return {
    manifestId: e.TEAMS_APP_ID ?? '',
    clientId: bot?.appId ?? '',
    clientSecret: bot?.appPassword ?? '',
    ...(bot?.tenantId ? { tenantId: bot.tenantId } : {}),
  };
}
