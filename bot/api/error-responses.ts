import { randomBytes } from 'node:crypto';
import type { Response } from 'restify';
import type { Bilingual } from '../mus/bilingual.js';
import { ConflictError, DomainError, ValidationError } from '../mus/errors.js';
import type { Logger } from '../logger.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/** The one shape every API error has: a code, a message for the user in both languages, details. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: Bilingual;
    issues?: { where: string; message: Bilingual }[];
    current?: unknown;
    /** For an unexpected error: the id under which it is logged, to quote to support. */
    correlationId?: string;
  };
}

/** A short id that ties the answer of an unexpected error to its line in the log. */
export function newCorrelationId(): string {
  return randomBytes(6).toString('hex');
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
  constructor() {
    super(ERRORS_TEXTS.errorResponses.youAreNotSigned);
  }
}

const UNEXPECTED: Bilingual = ERRORS_TEXTS.errorResponses.unexpected;

/** Maps any error to an HTTP answer; unexpected errors are logged and never shown to the user. */
export function errorBody(error: unknown, log: Logger): { status: number; body: ApiErrorBody } {
  if (error instanceof DomainError) {
    const body: ApiErrorBody = { error: { code: error.code, message: error.userMessage } };
    if (error instanceof ValidationError) body.error.issues = error.issues;
    if (error instanceof ConflictError && error.current) body.error.current = error.current;
    return { status: error.status, body };
  }
  const correlationId = newCorrelationId();
  log.error({ err: error, correlationId }, 'unexpected error in API request');
  return {
    status: 500,
    body: { error: { code: 'unexpected', message: UNEXPECTED, correlationId } },
  };
}

export function sendError(res: Response, error: unknown, log: Logger): void {
  const { status, body } = errorBody(error, log);
  res.status(status);
  res.json(body);
}
