import { decodeJwt } from 'jose';
import type { TokenSource } from './connector-client.js';

/*
 * Keeps the bot's Bot Connector token until shortly before it expires, so that a rollout sending
 * thousands of cards asks the identity platform for a token about once an hour, and callers that
 * ask at the same moment share one request.
 */

/** A token is renewed this long before its `exp`, so none expires on its way to Teams. */
export const TOKEN_RENEW_MARGIN_MS = 5 * 60_000;
/** How long a token is kept whose expiry cannot be read (not a JWT, or no `exp`). */
const UNKNOWN_EXPIRY_KEEP_MS = 5 * 60_000;

export function cachedTokenSource(
  fetchToken: () => Promise<string>,
  now: () => number = Date.now,
): TokenSource {
  let kept: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return async () => {
    if (kept && now() < kept.renewAt) return kept.token;
    pending ??= fetchToken()
      .then((token) => {
        kept = { token, renewAt: renewTime(token, now()) };
        return token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

function renewTime(token: string, at: number): number {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') return exp * 1000 - TOKEN_RENEW_MARGIN_MS;
  } catch {
    // Not a JWT: keep it a short while.
  }
  return at + UNKNOWN_EXPIRY_KEEP_MS;
}
