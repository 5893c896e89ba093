import type { TableClient } from '@azure/data-tables';
import { ConflictError, NotFoundError, type Versioned } from '../mus/errors.js';
import type { EntityToWrite } from './table-limits.js';
import { statusOf } from './table-operations.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * The two guarded writes every repository needs. Both turn the service's refusal into a
 * ConflictError carrying what is stored now, so the caller can show the user the other person's
 * text next to their own; nothing is ever overwritten blindly.
 */

/** Replaces the entity only if it is still at `etag`; returns the new ETag. */
export async function replaceIfUnchanged<T>(
  client: TableClient,
  entity: EntityToWrite,
  etag: string,
  readCurrent: () => Promise<Versioned<T> | undefined>,
): Promise<string> {
  try {
    const response = await client.updateEntity(entity, 'Replace', { etag });
    if (!response.etag) throw new Error('update returned no ETag');
    return response.etag;
  } catch (error) {
    const status = statusOf(error);
    if (status === 412) throw new ConflictError(await readCurrent(), undefined);
    if (status === 404) throw new NotFoundError();
    throw error;
  }
}

/** Creates the entity; when one exists, throws ConflictError with the stored version. */
export async function createUnlessPresent<T>(
  client: TableClient,
  entity: EntityToWrite,
  readCurrent: () => Promise<Versioned<T> | undefined>,
): Promise<string> {
  try {
    const response = await client.createEntity(entity);
    if (!response.etag) throw new Error('create returned no ETag');
    return response.etag;
  } catch (error) {
    if (statusOf(error) === 409) {
      throw new ConflictError(await readCurrent(), ERRORS_TEXTS.storage.itAlreadyExistsSomeone);
    }
    throw error;
  }
}
