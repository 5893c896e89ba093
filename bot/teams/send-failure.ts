import type { Bilingual } from '../mus/bilingual.js';

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
  throttled: {
    da: 'Teams bremser afsendelsen (for mange beskeder på kort tid)',
    en: 'Teams is throttling the bot (too many messages in a short time)',
  },
  blocked_by_user: {
    da: 'brugeren har blokeret appen',
    en: 'the user has blocked the app',
  },
  not_installed: {
    da: 'appen er ikke installeret hos brugeren (eller er fjernet)',
    en: 'the app is not installed for the user (or was removed)',
  },
  disabled_by_admin: {
    da: 'en administrator har slået appen fra',
    en: 'an administrator has disabled the app',
  },
  conversation_not_found: {
    da: 'samtalen med brugeren findes ikke længere; appen er måske fjernet',
    en: 'the conversation with the user no longer exists; the app may have been removed',
  },
  activity_not_found: {
    da: 'beskeden findes ikke længere i samtalen',
    en: 'the message no longer exists in the conversation',
  },
  unauthorized: {
    da: 'botten kunne ikke logge ind hos Teams (tjek botlegitimationen)',
    en: 'the bot could not sign in to Teams (check the bot credentials)',
  },
  rejected: {
    da: 'Teams afviste beskeden som ugyldig',
    en: 'Teams rejected the message as invalid',
  },
  too_large: {
    da: 'beskeden er for stor til Teams',
    en: 'the message is too large for Teams',
  },
  conflict: {
    da: 'Teams meldte om en samtidig ændring',
    en: 'Teams reported a concurrent change',
  },
  service_error: {
    da: 'Teams svarede med en midlertidig fejl',
    en: 'Teams answered with a temporary error',
  },
  timeout: {
    da: 'Teams svarede ikke i tide',
    en: 'Teams did not answer in time',
  },
  network_error: {
    da: 'kunne ikke nå Teams (netværksfejl)',
    en: 'could not reach Teams (network error)',
  },
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
  return { da: `${text.da} (HTTP ${status})`, en: `${text.en} (HTTP ${status})` };
}
