import { ConflictError, RuleError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { leaderCanEditNotes, type Skema } from '../mus/skema.js';
import {
  changeClock,
  clockView,
  startClock,
  type TalkClockAction,
  type TalkClockView,
} from '../mus/talk-clock.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { SKEMA_TEXTS } from '../../texts/skema.js';

/** The talk's clock as both windows of the leader read it, with the skema's ETag after it. */
export interface TalkClockAnswer {
  /** null before the talk has started. */
  clock: TalkClockView | null;
  /** The skema's version now: a window that saves notes next sends it, so it is not refused. */
  etag: string;
}

/** Writes of the clock race only with note saves of the same talk; a few retries settle it. */
const ATTEMPTS = 4;

function answer(saved: Versioned<Skema>, now: Date): TalkClockAnswer {
  const clock = saved.value.talkClock;
  return { clock: clock ? clockView(clock, now) : null, etag: saved.etag };
}

/** Either party reads the clock (the leader's other windows ask every few seconds). No audit line:
 * the skema itself is not shown. */
export async function readTalkClock(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
): Promise<TalkClockAnswer> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  return answer(loaded, services.now());
}

const NOT_STARTED = SKEMA_TEXTS.talkClock.notStarted;
const FINALISED = SKEMA_TEXTS.talkClock.finalised;

/**
 * The leader pauses, resumes, resets or ends the talk's clock. The action needs no ETag from the
 * caller: it is applied to the stored skema as it is now, so a note saved in between in another
 * window is kept (the write is guarded by the version just read, and read again if that moved).
 * A talk whose notes were started before the clock existed gets a clock at its first resume.
 */
export async function changeTalkClock(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  action: TalkClockAction,
): Promise<TalkClockAnswer> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadSkemaForParty(services, viewer, ref);
    const skema = loaded.value;
    demandLeader(viewer, skema);
    if (!leaderCanEditNotes(skema)) throw new RuleError(FINALISED);
    if (skema.status !== 'held') throw new RuleError(NOT_STARTED);
    const now = services.now();
    const clock = skema.talkClock
      ? changeClock(skema.talkClock, action, now)
      : action === 'resume'
        ? startClock(now)
        : undefined;
    if (!clock) throw new RuleError(NOT_STARTED);
    if (clock === skema.talkClock) return answer(loaded, now);
    const next: Skema = {
      ...skema,
      talkClock: clock,
      updatedAt: now.toISOString(),
      updatedBy: viewer.email,
    };
    try {
      return answer(await services.repositories.skemas.update(next, loaded.etag, skema), now);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
