import type { Person } from '../mus/person.js';
import { loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { skemaView, type SkemaView } from './skema-view.js';

/**
 * The employee or their leader opens the skema. A leader opening an employee's skema is logged as
 * an audit line (DESIGN §5: who opened someone else's skema).
 */
export async function readSkema(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
): Promise<SkemaView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  if (viewer.email !== loaded.value.employeeEmail) {
    services.log.info(
      {
        audit: 'skema-opened',
        orgId: viewer.orgId,
        roundId: ref.roundId,
        employee: ref.employeeEmail,
        by: viewer.email,
      },
      'skema opened by someone other than the employee',
    );
  }
  return skemaView(services, viewer, loaded);
}
