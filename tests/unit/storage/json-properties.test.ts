import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  CorruptEntityError,
  JSON_CHUNK_CHARS,
  jsonProperties,
  readJsonProperty,
} from '../../../bot/storage/json-properties.js';

describe('JSON properties', () => {
  it('stores a small value in one property named after the field', () => {
    assert.deepEqual(jsonProperties('roles', ['leader']), { roles: '["leader"]' });
  });

  it('splits long JSON over numbered properties that each fit the 64 KiB limit', () => {
    const value = { text: 'x'.repeat(JSON_CHUNK_CHARS * 2) };
    const properties = jsonProperties('answers', value);
    assert.deepEqual(Object.keys(properties), ['answers', 'answers_1', 'answers_2']);
    for (const part of Object.values(properties)) assert.ok(part.length * 2 <= 65_536);
    assert.deepEqual(
      readJsonProperty(properties, 'answers', z.object({ text: z.string() })),
      value,
    );
  });

  it('never splits a surrogate pair between two chunks', () => {
    const value = 'a'.repeat(JSON_CHUNK_CHARS - 2) + '😀'.repeat(10);
    const properties = jsonProperties('t', value);
    for (const part of Object.values(properties)) {
      assert.doesNotMatch(part, /[\ud800-\udbff]$/);
      assert.doesNotMatch(part, /^[\udc00-\udfff]/);
    }
    assert.equal(readJsonProperty(properties, 't', z.string()), value);
  });

  it('refuses stored JSON of the wrong shape instead of passing it on', () => {
    assert.throws(
      () => readJsonProperty({ roles: '["king"]' }, 'roles', z.array(z.enum(['leader']))),
      CorruptEntityError,
    );
  });

  it('refuses a missing property', () => {
    assert.throws(() => readJsonProperty({}, 'roles', z.array(z.string())), CorruptEntityError);
  });
});
