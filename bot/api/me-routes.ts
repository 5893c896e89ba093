import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger.js';
import type { Authenticate } from './authenticate.js';
import { sendError } from './error-responses.js';

/** GET /api/me: who the tab's user is, with their roles, so the tab can pick its views. */
export function registerMeRoutes(
  server: Server,
  deps: { authenticate: Authenticate; log: Logger },
): void {
  server.get('/api/me', async (req: Request, res: Response) => {
    try {
      const me = await deps.authenticate(req);
      res.json({
        email: me.email,
        name: me.name,
        department: me.department,
        roles: me.roles,
        leaderEmail: me.leaderEmail ?? null,
      });
    } catch (error) {
      sendError(res, error, deps.log);
    }
  });
}
