import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { demand, may } from '../mus/access-rules.js';
import { ConflictError, NotFoundError, type Versioned } from '../mus/errors.js';
import { CORE_TASK_MAX, type Organisation } from '../mus/organisation.js';
import type { OrganisationRepository } from '../mus/repositories.js';
import type { Authenticate } from './authenticate.js';
import { sendApiError } from './api-route.js';
import { requireIfMatch, sendStaleWrite } from './if-match.js';
import { parseInput, refinementText } from './validate-input.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * GET/PUT /api/organisation: HR writes the organisation's core task — the centre of the method,
 * shown at the top of every skema and card — and names HR's contact person for the leaders.
 * HR only. Writes are guarded by the ETag the caller read (If-Match); a stale one is refused with
 * 412 and the current version, so two HR people editing at once lose nothing.
 */

const organisationBody = z.strictObject({
  coreTask: z
    .string()
    .max(CORE_TASK_MAX)
    .refine(
      (text) => text.trim().length > 0,
      refinementText(ERRORS_TEXTS.organisationRoutes.writeCoreTaskWhat),
    ),
  hrContact: z
    .strictObject({
      name: z.string().trim().min(1).max(100),
      email: z.email().max(254).optional(),
      phone: z.string().trim().max(40).optional(),
    })
    .nullable()
    .optional(),
});

function view(stored: Versioned<Organisation>): unknown {
  return {
    coreTask: stored.value.coreTask,
    hrContact: stored.value.hrContact ?? null,
    etag: stored.etag,
  };
}

export function registerOrganisationRoutes(
  server: Server,
  deps: { authenticate: Authenticate; organisations: OrganisationRepository; log: Logger },
): void {
  const load = async (orgId: string): Promise<Versioned<Organisation>> => {
    const stored = await deps.organisations.get(orgId);
    if (!stored) {
      throw new NotFoundError(ERRORS_TEXTS.organisationRoutes.organisationDoesNotExist);
    }
    return stored;
  };

  server.get('/api/organisation', async (req: Request, res: Response) => {
    try {
      const viewer = await deps.authenticate(req);
      demand(may.launchSteps(viewer));
      const stored = await load(viewer.orgId);
      res.header('ETag', stored.etag);
      res.json(view(stored));
    } catch (error) {
      sendApiError(res, error, deps.log);
    }
  });

  server.put('/api/organisation', async (req: Request, res: Response) => {
    try {
      const viewer = await deps.authenticate(req);
      demand(may.launchSteps(viewer));
      const ifMatch = requireIfMatch(req);
      const input = parseInput(organisationBody, req.body);
      const stored = await load(viewer.orgId);
      if (stored.etag !== ifMatch) throw new ConflictError(stored);
      const next: Organisation = { ...stored.value, coreTask: input.coreTask.trim() };
      if (input.hrContact) next.hrContact = input.hrContact;
      else if (input.hrContact === null) delete next.hrContact;
      const saved = await deps.organisations.update(next, stored.etag);
      res.header('ETag', saved.etag);
      res.json(view(saved));
    } catch (error) {
      if (!sendStaleWrite(res, error, view)) sendApiError(res, error, deps.log);
    }
  });
}
