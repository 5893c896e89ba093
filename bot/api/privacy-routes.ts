import type { Server } from 'restify';
import { z } from 'zod';
import { myAuditTrail } from '../privacy/audit-trail.js';
import { erasePerson } from '../privacy/erase-person.js';
import { EXPORT_REASON_MAX, exportPerson } from '../privacy/export-person.js';
import type { PrivacyServices } from '../privacy/privacy-services.js';
import { apiRoute, type ApiRouteDeps } from './api-route.js';
import { emailSchema } from '../mus/input-fields.js';
import { parseInput } from './validate-input.js';

/*
 * GDPR (docs/architecture.md, "Who sees what"):
 *   GET    /api/me/audit                 → { entries: AuditLine[] }: who opened my skema, and when
 *   GET    /api/me/export                → PersonExport: my own data ("Mine data"), for anyone
 *   GET    /api/people/:email/export?reason=…  → PersonExport (HR only, reason required): that
 *                                         person's data without private notes; logged for everyone in it
 *   DELETE /api/people/:email            → ErasureReport (HR only): erases the person; repeatable
 * The organisation is always the caller's own. Export and erasure are logged (erasure without whose).
 */

const personPath = z.strictObject({ email: emailSchema });
const exportQuery = z.strictObject({ reason: z.string().max(EXPORT_REASON_MAX).optional() });

export function registerPrivacyRoutes(
  server: Server,
  deps: ApiRouteDeps & { privacy: PrivacyServices },
): void {
  const { privacy } = deps;

  server.get(
    '/api/me/audit',
    apiRoute(deps, async (_req, viewer) => ({
      body: { entries: await myAuditTrail(privacy, viewer) },
    })),
  );

  server.get(
    '/api/me/export',
    apiRoute(deps, async (_req, viewer) => ({
      body: await exportPerson(privacy, viewer, viewer.email),
    })),
  );

  server.get(
    '/api/people/:email/export',
    apiRoute(deps, async (req, viewer) => {
      const { email } = parseInput(personPath, req.params, 'path');
      const { reason } = parseInput(exportQuery, req.query ?? {}, 'query');
      return { body: await exportPerson(privacy, viewer, email, { reason }) };
    }),
  );

  server.del(
    '/api/people/:email',
    apiRoute(deps, async (req, viewer) => {
      const { email } = parseInput(personPath, req.params, 'path');
      return { body: await erasePerson(privacy, viewer, email) };
    }),
  );
}
