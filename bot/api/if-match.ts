import type { Request, Response } from 'restify';
import { ConflictError, DomainError, type Versioned } from '../mus/errors.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Writes of the setup API are guarded by the ETag the caller read: `If-Match` is required (428
 * without it), and a stale one is refused with 412, the current version and its ETag, so two HR
 * people editing at once lose nothing.
 */

export class PreconditionRequiredError extends DomainError {
  readonly status = 428;
  readonly code = 'if_match_required';
  constructor() {
    super(ERRORS_TEXTS.ifMatch.sendEtagYouRead);
  }
}

/** The If-Match header, or a 428 error when it is missing. */
export function requireIfMatch(req: Request): string {
  const ifMatch = req.header('if-match');
  if (!ifMatch) throw new PreconditionRequiredError();
  return ifMatch;
}

/**
 * Answers a ConflictError as 412 with `current` shown as `view` shows it; returns false for any
 * other error, which the caller answers itself.
 */
export function sendStaleWrite<T>(
  res: Response,
  error: unknown,
  view: (current: Versioned<T>) => unknown,
): boolean {
  if (!(error instanceof ConflictError)) return false;
  const current = error.current as Versioned<T> | undefined;
  if (current) res.header('ETag', current.etag);
  res.status(412);
  res.json({
    error: {
      code: 'conflict',
      message: error.userMessage,
      current: current ? view(current) : null,
    },
  });
  return true;
}
