import assert from 'node:assert/strict';
import { TooLargeError } from '../../../bot/mus/errors.js';
import {
  assertWithinTableLimits,
  entityBytes,
  MAX_CUSTOM_PROPERTIES,
  MAX_STRING_PROPERTY_BYTES,
  type EntityToWrite,
} from '../../../bot/storage/table-limits.js';

const WHAT = { da: 'skemaet', en: 'the form' };

function entity(properties: Record<string, string>): EntityToWrite {
  return { partitionKey: 'pk', rowKey: 'rk', ...properties };
}

function tooLargeMessage(fn: () => void): { da: string; en: string } {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TooLargeError, 'expected a TooLargeError');
    return error.userMessage;
  }
  assert.fail('expected a TooLargeError');
}

describe('Azure Table limits', () => {
  it('accepts a string property of exactly 64 KiB measured as UTF-16', () => {
    const text = 'x'.repeat(MAX_STRING_PROPERTY_BYTES / 2);
    assert.doesNotThrow(() => assertWithinTableLimits(entity({ answers: text }), WHAT));
  });

  it('refuses a string property one character over 64 KiB, naming the field in Danish first', () => {
    const text = 'x'.repeat(MAX_STRING_PROPERTY_BYTES / 2 + 1);
    const message = tooLargeMessage(() => assertWithinTableLimits(entity({ answers: text }), WHAT));
    assert.match(message.da, /^Kan ikke gemme skemaet: feltet »answers« fylder 65 KiB/);
    assert.match(message.en, /^Cannot save the form: the field "answers" takes 65 KiB/);
  });

  it('counts characters outside the BMP as two UTF-16 code units', () => {
    const emoji = '😀'.repeat(MAX_STRING_PROPERTY_BYTES / 4 + 1);
    assert.throws(() => assertWithinTableLimits(entity({ note: emoji }), WHAT), TooLargeError);
  });

  it('refuses an entity above 1 MiB even when every property is within its own limit', () => {
    const properties: Record<string, string> = {};
    for (let i = 0; i < 17; i++) properties[`p${i}`] = 'x'.repeat(32_000);
    const message = tooLargeMessage(() => assertWithinTableLimits(entity(properties), WHAT));
    assert.match(message.da, /i alt 1\d{3} KiB; højst 1024 KiB/);
  });

  it('refuses more than 252 custom properties', () => {
    const properties: Record<string, string> = {};
    for (let i = 0; i <= MAX_CUSTOM_PROPERTIES; i++) properties[`p${i}`] = '';
    const message = tooLargeMessage(() => assertWithinTableLimits(entity(properties), WHAT));
    assert.match(message.en, /253 fields; at most 252/);
  });

  it('accepts exactly 252 custom properties', () => {
    const properties: Record<string, string> = {};
    for (let i = 0; i < MAX_CUSTOM_PROPERTIES; i++) properties[`p${i}`] = '';
    assert.doesNotThrow(() => assertWithinTableLimits(entity(properties), WHAT));
  });

  it('refuses a key longer than 1 KiB', () => {
    const long: EntityToWrite = { partitionKey: 'pk', rowKey: 'k'.repeat(513) };
    assert.throws(() => assertWithinTableLimits(long, WHAT), TooLargeError);
  });

  it('sizes an entity the way Azure does: keys, and per property its name, value and 8 bytes', () => {
    // 4 + "pk" 4 + "rk" 4 + (8 + "a" 2 + 4 + "bc" 4) + (8 + "n" 2 + 8) + (8 + "b" 2 + 1)
    const size = entityBytes({ partitionKey: 'pk', rowKey: 'rk', a: 'bc', n: 1, b: true });
    assert.equal(size, 12 + 18 + 18 + 11);
  });
});
