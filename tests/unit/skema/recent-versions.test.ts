import assert from 'node:assert/strict';
import { recentVersions } from '../../../bot/skema/recent-versions.js';

describe('recently seen versions', () => {
  it('finds a version only under the ETag it was stored with', () => {
    const versions = recentVersions<string>(60_000, 10);
    versions.remember('ole', { etag: 'e1', value: 'draft 1' });
    assert.deepEqual(versions.at('ole', 'e1'), { etag: 'e1', value: 'draft 1' });
    assert.equal(versions.at('ole', 'e0'), undefined, 'an older or forged ETag finds nothing');
    assert.equal(versions.at('jens', 'e1'), undefined, 'nor does another key');
  });

  it('keeps only the latest version of a key', () => {
    const versions = recentVersions<string>(60_000, 10);
    versions.remember('ole', { etag: 'e1', value: 'draft 1' });
    versions.remember('ole', { etag: 'e2', value: 'draft 2' });
    assert.equal(versions.at('ole', 'e1'), undefined);
    assert.equal(versions.at('ole', 'e2')?.value, 'draft 2');
  });

  it('forgets a version once its time is up, or when told to', () => {
    let now = 0;
    const versions = recentVersions<string>(1_000, 10, () => now);
    versions.remember('ole', { etag: 'e1', value: 'draft 1' });
    versions.remember('jens', { etag: 'e1', value: 'draft 1' });
    now = 999;
    assert.ok(versions.at('ole', 'e1'));
    now = 1_000;
    assert.equal(versions.at('ole', 'e1'), undefined);
    now = 0;
    versions.forget('jens');
    assert.equal(versions.at('jens', 'e1'), undefined);
  });

  it('drops the least recently remembered key when full', () => {
    const versions = recentVersions<string>(60_000, 2);
    versions.remember('a', { etag: 'e', value: 'a' });
    versions.remember('b', { etag: 'e', value: 'b' });
    versions.remember('a', { etag: 'f', value: 'a again' });
    versions.remember('c', { etag: 'e', value: 'c' });
    assert.equal(versions.at('b', 'e'), undefined, 'b was remembered longest ago');
    assert.equal(versions.at('a', 'f')?.value, 'a again');
    assert.equal(versions.at('c', 'e')?.value, 'c');
  });
});
