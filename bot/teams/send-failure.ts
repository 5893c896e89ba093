import type { Bilingual } from '../mus/bilingual.js';
import { CHAT_TEXTS } from '../../texts/chat.js';
import { fill } from '../../texts/fill.js';

/**
 * Turns what the Bot Connector answered into a failure the rollout can act on: retry (honouring
 * Retry-After) or stop with a reason HR can read. Pure, so it can be tested without a connector.
 */

/** Why a call failed, for code; the reason text is for people. */
export type FailureCode =
  | 'throttled'
  | 'blocked_by_user'
  | 'not_installed'
  | 'disabled_by_admin'
  | 'conversation_not_found'
  | 'activity_not_found'
  | 'unauthorized'
  | 'rejected'
  | 'too_large'
  | 'conflict'
  | 'service_error'
  | 'timeout'
  | 'network_error';

/** A call to the Bot Connector that did not succeed. */
export interface CallFailure {
  ok: false;
  /** The HTTP status; 0 when no answer came (timeout, network error). */
  status: number;
  /** What the service asked us to wait before the next try, when it said. */
  retryAfterSeconds?: number;
  /** True when trying again cannot help (the user blocked or removed the app, invalid message…). */
  permanent: boolean;
  /** Danish / English, for HR's progress view and logs. */
  reason: string;
  reasonText: Bilingual;
  code: FailureCode;
  /** Teams' own error code when it sent one (e.g. `ConversationBlockedByUser`). */
  teamsCode?: string;
}

/** What we know about a failed call, independent of the SDK that made it. */
export interface FailedCall {
  status?: number;
  /** Teams' error code from the body (`{ error: { code } }`) or the SDK's error code. */
  errorCode?: string;
  /** The Retry-After header (seconds or an HTTP date). */
  retryAfter?: string;
  /** Retry-After in milliseconds (`retry-after-ms` / `x-ms-retry-after-ms`). */
  retryAfterMs?: string;
  timedOut?: boolean;
}

const REASONS: Record<FailureCode, Bilingual> = {
  throttled: CHAT_TEXTS.sendFailure.throttled,
  blocked_by_user: CHAT_TEXTS.sendFailure.blocked_by_user,
  not_installed: CHAT_TEXTS.sendFailure.not_installed,
  disabled_by_admin: CHAT_TEXTS.sendFailure.disabled_by_admin,
  conversation_not_found: CHAT_TEXTS.sendFailure.conversation_not_found,
  activity_not_found: CHAT_TEXTS.sendFailure.activity_not_found,
  unauthorized: CHAT_TEXTS.sendFailure.unauthorized,
  rejected: CHAT_TEXTS.sendFailure.rejected,
  too_large: CHAT_TEXTS.sendFailure.too_large,
  conflict: CHAT_TEXTS.sendFailure.conflict,
  service_error: CHAT_TEXTS.sendFailure.service_error,
  timeout: CHAT_TEXTS.sendFailure.timeout,
  network_error: CHAT_TEXTS.sendFailure.network_error,
};

/** Statuses worth another try (Teams docs: throttling and transient gateway errors); 0 = no answer. */
function isTransientStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 412 || status === 429 || status >= 500;
}

function codeFor(status: number, teamsCode: string | undefined, timedOut: boolean): FailureCode {
  if (status === 0) return timedOut ? 'timeout' : 'network_error';
  if (status === 429) return 'throttled';
  if (status === 412) return 'conflict';
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'too_large';
  if (status === 403) {
    if (teamsCode === 'ConversationBlockedByUser') return 'blocked_by_user';
    if (teamsCode === 'BotDisabledByAdmin') return 'disabled_by_admin';
    // BotNotInConversationRoster, and a bare 403 on a 1:1 send, mean the app is gone for this user.
    return 'not_installed';
  }
  if (status === 404) {
    return teamsCode === 'ActivityNotFoundInConversation'
      ? 'activity_not_found'
      : 'conversation_not_found';
  }
  if (status === 408 || status >= 500) return 'service_error';
  return 'rejected';
}

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP date) or a milliseconds header. */
export function parseRetryAfterSeconds(
  retryAfter: string | undefined,
  retryAfterMs?: string,
  now: number = Date.now(),
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs.trim() !== '') {
    const ms = Number(retryAfterMs);
    if (Number.isFinite(ms) && ms >= 0) return ms / 1000;
  }
  if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Classifies a failed call. */
export function describeFailure(call: FailedCall): CallFailure {
  const status = call.status ?? 0;
  // Without an HTTP answer the code is the socket's (ECONNREFUSED…), not Teams'.
  const teamsCode =
    status > 0 && call.errorCode && /^[A-Za-z]+$/.test(call.errorCode) ? call.errorCode : undefined;
  const code = codeFor(status, teamsCode, call.timedOut ?? false);
  const text = REASONS[code];
  const withStatus = status === 0 ? text : statusSuffix(text, status);
  const failure: CallFailure = {
    ok: false,
    status,
    permanent: !isTransientStatus(status),
    reason: `${withStatus.da} / ${withStatus.en}`,
    reasonText: withStatus,
    code,
  };
  const retryAfterSeconds = parseRetryAfterSeconds(call.retryAfter, call.retryAfterMs);
  if (retryAfterSeconds !== undefined) failure.retryAfterSeconds = retryAfterSeconds;
  if (teamsCode) failure.teamsCode = teamsCode;
  return failure;
}

function statusSuffix(text: Bilingual, status: number): Bilingual {
  return fill(CHAT_TEXTS.sendFailure.http, { text, status });
}
