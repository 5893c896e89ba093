import type { z } from 'zod';

/*
 * Nested values (templates, answers, notes, roles...) are stored as JSON text. One string property
 * holds at most 64 KiB, yet a skema with fifteen 4000-character answers is legitimately larger as
 * JSON, so long JSON is split over `name`, `name_1`, `name_2`... Each chunk stays below the limit and
 * never splits a surrogate pair (a lone surrogate would be mangled on the wire). The entity as a
 * whole is still held to 1 MiB by table-limits.ts. Replace-mode writes drop stale chunks.
 */

/** Characters per chunk: 32,000 UTF-16 code units = 64,000 bytes, under the 65,536-byte limit. */
export const JSON_CHUNK_CHARS = 32_000;

function chunkName(name: string, index: number): string {
  return index === 0 ? name : `${name}_${index}`;
}

/** Serialises `value` as JSON into one or more string properties named after `name`. */
export function jsonProperties(name: string, value: unknown): Record<string, string> {
  const text = JSON.stringify(value);
  const properties: Record<string, string> = {};
  let start = 0;
  let index = 0;
  do {
    let end = Math.min(start + JSON_CHUNK_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    properties[chunkName(name, index)] = text.slice(start, end);
    start = end;
    index += 1;
  } while (start < text.length);
  return properties;
}

/** Thrown when a stored entity does not have the shape we wrote: a bug or manual tampering. */
export class CorruptEntityError extends Error {
  override readonly name = 'CorruptEntityError';
}

/** Reads back a value written by `jsonProperties` and validates it with `schema`. */
export function readJsonProperty<S extends z.ZodType>(
  entity: Record<string, unknown>,
  name: string,
  schema: S,
): z.output<S> {
  const parts: string[] = [];
  for (let index = 0; ; index++) {
    const part = entity[chunkName(name, index)];
    if (typeof part !== 'string') break;
    parts.push(part);
  }
  if (parts.length === 0) throw new CorruptEntityError(`stored entity lacks property ${name}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(parts.join(''));
  } catch (error) {
    throw new CorruptEntityError(`property ${name} is not valid JSON`, { cause: error });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new CorruptEntityError(`property ${name} has an unexpected shape`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** Validates an entity's scalar properties with `schema`, naming the table when they do not fit. */
export function parseEntity<S extends z.ZodType>(
  table: string,
  entity: Record<string, unknown>,
  schema: S,
): z.output<S> {
  const result = schema.safeParse(entity);
  if (!result.success) {
    throw new CorruptEntityError(`entity in ${table} has an unexpected shape`, {
      cause: result.error,
    });
  }
  return result.data;
}
