import assert from 'node:assert/strict';
import { ttlCache } from '../../bot/ttl-cache.js';

describe('the short-lived lookup cache', () => {
  let now = 0;
  let loads = 0;
  const load = (value: string) => () => {
    loads += 1;
    return Promise.resolve(value);
  };

  beforeEach(() => {
    now = 1_000;
    loads = 0;
  });

  it('reuses a result until it is older than its time, then looks it up again', async () => {
    const cached = ttlCache(30_000, () => now);
    assert.equal(await cached('k', load('a')), 'a');
    now += 29_999;
    assert.equal(await cached('k', load('b')), 'a');
    now += 2;
    assert.equal(await cached('k', load('c')), 'c');
    assert.equal(loads, 2);
  });

  it('lets lookups of one key at the same moment share one load', async () => {
    const cached = ttlCache(30_000, () => now);
    const results = await Promise.all([cached('k', load('a')), cached('k', load('b'))]);
    assert.deepEqual(results, ['a', 'a']);
    assert.equal(loads, 1);
  });

  it('keeps neither failures nor the results it is told to forget', async () => {
    const cached = ttlCache(
      30_000,
      () => now,
      (value) => value === 'missing',
    );
    await assert.rejects(cached('k', () => Promise.reject(new Error('storage down'))));
    assert.equal(await cached('k', load('a')), 'a');
    assert.equal(await cached('m', load('missing')), 'missing');
    assert.equal(await cached('m', load('found')), 'found');
  });

  it('forgets everything when cleared', async () => {
    const cached = ttlCache(30_000, () => now);
    await cached('k', load('a'));
    cached.clear();
    assert.equal(await cached('k', load('b')), 'b');
  });
});
