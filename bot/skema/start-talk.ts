import type { Person } from '../mus/person.js';
import * as SkemaRules from '../mus/skema.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { skemaView, type SkemaView } from './skema-view.js';
import { writeSkema } from './write-skema.js';

/**
 * The leader starts the talk: the employee's preparation closes (status → held). Starting a talk that
 * is already held changes nothing.
 */
export async function startTalk(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: { etag: string },
): Promise<SkemaView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  demandLeader(viewer, loaded.value);
  const next = SkemaRules.startTalk(loaded.value, { by: viewer.email, now: services.now() });
  if (next === loaded.value) return skemaView(services, viewer, loaded);
  const saved = await writeSkema(services, viewer, { loaded, etag: input.etag, next });
  return skemaView(services, viewer, saved);
}
