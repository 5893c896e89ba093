import type { Request } from 'restify';
import type { Logger } from '../logger.js';
import { ForbiddenError } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { normaliseEmail } from '../mus/person.js';
import type { PersonRepository } from '../mus/repositories.js';
import { UnauthorizedError } from './error-responses.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/** Resolves the calling user from a request, or throws UnauthorizedError. */
export type Authenticate = (req: Request) => Promise<Person>;

/** Verifies a Teams SSO token and returns its tenant and Entra object id (see sso-token.ts). */
export type VerifySsoToken = (token: string) => Promise<{ tenantId: string; objectId: string }>;

/** Header naming the roster person to act as; honoured only in dev mode (no tenant to sign in to). */
export const DEV_USER_HEADER = 'x-mus-dev-user';

const NOT_ON_ROSTER = ERRORS_TEXTS.authenticate.notOnRoster;

/**
 * The organisation a tenant's users belong to. In production an organisation *is* its Entra tenant;
 * in dev mode everything lives in the one dev organisation, whatever tenant a token names.
 */
export function orgIdForTenant(devMode: boolean, devOrgId: string): (tenantId: string) => string {
  return (tenantId) => (devMode ? devOrgId : tenantId);
}

export function createAuthenticator(options: {
  devMode: boolean;
  /** The organisation a dev-mode user belongs to. */
  devOrgId: string;
  people: PersonRepository;
  /** Absent when no SSO app is configured: then only dev mode can sign anyone in. */
  verifySso?: VerifySsoToken;
  /**
   * Maps a token's tenant to our organisation id. Defaults to orgIdForTenant(devMode, devOrgId):
   * the tenant id in production, the dev organisation in dev mode.
   */
  orgIdOf?: (tenantId: string) => string;
  log?: Logger;
}): Authenticate {
  const orgIdOf = options.orgIdOf ?? orgIdForTenant(options.devMode, options.devOrgId);
  return async (req) => {
    const auth = req.header('authorization');
    if (auth !== undefined && /^bearer /i.test(auth)) {
      if (!options.verifySso) {
        options.log?.warn('bearer token refused: no SSO app configured (AAD_APP_CLIENT_ID)');
        throw new UnauthorizedError();
      }
      const claims = await options.verifySso(auth.slice('bearer '.length).trim()).catch((error) => {
        options.log?.info({ err: error }, 'SSO token refused');
        throw new UnauthorizedError();
      });
      const person = await options.people.findByTeamsId(orgIdOf(claims.tenantId), {
        aadObjectId: claims.objectId,
      });
      if (!person) {
        // Signed in for real, but the bot has not matched this Entra user to the roster (yet).
        options.log?.info({ tenantId: claims.tenantId }, 'SSO user not on the roster');
        throw new ForbiddenError(NOT_ON_ROSTER);
      }
      return person;
    }
    const devUser = req.header(DEV_USER_HEADER);
    if (options.devMode && devUser) {
      const found = await options.people.get(options.devOrgId, normaliseEmail(devUser));
      if (found) return found.value;
    }
    throw new UnauthorizedError();
  };
}
