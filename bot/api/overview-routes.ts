import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Person } from '../mus/person.js';
import { overviewCsv } from '../overview/overview-csv.js';
import { roundOverview, type OverviewServices } from '../overview/round-overview.js';
import { talkList, talkListCsv, type TalkListServices } from '../overview/talk-list.js';
import { apiRoute, sendApiError, type ApiRouteDeps } from './api-route.js';
import { roundIdSchema } from '../mus/input-fields.js';
import { parseInput } from './validate-input.js';

/*
 * HR's overview of a round (HR only; everyone else gets 403):
 *   GET /api/rounds/:roundId/overview       → RoundOverview (bot/overview/round-overview.ts)
 *   GET /api/rounds/:roundId/overview.csv   → the same as a CSV download for Danish Excel
 *   GET /api/rounds/:roundId/talks          → who has had their talk, per leader (talk-list.ts)
 *   GET /api/rounds/:roundId/talks.csv      → the same as a CSV download
 */

const roundPath = z.strictObject({ roundId: roundIdSchema });

export function registerOverviewRoutes(
  server: Server,
  deps: ApiRouteDeps & { services: OverviewServices & TalkListServices },
): void {
  const { services } = deps;

  server.get(
    '/api/rounds/:roundId/overview',
    apiRoute(deps, async (req, viewer) => {
      const { roundId } = parseInput(roundPath, req.params, 'path');
      return { body: await roundOverview(services, viewer, roundId) };
    }),
  );

  server.get(
    '/api/rounds/:roundId/overview.csv',
    csvRoute(deps, 'mus-overblik', async (viewer, roundId) =>
      overviewCsv(await roundOverview(services, viewer, roundId)),
    ),
  );

  server.get(
    '/api/rounds/:roundId/talks',
    apiRoute(deps, async (req, viewer) => {
      const { roundId } = parseInput(roundPath, req.params, 'path');
      return { body: await talkList(services, viewer, roundId) };
    }),
  );

  server.get(
    '/api/rounds/:roundId/talks.csv',
    csvRoute(deps, 'mus-samtaler', async (viewer, roundId) =>
      talkListCsv(await talkList(services, viewer, roundId)),
    ),
  );
}

/** A CSV download of one round, named `<name>-<roundId>.csv`; errors in the API's JSON shape. */
function csvRoute(
  deps: ApiRouteDeps,
  name: string,
  render: (viewer: Person, roundId: string) => Promise<string>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      const viewer = await deps.authenticate(req);
      const { roundId } = parseInput(roundPath, req.params, 'path');
      const body = Buffer.from(await render(viewer, roundId));
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}-${roundId}.csv"`,
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch (error) {
      sendApiError(res, error, deps.log);
    }
  };
}
