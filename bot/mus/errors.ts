import type { Bilingual } from './bilingual.js';
import { ERROR_TEXTS } from '../../texts/rules.js';

/**
 * Errors the domain raises on purpose. Each carries an HTTP-like status for the transports and a
 * message meant for the user in both languages; the transports never show anything else to users.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    readonly userMessage: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(userMessage.en, options);
    this.name = new.target.name;
  }
}

/** One problem with one input field (or one line of a file). */
export interface ValidationIssue {
  /** Where: a field path such as `answers.kerneopgaven`, or `line 7`. */
  where: string;
  message: Bilingual;
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = 'invalid_input';
  constructor(
    readonly issues: ValidationIssue[],
    summary: Bilingual = ERROR_TEXTS.someInputNotValid,
  ) {
    super(summary);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(what: Bilingual = ERROR_TEXTS.itDoesNotExist) {
    super(what);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(why: Bilingual = ERROR_TEXTS.youDoNotHave) {
    super(why);
  }
}

/** A rule of the method forbids this now (e.g. launching step 3 before step 2, editing a closed skema). */
export class RuleError extends DomainError {
  readonly status = 409;
  readonly code = 'not_allowed_now';
}

/** A value of T together with the storage version (ETag) it was read at. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/**
 * A write based on a stale version. Carries the current version so the caller can show the user what
 * changed and let them merge; nothing is overwritten.
 */
export class ConflictError<T = unknown> extends DomainError {
  readonly status = 412;
  readonly code = 'conflict';
  constructor(
    readonly current: Versioned<T> | undefined,
    message: Bilingual = ERROR_TEXTS.someoneElseChangedSame,
  ) {
    super(message);
  }
}

/** Input too large for Azure Table storage or for the product's own limits. */
export class TooLargeError extends DomainError {
  readonly status = 413;
  readonly code = 'too_large';
}
