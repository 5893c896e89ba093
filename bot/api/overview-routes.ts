import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { overviewCsv } from '../overview/overview-csv.js';
import { roundOverview, type OverviewServices } from '../overview/round-overview.js';
import { apiRoute, sendApiError, type ApiRouteDeps } from './api-route.js';
import { roundIdSchema } from './skema-routes.js';
import { parseInput } from './validate-input.js';

/*
 * HR's overview of a round (HR only; everyone else gets 403):
 *   GET /api/rounds/:roundId/overview       → RoundOverview (bot/overview/round-overview.ts)
 *   GET /api/rounds/:roundId/overview.csv   → the same as a CSV download for Danish Excel
 */

const roundPath = z.strictObject({ roundId: roundIdSchema });

export function registerOverviewRoutes(
  server: Server,
  deps: ApiRouteDeps & { services: OverviewServices },
): void {
  const { services } = deps;

  server.get(
    '/api/rounds/:roundId/overview',
    apiRoute(deps, async (req, viewer) => {
      const { roundId } = parseInput(roundPath, req.params, 'path');
      return { body: await roundOverview(services, viewer, roundId) };
    }),
  );

  server.get('/api/rounds/:roundId/overview.csv', async (req: Request, res: Response) => {
    try {
      const viewer = await deps.authenticate(req);
      const { roundId } = parseInput(roundPath, req.params, 'path');
      const body = Buffer.from(overviewCsv(await roundOverview(services, viewer, roundId)));
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="mus-overblik-${roundId}.csv"`,
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch (error) {
      sendApiError(res, error, deps.log);
    }
  });
}
