import { odata } from '@azure/data-tables';

/*
 * Azure Table keys may not contain `/ \ # ?` or control characters, and `%` and `'` in keys break
 * some operations in Azure and in Azurite (point deletes and batch deletes of such keys fail). So every
 * value that goes into a key passes through `encodeKeyPart`, which replaces those characters with
 * `~XX` (hex). `~` is escaped too, so the encoding is injective, and `|`, our separator between key
 * parts, is escaped so that a prefix such as `t|<leader>|` can never match a longer leader's email.
 * The original values are always stored as ordinary properties, so keys never need decoding.
 */

const ESCAPED = new Set(['/', '\\', '#', '?', '%', "'", '~', '|']);

function needsEscape(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ESCAPED.has(ch) || code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** Makes one value (an email, an org id, a round id...) safe to use inside a PartitionKey or RowKey. */
export function encodeKeyPart(value: string): string {
  let encoded = '';
  for (const ch of value) {
    encoded += needsEscape(ch)
      ? `~${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
      : ch;
  }
  return encoded;
}

/** Reverses `encodeKeyPart`; used by tests and for reading keys in diagnostics. */
export function decodeKeyPart(key: string): string {
  return key.replace(/~([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Joins already-chosen literal tags and raw values into one key, encoding the values. */
export function joinKey(...parts: string[]): string {
  return parts.map(encodeKeyPart).join('|');
}

/**
 * An OData filter for the rows of one partition whose RowKey starts with `prefix`: a range query,
 * which the service answers from the index instead of scanning the partition.
 */
export function rowKeyPrefixFilter(partitionKey: string, prefix: string): string {
  if (!prefix) return odata`PartitionKey eq ${partitionKey}`;
  const last = prefix.charCodeAt(prefix.length - 1);
  const upper = prefix.slice(0, -1) + String.fromCharCode(last + 1);
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${upper}`;
}

/** An OData filter for a whole partition. */
export function partitionFilter(partitionKey: string): string {
  return odata`PartitionKey eq ${partitionKey}`;
}
