import { LRUCache } from 'lru-cache';

/** Entries one cache keeps at most; the least recently used go first. */
const MAX_ENTRIES = 10_000;

/**
 * Remembers the result of a lookup for a short time: the app's one cache, on the lru-cache library.
 * For records that change rarely and may be a few seconds stale (an organisation's core task, a
 * round's name, a person looked up by their Teams id), so hot paths such as card clicks, autosaves
 * and rollout sends do not read them from storage every time. Concurrent lookups of one key share one
 * load; failed lookups, and results `forget` names, are not kept.
 */
export function ttlCache(
  ttlMs: number,
  now: () => number = Date.now,
  /** Results that should not be remembered (e.g. "not found yet"). */
  forget: (value: unknown) => boolean = () => false,
) {
  const entries = new LRUCache<string, { value: Promise<unknown> }>({
    max: MAX_ENTRIES,
    ttl: ttlMs,
    perf: { now },
    // Read the clock on every lookup rather than a copy refreshed by a timer (tests move the clock).
    ttlResolution: 0,
  });
  const lookup = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit) return hit.value as Promise<T>;
    const entry = { value: load() as Promise<unknown> };
    entries.set(key, entry);
    const drop = (): boolean => entries.peek(key) === entry && entries.delete(key);
    void entry.value.then((v) => forget(v) && drop(), drop);
    return entry.value as Promise<T>;
  };
  /** Forgets everything (after a write this process made to what is cached). */
  lookup.clear = (): void => entries.clear();
  return lookup;
}
