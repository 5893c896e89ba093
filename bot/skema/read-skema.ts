import { personRef } from '../logger.js';
import type { Person } from '../mus/person.js';
import { loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { skemaView, type SkemaView } from './skema-view.js';

/**
 * The employee or their leader opens the skema. When anyone but the employee opens it, the read is
 * written to the employee's audit trail (docs/architecture.md, "Who sees what": who opened someone else's skema, shown to the
 * employee under GET /api/me/audit) and logged. The trail is written before the skema is shown: a
 * read that cannot be recorded is refused rather than left out of the trail.
 */
export async function readSkema(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
): Promise<SkemaView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  if (viewer.email !== loaded.value.employeeEmail) {
    await services.repositories.audit.record({
      orgId: viewer.orgId,
      employeeEmail: loaded.value.employeeEmail,
      viewer: { email: viewer.email, name: viewer.name },
      action: 'skema-opened',
      roundId: ref.roundId,
      at: services.now().toISOString(),
    });
    services.log.info(
      {
        audit: 'skema-opened',
        orgId: viewer.orgId,
        roundId: ref.roundId,
        employee: personRef(ref.employeeEmail),
        by: personRef(viewer.email),
      },
      'skema opened by someone other than the employee',
    );
  }
  return skemaView(services, viewer, loaded);
}
