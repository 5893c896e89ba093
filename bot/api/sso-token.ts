import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { VerifySsoToken } from './authenticate.js';

/** Microsoft's signing keys for Entra ID tokens of every tenant (v2.0 endpoint, also signs v1 tokens). */
export const MICROSOFT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/**
 * Clock skew we forgive between Entra and this server. Small: a token a minute past its expiry is
 * refused. Teams renews tokens itself, so the tab simply asks again.
 */
export const CLOCK_TOLERANCE_SECONDS = 60;

/** A token the server refuses; the reason is for the log, never for the user. */
export class SsoTokenError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`SSO token refused: ${reason}`, options);
    this.name = 'SsoTokenError';
  }
}

export interface SsoVerifierOptions {
  /** The audiences the token may carry (`api://<host>/<clientId>`, the clientId itself); see ssoAudiences. */
  audiences: string[];
  /** Tenants whose users may sign in. Empty refuses every token (fail closed). */
  allowedTenants: string[];
  /** Where the signing keys are published; Microsoft's by default, a local server in tests. */
  jwksUrl?: string;
  /** Keys to verify with instead of fetching a JWKS (tests may pass createLocalJWKSet). */
  keys?: JWTVerifyGetKey;
  /** The clock; tests move it. */
  now?: () => Date;
}

/**
 * The audiences Teams SSO tokens for our Entra app carry: v2 tokens have the client id, v1 tokens the
 * Application ID URI, which Teams requires to be `api://<the tab's host>/<clientId>`.
 */
export function ssoAudiences(clientId: string, tabHosts: string[] = []): string[] {
  return [clientId, `api://${clientId}`, ...tabHosts.map((host) => `api://${host}/${clientId}`)];
}

/** The two issuers Entra signs tokens for a tenant as (v2 and v1 endpoints). */
export function issuersFor(tenantId: string): string[] {
  return [
    `https://login.microsoftonline.com/${tenantId}/v2.0`,
    `https://sts.windows.net/${tenantId}/`,
  ];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds the verifier of Teams SSO tokens (docs/architecture.md, "Teams facts the design relies on"): RS256 signature by a key from the
 * JWKS, issuer of the token's own tenant, one of our audiences, not expired, tenant on the allow-list.
 * Resolves to the tenant and the user's Entra object id; rejects with SsoTokenError otherwise.
 */
export function createSsoVerifier(options: SsoVerifierOptions): VerifySsoToken {
  const keys =
    options.keys ?? createRemoteJWKSet(new URL(options.jwksUrl ?? MICROSOFT_JWKS_URL), {});
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  const audiences = [...options.audiences];
  if (audiences.length === 0) throw new Error('createSsoVerifier needs at least one audience');

  return async (token) => {
    // The issuer depends on the tenant, so read the (still untrusted) tenant first to know which
    // issuer to demand; the signature check below then vouches for every claim, `tid` included.
    let claimedTenant: unknown;
    try {
      claimedTenant = decodeJwt(token).tid;
    } catch (error) {
      throw new SsoTokenError('not a JWT', { cause: error });
    }
    if (typeof claimedTenant !== 'string' || !GUID.test(claimedTenant)) {
      throw new SsoTokenError('no tenant id');
    }
    if (!allowed.has(claimedTenant.toLowerCase())) {
      throw new SsoTokenError(`tenant ${claimedTenant} not allowed`);
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: issuersFor(claimedTenant),
        audience: audiences,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
        ...(options.now ? { currentDate: options.now() } : {}),
      });
      if (typeof payload.oid !== 'string' || !payload.oid) {
        throw new SsoTokenError('no object id');
      }
      return { tenantId: claimedTenant, objectId: payload.oid };
    } catch (error) {
      if (error instanceof SsoTokenError) throw error;
      const reason = error instanceof errors.JOSEError ? error.code : 'verification failed';
      throw new SsoTokenError(reason, { cause: error });
    }
  };
}

/**
 * The verifier the app runs with, from its configuration: none without an SSO app (then only dev
 * mode signs anyone in). Audiences are the client id (v2 tokens, as aad.manifest.json asks for) and
 * the Application ID URI on the public host (v1 tokens). Tenants are ALLOWED_TENANTS, or else the
 * bot's own tenant; with neither, every token is refused and the log says why.
 */
export function ssoVerifierFromConfig(
  config: Pick<AppConfig, 'ssoClientId' | 'allowedTenants' | 'bot' | 'publicUrl'>,
  log: Logger,
): VerifySsoToken | undefined {
  if (!config.ssoClientId) return undefined;
  const tenants = config.allowedTenants.length
    ? config.allowedTenants
    : config.bot?.tenantId
      ? [config.bot.tenantId]
      : [];
  if (!tenants.length) {
    log.warn('no tenant may sign in to the tab: set ALLOWED_TENANTS (or MicrosoftAppTenantId)');
  }
  const host = URL.canParse(config.publicUrl) ? new URL(config.publicUrl).host : undefined;
  return createSsoVerifier({
    audiences: ssoAudiences(config.ssoClientId, host ? [host] : []),
    allowedTenants: tenants,
  });
}
