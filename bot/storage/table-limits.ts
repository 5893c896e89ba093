import type { Bilingual } from '../mus/bilingual.js';
import { TooLargeError } from '../mus/errors.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';
import { fill } from '../../texts/fill.js';

/*
 * Azure Table Storage limits, checked before every write so that the user gets a clear, bilingual
 * error naming what is too large instead of a 400 from the service after part of the work is done.
 * Sizes follow the service's own accounting: strings are UTF-16, two bytes per code unit.
 */

/** A string property may hold at most 64 KiB. */
export const MAX_STRING_PROPERTY_BYTES = 64 * 1024;
/** A whole entity, keys and property names included, may hold at most 1 MiB. */
export const MAX_ENTITY_BYTES = 1024 * 1024;
/** 255 properties, of which PartitionKey, RowKey and Timestamp are the service's own. */
export const MAX_CUSTOM_PROPERTIES = 252;
/** PartitionKey and RowKey may each hold at most 1 KiB. */
export const MAX_KEY_BYTES = 1024;

export type PropertyValue = string | number | boolean | Date;

/** The entity as we are about to write it: keys plus our own properties. */
export interface EntityToWrite {
  partitionKey: string;
  rowKey: string;
  [property: string]: PropertyValue;
}

function utf16Bytes(text: string): number {
  return text.length * 2;
}

function valueBytes(value: PropertyValue): number {
  if (typeof value === 'string') return 4 + utf16Bytes(value);
  if (typeof value === 'boolean') return 1;
  return 8;
}

/** The entity's size as Azure counts it (4 bytes + keys + per property 8 bytes + name + value). */
export function entityBytes(entity: EntityToWrite): number {
  let size = 4 + utf16Bytes(entity.partitionKey) + utf16Bytes(entity.rowKey);
  for (const [name, value] of Object.entries(entity)) {
    if (name === 'partitionKey' || name === 'rowKey') continue;
    size += 8 + utf16Bytes(name) + valueBytes(value);
  }
  return size;
}

function kib(bytes: number): string {
  return String(Math.ceil(bytes / 1024));
}

function tooLarge(what: Bilingual, why: Bilingual): TooLargeError {
  return new TooLargeError(fill(ERRORS_TEXTS.storage.cannotSavePleaseShorten, { what, why }));
}

/**
 * Throws TooLargeError when `entity` breaks an Azure Table limit. `what` names the thing in the
 * user's words with its article, e.g. `{ da: 'skemaet', en: 'the form' }`.
 */
export function assertWithinTableLimits(entity: EntityToWrite, what: Bilingual): void {
  for (const key of ['partitionKey', 'rowKey'] as const) {
    const bytes = utf16Bytes(entity[key]);
    if (bytes > MAX_KEY_BYTES) {
      throw tooLarge(
        what,
        fill(ERRORS_TEXTS.storage.keyTooLarge, { size: kib(bytes), max: kib(MAX_KEY_BYTES) }),
      );
    }
  }
  const names = Object.keys(entity).filter((name) => name !== 'partitionKey' && name !== 'rowKey');
  if (names.length > MAX_CUSTOM_PROPERTIES) {
    throw tooLarge(
      what,
      fill(ERRORS_TEXTS.storage.tooManyFields, {
        count: names.length,
        max: MAX_CUSTOM_PROPERTIES,
      }),
    );
  }
  for (const name of names) {
    const value = entity[name];
    if (typeof value === 'string' && utf16Bytes(value) > MAX_STRING_PROPERTY_BYTES) {
      throw tooLarge(
        what,
        fill(ERRORS_TEXTS.storage.fieldTooLarge, {
          name,
          size: kib(utf16Bytes(value)),
          max: kib(MAX_STRING_PROPERTY_BYTES),
        }),
      );
    }
  }
  const total = entityBytes(entity);
  if (total > MAX_ENTITY_BYTES) {
    throw tooLarge(
      what,
      fill(ERRORS_TEXTS.storage.entityTooLarge, { size: kib(total), max: kib(MAX_ENTITY_BYTES) }),
    );
  }
}
