import { NotFoundError, type ConflictError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { changedFields, type Skema } from '../mus/skema.js';
import { guardConflict, ViewConflictError } from './skema-conflict.js';
import type { SkemaServices } from './skema-services.js';
import { skemaView, type SkemaView } from './skema-view.js';

/**
 * Stores `next` over the version the viewer read, if that is still `etag`. Otherwise nothing is
 * written and a ViewConflictError carries the stored version as the viewer may see it and, for text
 * edits (`attempt`), the fields where the viewer's version differs from it.
 */
export async function writeSkema(
  services: SkemaServices,
  viewer: Person,
  args: { loaded: Versioned<Skema>; etag: string; next: Skema; attempt?: Skema },
): Promise<Versioned<Skema>> {
  const conflict = async (current: Versioned<Skema>): Promise<ViewConflictError<SkemaView>> => {
    const changed = args.attempt
      ? changedFields(args.attempt, current.value).filter((field) => field !== 'status')
      : [];
    return new ViewConflictError(await skemaView(services, viewer, current), changed);
  };
  if (args.etag !== args.loaded.etag) throw await conflict(args.loaded);
  return guardConflict(
    () => services.repositories.skemas.update(args.next, args.etag, args.loaded.value),
    async (error: ConflictError) => {
      const current = (error.current as Versioned<Skema> | undefined) ?? (await reread());
      return conflict(current);
    },
  );

  async function reread(): Promise<Versioned<Skema>> {
    const s = args.next;
    const found = await services.repositories.skemas.get(s.orgId, s.roundId, s.employeeEmail);
    if (!found) throw new NotFoundError();
    return found;
  }
}
