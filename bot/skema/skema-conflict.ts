import { ConflictError } from '../mus/errors.js';

/**
 * A stale write, told the way the tab needs it: `current` is the stored version exactly as the viewer
 * may see it (the same shape the matching GET returns, ETag included) and `changed` names the fields
 * where what the viewer sent differs from what is stored now, so the tab can show both texts side by
 * side. The base ConflictError's `current` stays empty so raw stored values never reach a response.
 */
export class ViewConflictError<View = unknown> extends ConflictError {
  constructor(
    readonly view: View,
    readonly changed: string[],
  ) {
    super(undefined);
  }
}

/** Runs a guarded write; a storage conflict becomes a ViewConflictError built by `onConflict`. */
export async function guardConflict<T>(
  write: () => Promise<T>,
  onConflict: (error: ConflictError) => Promise<ViewConflictError>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConflictError && !(error instanceof ViewConflictError)) {
      throw await onConflict(error);
    }
    throw error;
  }
}
