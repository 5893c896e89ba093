import { personRef } from '../logger.js';
import { demand, may } from '../mus/access-rules.js';
import type { Person } from '../mus/person.js';
import { finalise } from '../mus/skema.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { skemaView, type SkemaView } from './skema-view.js';
import { writeSkema } from './write-skema.js';

/**
 * The leader finalises the talk: shared notes and agreements become read-only, and the bot is told
 * (onFinalised) so it can ask the employee to acknowledge the summary.
 */
export async function finaliseSkema(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: { etag: string; followUpDate?: string },
): Promise<SkemaView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  demandLeader(viewer, loaded.value);
  demand(may.finalise(viewer, loaded.value));
  const next = finalise(loaded.value, {
    by: viewer.email,
    now: services.now(),
    followUpDate: input.followUpDate,
  });
  const saved = await writeSkema(services, viewer, { loaded, etag: input.etag, next });
  try {
    await services.onFinalised(saved.value);
  } catch (error) {
    // The talk is finalised and stored; a failed notification must not make the leader retry it.
    services.log.error(
      { err: error, roundId: ref.roundId, employee: personRef(ref.employeeEmail) },
      'onFinalised failed',
    );
  }
  return skemaView(services, viewer, saved);
}
