import type { Request, Response } from 'restify';
import type { Logger } from '../logger.js';
import type { Person } from '../mus/person.js';
import { ViewConflictError } from '../skema/skema-conflict.js';
import type { Authenticate } from './authenticate.js';
import { errorBody } from './error-responses.js';

/** What a route handler answers: a status (200 unless said) and a JSON body (none for 204). */
export interface ApiResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRouteDeps {
  authenticate: Authenticate;
  log: Logger;
}

/**
 * Sends an error in the one API shape (error-responses.ts). A conflict from the skema's use cases
 * additionally carries `error.current` (the stored version as the viewer may see it, the same shape
 * the matching GET returns) and `error.changed` (the fields where the caller's version differs).
 */
export function sendApiError(res: Response, error: unknown, log: Logger): void {
  const { status, body } = errorBody(error, log);
  const detail: typeof body.error & { changed?: string[] } = body.error;
  if (error instanceof ViewConflictError) {
    detail.current = error.view;
    detail.changed = error.changed;
  }
  res.status(status);
  res.json({ error: detail });
}

/**
 * Wraps a route: signs the caller in first (401 before any other answer), runs the handler, and
 * turns whatever it throws into a bilingual error; never `error.message`.
 */
export function apiRoute(
  deps: ApiRouteDeps,
  handle: (req: Request, viewer: Person) => Promise<ApiResult>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      const viewer = await deps.authenticate(req);
      const result = await handle(req, viewer);
      res.status(result.status ?? 200);
      for (const [name, value] of Object.entries(result.headers ?? {})) res.header(name, value);
      if (result.body === undefined) res.end();
      else res.json(result.body);
    } catch (error) {
      sendApiError(res, error, deps.log);
    }
  };
}
