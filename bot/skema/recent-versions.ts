import type { Versioned } from '../mus/errors.js';

/*
 * The versions of records this process has just read or written, each under the ETag the service
 * gave it. An ETag names one version of one entity, so a version found here under the ETag a card
 * (or a form) carries is exactly what was stored at that ETag, whatever has happened since. It is
 * only fit to build a write that is guarded by that same ETag: the write itself proves the version
 * is still current, and a stale one is refused by the service (412). Never use it to show what is
 * stored now.
 */

export interface RecentVersions<T> {
  /** Remembers what is stored under `key` at `version.etag`. */
  remember(key: string, version: Versioned<T>): void;
  /** The version stored under `key` at exactly `etag`, if this process saw it recently. */
  at(key: string, etag: string): Versioned<T> | undefined;
  /** Forgets `key` (e.g. the record was removed). */
  forget(key: string): void;
}

/**
 * Keeps one version per key, the latest remembered, for `ttlMs`, and at most `maxEntries` keys
 * (the least recently remembered go first), so memory stays bounded however many people click.
 */
export function recentVersions<T>(
  ttlMs: number,
  maxEntries: number,
  now: () => number = Date.now,
): RecentVersions<T> {
  const entries = new Map<string, { at: number; version: Versioned<T> }>();
  return {
    remember(key, version) {
      // Delete first so the key moves to the end of the Map's order: the oldest stay at the front.
      entries.delete(key);
      entries.set(key, { at: now(), version });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    at(key, etag) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.at >= ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.version.etag === etag ? entry.version : undefined;
    },
    forget(key) {
      entries.delete(key);
    },
  };
}
