import { demand, may, relationTo } from '../mus/access-rules.js';
import { ForbiddenError, NotFoundError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { Skema } from '../mus/skema.js';
import type { SkemaServices } from './skema-services.js';
import { SKEMA_TEXTS } from '../../texts/skema.js';

/** Which skema a request is about. The organisation is always the viewer's own, never the request's. */
export interface SkemaRef {
  roundId: string;
  employeeEmail: string;
}

const NO_SKEMA = SKEMA_TEXTS.skemaAccess.noSkema;

/**
 * Loads a skema for one of its two parties (the employee or their leader); anyone else gets 403 —
 * also when the skema does not exist, so outsiders cannot probe who has one.
 */
export async function loadSkemaForParty(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
): Promise<Versioned<Skema>> {
  const found = await services.repositories.skemas.get(
    viewer.orgId,
    ref.roundId,
    ref.employeeEmail,
  );
  if (found) {
    demand(may.readSkemaContent(viewer, found.value));
    return found;
  }
  const person = await services.repositories.people.get(viewer.orgId, ref.employeeEmail);
  demand(
    may.readSkemaContent(viewer, {
      employeeEmail: ref.employeeEmail,
      leaderEmail: person?.value.leaderEmail ?? '',
    }),
  );
  throw new NotFoundError(NO_SKEMA);
}

const ONLY_EMPLOYEE = SKEMA_TEXTS.skemaAccess.onlyEmployee;
const ONLY_LEADER = SKEMA_TEXTS.skemaAccess.onlyLeader;

/** 403 unless the viewer is this skema's employee. */
export function demandEmployee(viewer: Person, skema: Skema): void {
  if (relationTo(viewer, skema) !== 'employee') throw new ForbiddenError(ONLY_EMPLOYEE);
}

/** 403 unless the viewer is this skema's leader. */
export function demandLeader(viewer: Person, skema: Skema): void {
  if (relationTo(viewer, skema) !== 'leader') throw new ForbiddenError(ONLY_LEADER);
}
