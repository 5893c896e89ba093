import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger.js';
import type { PersonRepository } from '../mus/repositories.js';
import { sendError } from './error-responses.js';

/**
 * GET /api/dev/people → { people: [{ email, name, department, roles }] }: the dev organisation's
 * roster, so the tab opened in a plain browser can offer a person to act as. Registered in dev mode
 * only (no route exists in production); it shows names, emails and roles, nothing else.
 */
export function registerDevRoutes(
  server: Server,
  deps: { devMode: boolean; people: PersonRepository; orgId: string; log: Logger },
): void {
  if (!deps.devMode) return;
  server.get('/api/dev/people', async (_req: Request, res: Response) => {
    try {
      const people = await deps.people.list(deps.orgId);
      res.json({
        people: people
          .map((p) => ({ email: p.email, name: p.name, department: p.department, roles: p.roles }))
          .sort((a, b) => a.name.localeCompare(b.name, 'da')),
      });
    } catch (error) {
      sendError(res, error, deps.log);
    }
  });
}
