/**
 * Remembers the result of a lookup for a short time. For records that change rarely and may be a
 * few seconds stale (an organisation's core task, a round's name, a leader's name), so hot paths
 * such as card clicks and rollout sends do not read them from storage every time. Failed lookups
 * are not kept.
 */
export function ttlCache(
  ttlMs: number,
  now: () => number = Date.now,
  /** Results that should not be remembered (e.g. "not found yet"). */
  forget: (value: unknown) => boolean = () => false,
) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const t = now();
    const hit = entries.get(key);
    if (hit && t - hit.at < ttlMs) return hit.value as Promise<T>;
    if (entries.size > 10_000) entries.clear();
    const value = load();
    entries.set(key, { at: t, value });
    void value.then(
      (v) => (forget(v) ? entries.delete(key) : true),
      () => entries.delete(key),
    );
    return value;
  };
}
