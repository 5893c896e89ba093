import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { demand, may } from '../mus/access-rules.js';
import { danishDate } from '../mus/deadline.js';
import { ConflictError, NotFoundError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import {
  ROUND_NAME_MAX,
  withDeadlines,
  withInvitation,
  withTemplate,
  type Round,
} from '../mus/round.js';
import {
  INVITATION_QUESTION_MAX,
  INVITATION_QUESTIONS_MAX,
  INVITATION_TEXT_MAX,
} from '../mus/step-two-invitation.js';
import { createRound } from '../rollout/create-round.js';
import { sendApiError } from './api-route.js';
import type { Authenticate } from './authenticate.js';
import { requireIfMatch, sendStaleWrite } from './if-match.js';
import { roundSetupView as view } from './round-setup-view.js';
import { roundIdSchema } from '../mus/input-fields.js';
import { parseInput } from './validate-input.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * HR sets a round up through the API, so it can be scripted (HR only; others 403):
 *   POST /api/rounds                        { name, kind }          → 201 the round
 *   GET  /api/rounds/:roundId/template                              → { template, editable, etag }
 *   PUT  /api/rounds/:roundId/template      { sections }  If-Match  → 409 once step 3 is launched
 *   PUT  /api/rounds/:roundId/deadlines     { "1": "YYYY-MM-DD", … "5": … }  If-Match
 *   PUT  /api/rounds/:roundId/invitation    { text: { da, en } | null, questions: [{ da, en }] }
 *                                           If-Match → 409 once step 2 is launched
 * Every answer is a RoundSetupView (round-setup-view.ts).
 * Writes need the round's ETag (If-Match; 428 without, 412 when stale, with the current version).
 */

const bilingualText = z.strictObject({
  da: z.string().trim().min(1).max(1000),
  en: z.string().trim().min(1).max(1000),
});

const templateBody = z.strictObject({
  sections: z
    .array(
      z.strictObject({
        id: z.string().max(40),
        kind: z.enum(['question', 'agreements']),
        title: bilingualText,
        prompt: bilingualText,
      }),
    )
    .max(15),
});

const deadlinesBody = z.strictObject({
  '1': z.string(),
  '2': z.string(),
  '3': z.string(),
  '4': z.string(),
  '5': z.string(),
});

const invitationText = (max: number) =>
  z.strictObject({
    da: z.string().trim().min(1).max(max),
    en: z.string().trim().min(1).max(max),
  });

const invitationBody = z.strictObject({
  text: invitationText(INVITATION_TEXT_MAX).nullable(),
  questions: z.array(invitationText(INVITATION_QUESTION_MAX)).max(INVITATION_QUESTIONS_MAX),
});

const newRoundBody = z.strictObject({
  name: z.string().trim().min(1).max(ROUND_NAME_MAX),
  kind: z.enum(['MUS', 'GRUS', 'LUS']),
});

const roundPath = z.strictObject({ roundId: roundIdSchema });

export function registerRoundSetupRoutes(
  server: Server,
  deps: {
    authenticate: Authenticate;
    repositories: Repositories;
    now: () => Date;
    log: Logger;
  },
): void {
  const hr = async (req: Request): Promise<Person> => {
    const viewer = await deps.authenticate(req);
    demand(may.manageRounds(viewer));
    return viewer;
  };
  const load = async (orgId: string, roundId: string): Promise<Versioned<Round>> => {
    const stored = await deps.repositories.rounds.get(orgId, roundId);
    if (!stored) throw new NotFoundError(ERRORS_TEXTS.roundSetupRoutes.roundDoesNotExist);
    return stored;
  };
  /** Read, check the caller's ETag, change, write with the ETag: a stale one is a 412. */
  const change = async (
    req: Request,
    res: Response,
    apply: (round: Round) => Round,
  ): Promise<void> => {
    try {
      const viewer = await hr(req);
      const ifMatch = requireIfMatch(req);
      const { roundId } = parseInput(roundPath, req.params, 'path');
      const stored = await load(viewer.orgId, roundId);
      if (stored.etag !== ifMatch) throw new ConflictError(stored);
      const saved = await deps.repositories.rounds.update(apply(stored.value), stored.etag);
      res.header('ETag', saved.etag);
      res.json(view(saved));
    } catch (error) {
      if (!sendStaleWrite(res, error, view)) sendApiError(res, error, deps.log);
    }
  };

  server.post('/api/rounds', async (req: Request, res: Response) => {
    try {
      const viewer = await hr(req);
      const input = parseInput(newRoundBody, req.body);
      const created = await createRound(deps, { by: viewer, name: input.name, kind: input.kind });
      res.header('ETag', created.etag);
      res.status(201);
      res.json(view(created));
    } catch (error) {
      sendApiError(res, error, deps.log);
    }
  });

  server.get('/api/rounds/:roundId/template', async (req: Request, res: Response) => {
    try {
      const viewer = await hr(req);
      const { roundId } = parseInput(roundPath, req.params, 'path');
      const stored = await load(viewer.orgId, roundId);
      res.header('ETag', stored.etag);
      res.json(view(stored));
    } catch (error) {
      sendApiError(res, error, deps.log);
    }
  });

  server.put('/api/rounds/:roundId/template', async (req: Request, res: Response) =>
    change(req, res, (round) => withTemplate(round, parseInput(templateBody, req.body))),
  );

  server.put('/api/rounds/:roundId/invitation', async (req: Request, res: Response) =>
    change(req, res, (round) => {
      const { text, questions } = parseInput(invitationBody, req.body);
      return withInvitation(round, { ...(text ? { text } : {}), questions });
    }),
  );

  server.put('/api/rounds/:roundId/deadlines', async (req: Request, res: Response) =>
    change(req, res, (round) => {
      const input = parseInput(deadlinesBody, req.body);
      const today = danishDate(deps.now());
      return withDeadlines(
        round,
        [input['1'], input['2'], input['3'], input['4'], input['5']],
        today,
      );
    }),
  );
}
