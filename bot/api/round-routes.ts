import type { Server } from 'restify';
import { z } from 'zod';
import { unitEvaluation } from '../evaluation/unit-evaluation.js';
import { closeRoundBy } from '../rollout/close-round.js';
import { leaderTeam } from '../skema/leader-team.js';
import { myRounds } from '../skema/my-rounds.js';
import type { SkemaServices } from '../skema/skema-services.js';
import { apiRoute, type ApiRouteDeps } from './api-route.js';
import { roundIdSchema } from '../mus/input-fields.js';
import { parseInput } from './validate-input.js';

/*
 * The tab's round API:
 *   GET /api/rounds                   → { rounds: RoundSummary[] }, newest first, only rounds the
 *                                       viewer takes part in (own skema, a team, or HR)
 *   GET /api/rounds/:roundId/team     → TeamOverview: the leader's employees with status and talk
 *                                       date; for HR the round's counts per status, never contents
 *   POST /api/rounds/:roundId/close   → { roundId, closedAt, alreadyClosed } (HR): no more steps,
 *                                       and the retention period starts
 *   GET /api/rounds/:roundId/evaluation → UnitEvaluation: a leader's unit's evaluation results, as
 *                                       far as HR's overview releases them (leaders only)
 */
export function registerRoundRoutes(
  server: Server,
  deps: ApiRouteDeps & { services: SkemaServices },
): void {
  const { services } = deps;

  server.get(
    '/api/rounds',
    apiRoute(deps, async (_req, viewer) => ({
      body: { rounds: await myRounds(services, viewer) },
    })),
  );

  server.get(
    '/api/rounds/:roundId/team',
    apiRoute(deps, async (req, viewer) => {
      const { roundId } = parseInput(
        z.strictObject({ roundId: roundIdSchema }),
        req.params,
        'path',
      );
      return { body: await leaderTeam(services, viewer, roundId) };
    }),
  );

  server.get(
    '/api/rounds/:roundId/evaluation',
    apiRoute(deps, async (req, viewer) => {
      const { roundId } = parseInput(
        z.strictObject({ roundId: roundIdSchema }),
        req.params,
        'path',
      );
      return { body: await unitEvaluation(services, viewer, roundId) };
    }),
  );

  server.post(
    '/api/rounds/:roundId/close',
    apiRoute(deps, async (req, viewer) => {
      const { roundId } = parseInput(
        z.strictObject({ roundId: roundIdSchema }),
        req.params,
        'path',
      );
      const { round, alreadyClosed } = await closeRoundBy(services, { by: viewer, roundId });
      return { body: { roundId, closedAt: round.value.closedAt ?? null, alreadyClosed } };
    }),
  );
}
