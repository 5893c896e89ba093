import { RuleError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import * as SkemaRules from '../mus/skema.js';
import type { Skema } from '../mus/skema.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { writeSkema } from './write-skema.js';
import { SKEMA_TEXTS } from '../../texts/skema.js';

export interface TalkNotesInput {
  /** Notes per section; sections not sent are kept. */
  talkNotes?: Record<string, string>;
  /** The four common understandings, checked or not. */
  understandings?: boolean[];
  /** When the talk is planned (ISO date-time); null clears it. */
  talkAt?: string | null;
  etag: string;
}

const FINALISED = SKEMA_TEXTS.saveTalkNotes.finalised;

/**
 * The leader records shared talk notes and the common understandings (the first note moves the
 * skema to held, closing the employee's preparation), or only plans the talk's time, which leaves
 * the status alone. Read-only once finalised (409). Returns what is stored.
 */
export async function saveTalkNotes(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: TalkNotesInput,
): Promise<Versioned<Skema>> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  demandLeader(viewer, loaded.value);
  if (!SkemaRules.leaderCanEditNotes(loaded.value)) throw new RuleError(FINALISED);
  const now = services.now();
  let next: Skema = loaded.value;
  if (input.talkNotes !== undefined || input.understandings !== undefined) {
    next = SkemaRules.saveTalkNotes(next, input.talkNotes ?? {}, {
      by: viewer.email,
      now,
      understandings: input.understandings,
    });
  }
  if (input.talkAt !== undefined) {
    next = { ...next, updatedAt: now.toISOString(), updatedBy: viewer.email };
    // null clears the planned time; the key is dropped rather than kept as undefined.
    if (input.talkAt === null) delete next.talkAt;
    else next.talkAt = input.talkAt;
  }
  return writeSkema(services, viewer, { loaded, etag: input.etag, next, attempt: next });
}
