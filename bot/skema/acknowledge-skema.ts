import { demand, may } from '../mus/access-rules.js';
import type { Person } from '../mus/person.js';
import { acknowledge } from '../mus/skema.js';
import { demandEmployee, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { skemaView, type SkemaView } from './skema-view.js';
import { writeSkema } from './write-skema.js';

/** The employee acknowledges the finalised summary, optionally with a comment for the leader. */
export async function acknowledgeSkema(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: { etag: string; comment?: string },
): Promise<SkemaView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  demandEmployee(viewer, loaded.value);
  demand(may.acknowledge(viewer, loaded.value));
  const next = acknowledge(loaded.value, {
    by: viewer.email,
    now: services.now(),
    comment: input.comment,
  });
  const saved = await writeSkema(services, viewer, {
    loaded,
    etag: input.etag,
    next,
    attempt: next,
  });
  return skemaView(services, viewer, saved);
}
