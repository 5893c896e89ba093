import assert from 'node:assert/strict';
import { describeFailure, parseRetryAfterSeconds } from '../../../bot/teams/send-failure.js';

describe('send failures', () => {
  it('throttling, conflicts, gateway errors and no answer are worth another try', () => {
    for (const status of [0, 408, 412, 429, 500, 502, 503, 504]) {
      assert.equal(describeFailure({ status }).permanent, false, `status ${status}`);
    }
  });

  it('bad requests, auth problems, a removed or blocked app and oversize messages are permanent', () => {
    for (const status of [400, 401, 403, 404, 413]) {
      assert.equal(describeFailure({ status }).permanent, true, `status ${status}`);
    }
  });

  it("tells a blocked app from a removed one by Teams' error code", () => {
    assert.equal(
      describeFailure({ status: 403, errorCode: 'ConversationBlockedByUser' }).code,
      'blocked_by_user',
    );
    assert.equal(
      describeFailure({ status: 403, errorCode: 'BotNotInConversationRoster' }).code,
      'not_installed',
    );
    assert.equal(describeFailure({ status: 403 }).code, 'not_installed');
    assert.equal(
      describeFailure({ status: 403, errorCode: 'BotDisabledByAdmin' }).code,
      'disabled_by_admin',
    );
  });

  it('gives the reason in Danish first, then English, with the HTTP status', () => {
    const failure = describeFailure({ status: 403, errorCode: 'ConversationBlockedByUser' });
    assert.equal(
      failure.reason,
      'brugeren har blokeret appen (HTTP 403) / the user has blocked the app (HTTP 403)',
    );
    assert.deepEqual(failure.reasonText, {
      da: 'brugeren har blokeret appen (HTTP 403)',
      en: 'the user has blocked the app (HTTP 403)',
    });
  });

  it('names a timeout and a network error apart, without a status', () => {
    assert.equal(describeFailure({ timedOut: true }).code, 'timeout');
    assert.equal(describeFailure({ errorCode: 'ECONNREFUSED' }).code, 'network_error');
    assert.equal(describeFailure({ errorCode: 'ECONNREFUSED' }).teamsCode, undefined);
    assert.doesNotMatch(describeFailure({}).reason, /HTTP/);
  });

  it('reads Retry-After as seconds, as an HTTP date, or from a milliseconds header', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    assert.equal(parseRetryAfterSeconds('7'), 7);
    assert.equal(parseRetryAfterSeconds('Mon, 02 Mar 2026 10:00:30 GMT', undefined, now), 30);
    assert.equal(parseRetryAfterSeconds('Mon, 02 Mar 2026 09:00:00 GMT', undefined, now), 0);
    assert.equal(parseRetryAfterSeconds(undefined, '1500'), 1.5);
    assert.equal(parseRetryAfterSeconds('soon'), undefined);
    assert.equal(parseRetryAfterSeconds('-1'), undefined);
    assert.equal(parseRetryAfterSeconds(undefined), undefined);
    assert.equal(describeFailure({ status: 429, retryAfter: '2' }).retryAfterSeconds, 2);
    assert.equal('retryAfterSeconds' in describeFailure({ status: 429 }), false);
  });
});
