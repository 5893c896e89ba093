import type { Server } from 'restify';
import { myAgreements } from '../skema/my-agreements.js';
import type { SkemaServices } from '../skema/skema-services.js';
import { apiRoute, type ApiRouteDeps } from './api-route.js';

/*
 * Follow-up of agreements across rounds:
 *   GET /api/agreements   → MyAgreements: `mine` (from the viewer's own talks, and those the viewer
 *                           carries out) and `team` (open agreements from the talks the viewer led)
 * Statuses are changed with PATCH /api/rounds/:roundId/skemas/:email/agreements/:id (skema-routes.ts).
 */
export function registerAgreementRoutes(
  server: Server,
  deps: ApiRouteDeps & { services: SkemaServices },
): void {
  server.get(
    '/api/agreements',
    apiRoute(deps, async (_req, viewer) => ({ body: await myAgreements(deps.services, viewer) })),
  );
}
