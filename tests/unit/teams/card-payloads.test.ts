import assert from 'node:assert/strict';
import {
  agreementPayload,
  readPayload,
  resendPayload,
  skemaPayload,
  stepPayload,
} from '../../../bot/teams/card-actions/card-payloads.js';

describe('card button payloads', () => {
  it('a launch button names a round and one of the five steps, as a number', () => {
    assert.deepEqual(readPayload(stepPayload, { roundId: 'mus-2027', step: 3, verb: 'x' }), {
      roundId: 'mus-2027',
      step: 3,
    });
    for (const bad of [
      { roundId: 'mus-2027', step: 6 },
      { roundId: 'mus-2027', step: '3' },
      { roundId: '../etc', step: 1 },
      { roundId: 'x'.repeat(101), step: 1 },
      { step: 1 },
    ]) {
      assert.equal(readPayload(stepPayload, bad), undefined, JSON.stringify(bad));
    }
  });

  it('a resend button names one of the groups HR can send to again', () => {
    assert.equal(
      readPayload(resendPayload, { roundId: 'r', step: 2, group: 'waiting' })?.group,
      'waiting',
    );
    assert.equal(readPayload(resendPayload, { roundId: 'r', step: 2, group: 'sent' }), undefined);
  });

  it("a skema button's e-mail is matched in lower case, and an etag is required", () => {
    assert.deepEqual(
      readPayload(skemaPayload, { roundId: 'r', employeeEmail: ' Ole@X.dk ', etag: 'W/"1"' }),
      { roundId: 'r', employeeEmail: 'ole@x.dk', etag: 'W/"1"' },
    );
    assert.equal(readPayload(skemaPayload, { roundId: 'r', employeeEmail: 'ole@x.dk' }), undefined);
    assert.equal(
      readPayload(skemaPayload, { roundId: 'r', employeeEmail: 'not-an-address', etag: 'e' }),
      undefined,
    );
  });

  it('an agreement button carries a known status and a well-formed agreement id', () => {
    const base = { roundId: 'r', employeeEmail: 'ole@x.dk', etag: 'e', agreementId: 'a-1' };
    assert.equal(readPayload(agreementPayload, { ...base, status: 'done' })?.status, 'done');
    assert.equal(readPayload(agreementPayload, { ...base, status: 'finished' }), undefined);
    assert.equal(
      readPayload(agreementPayload, { ...base, agreementId: 'a/1', status: 'done' }),
      undefined,
    );
  });
});
