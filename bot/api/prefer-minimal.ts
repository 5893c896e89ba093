import type { Request } from 'restify';
import type { Versioned } from '../mus/errors.js';
import type { Skema, SkemaStatus } from '../mus/skema.js';

/**
 * What an autosave needs back: the new version to save on top of next time, when it was stored and
 * where the skema stands. The whole view is sent only when the save was refused as stale (412).
 */
export interface SavedSkema {
  etag: string;
  updatedAt: string;
  status: SkemaStatus;
}

/**
 * Whether the client asked for the short answer with `Prefer: return=minimal` (RFC 7240). Without it
 * a save answers the whole view, as before, so scripts and older tabs keep working.
 */
export function prefersMinimal(req: Request): boolean {
  const prefer = req.header('prefer') ?? '';
  return prefer
    .split(',')
    .some((preference) => preference.trim().toLowerCase() === 'return=minimal');
}

export function savedSkema(saved: Versioned<Skema>): SavedSkema {
  return { etag: saved.etag, updatedAt: saved.value.updatedAt, status: saved.value.status };
}

/** The header that tells the client its preference was applied. */
export const MINIMAL_APPLIED = { 'Preference-Applied': 'return=minimal' };
