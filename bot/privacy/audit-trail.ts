import { AUDIT_LIST_MAX, type AuditAction } from '../mus/audit.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';

/** One line of the viewer's own audit trail, as the tab shows it. */
export interface AuditLine {
  at: string;
  action: AuditAction;
  roundId: string | null;
  roundName: string | null;
  /** Who opened the skema; null when that person has since been erased. */
  viewer: { email: string; name: string } | null;
}

/**
 * Who opened the viewer's skema (or exported their data), and when; newest first. There is no way to
 * ask for anyone else's trail: the viewer's own email is the key.
 */
export async function myAuditTrail(
  deps: { repositories: Pick<Repositories, 'audit' | 'rounds'> },
  viewer: Person,
): Promise<AuditLine[]> {
  const [entries, rounds] = await Promise.all([
    deps.repositories.audit.listAbout(viewer.orgId, viewer.email, AUDIT_LIST_MAX),
    deps.repositories.rounds.list(viewer.orgId),
  ]);
  const names = new Map(rounds.map((r) => [r.id, r.name]));
  return entries.map((e) => ({
    at: e.at,
    action: e.action,
    roundId: e.roundId ?? null,
    roundName: e.roundId ? (names.get(e.roundId) ?? e.roundId) : null,
    viewer: e.viewer ?? null,
  }));
}
