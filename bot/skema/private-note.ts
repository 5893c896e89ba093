import { may } from '../mus/access-rules.js';
import { ForbiddenError, ValidationError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { PRIVATE_NOTE_MAX_CHARS } from '../mus/skema-template.js';
import type { PrivateNote } from '../mus/skema.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import { guardConflict, ViewConflictError } from './skema-conflict.js';
import type { SkemaServices } from './skema-services.js';
import { privateNoteView, type PrivateNoteView } from './skema-view.js';
import { SKEMA_TEXTS } from '../../texts/skema.js';
import { fill } from '../../texts/fill.js';

const NOT_YOURS = SKEMA_TEXTS.privateNote.notYours;

/**
 * The leader writes their private note about the talk. Only this leader ever reads it (never the
 * employee, never HR). `etag` is null to create the note, or the version it was read at.
 */
export async function savePrivateNote(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: { text: string; etag: string | null },
): Promise<PrivateNoteView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  demandLeader(viewer, loaded.value);
  if (input.text.length > PRIVATE_NOTE_MAX_CHARS) {
    throw new ValidationError([
      {
        where: 'text',
        message: fill(SKEMA_TEXTS.privateNote.noteMayBeAt, { PRIVATE_NOTE_MAX_CHARS }),
      },
    ]);
  }
  const notes = services.repositories.privateNotes;
  const read = (): Promise<Versioned<PrivateNote> | undefined> =>
    notes.get(viewer.orgId, ref.roundId, ref.employeeEmail);
  const conflict = (current: Versioned<PrivateNote> | undefined): ViewConflictError => {
    const view = privateNoteView(current);
    return new ViewConflictError(view, view.text === input.text ? [] : ['privateNote']);
  };

  const existing = await read();
  if (existing && !may.readPrivateNote(viewer, existing.value)) throw new ForbiddenError(NOT_YOURS);
  if ((existing?.etag ?? null) !== input.etag) throw conflict(existing);
  const note: PrivateNote = {
    orgId: viewer.orgId,
    roundId: ref.roundId,
    employeeEmail: ref.employeeEmail,
    leaderEmail: viewer.email,
    text: input.text,
    updatedAt: services.now().toISOString(),
  };
  const saved = await guardConflict(
    () => notes.save(note, input.etag ?? undefined),
    async () => {
      const current = await read();
      if (current && !may.readPrivateNote(viewer, current.value)) {
        throw new ForbiddenError(NOT_YOURS);
      }
      return conflict(current);
    },
  );
  return privateNoteView(saved);
}
