import type { Request } from 'restify';
import type { Person } from '../mus/person.js';
import { normaliseEmail } from '../mus/person.js';
import type { PersonRepository } from '../mus/repositories.js';
import { UnauthorizedError } from './error-responses.js';

/** Resolves the calling user from a request, or throws UnauthorizedError. */
export type Authenticate = (req: Request) => Promise<Person>;

/** Verifies a Teams SSO token and returns its tenant and Entra object id (see issue on the tab). */
export type VerifySsoToken = (token: string) => Promise<{ tenantId: string; objectId: string }>;

/** Header naming the roster person to act as; honoured only in dev mode (no tenant to sign in to). */
export const DEV_USER_HEADER = 'x-mus-dev-user';

export function createAuthenticator(options: {
  devMode: boolean;
  /** The organisation a dev-mode user belongs to. */
  devOrgId: string;
  people: PersonRepository;
  verifySso?: VerifySsoToken;
}): Authenticate {
  return async (req) => {
    const auth = req.header('authorization');
    if (auth?.startsWith('Bearer ') && options.verifySso) {
      const claims = await options.verifySso(auth.slice('Bearer '.length).trim()).catch(() => {
        throw new UnauthorizedError();
      });
      const person = await options.people.findByTeamsId(claims.tenantId, {
        aadObjectId: claims.objectId,
      });
      if (!person) throw new UnauthorizedError();
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
