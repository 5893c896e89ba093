import { RuleError } from './errors.js';
import { TALK_CLOCK_RULE_TEXTS } from '../../texts/rules.js';

/*
 * The talk's own 45-minute clock. It belongs to the talk, not to a browser: it starts when the
 * leader starts the talk, is kept on the skema, and every window of the leader (the meeting's side
 * panel, the full tab, another device) shows the same time. Times are the server's; a client shows
 * the remaining time the server computed, counted on from when the answer arrived.
 */

export const TALK_MINUTES = 45;
export const TALK_MS = TALK_MINUTES * 60_000;

export interface TalkClock {
  /** When the clock first started (the talk's start). */
  startedAt: string;
  /** When it last started running; null while paused or ended. */
  runningSince: string | null;
  /** Time counted before `runningSince`. */
  elapsedMs: number;
  /** When the leader said the talk is over; the clock stays stopped from then on. */
  endedAt?: string;
}

export const TALK_CLOCK_ACTIONS = ['pause', 'resume', 'reset', 'end'] as const;
export type TalkClockAction = (typeof TALK_CLOCK_ACTIONS)[number];

export type TalkClockState = 'running' | 'paused' | 'ended';

export function startClock(now: Date): TalkClock {
  const at = now.toISOString();
  return { startedAt: at, runningSince: at, elapsedMs: 0 };
}

export function clockElapsed(clock: TalkClock, now: Date): number {
  const since = clock.runningSince === null ? NaN : Date.parse(clock.runningSince);
  const running = Number.isNaN(since) ? 0 : Math.max(0, now.getTime() - since);
  return clock.elapsedMs + running;
}

export function clockState(clock: TalkClock): TalkClockState {
  if (clock.endedAt) return 'ended';
  return clock.runningSince === null ? 'paused' : 'running';
}

/**
 * Applies a leader's action. Pausing a paused clock or resuming a running one changes nothing (two
 * windows may send the same click); reset starts the 45 minutes over, running or paused as before.
 */
export function changeClock(clock: TalkClock, action: TalkClockAction, now: Date): TalkClock {
  if (clock.endedAt) {
    if (action === 'end') return clock;
    throw new RuleError(TALK_CLOCK_RULE_TEXTS.ended);
  }
  const at = now.toISOString();
  switch (action) {
    case 'pause':
      return clock.runningSince === null
        ? clock
        : { ...clock, runningSince: null, elapsedMs: clockElapsed(clock, now) };
    case 'resume':
      return clock.runningSince === null ? { ...clock, runningSince: at } : clock;
    case 'reset':
      return { ...clock, elapsedMs: 0, runningSince: clock.runningSince === null ? null : at };
    case 'end':
      return { ...clock, runningSince: null, elapsedMs: clockElapsed(clock, now), endedAt: at };
  }
}

/** The clock as a client shows it: state, and the time counted and left at `now`. */
export interface TalkClockView {
  state: TalkClockState;
  startedAt: string;
  endedAt: string | null;
  elapsedMs: number;
  /** Negative when over time. */
  remainingMs: number;
}

export function clockView(clock: TalkClock, now: Date): TalkClockView {
  const elapsedMs = clockElapsed(clock, now);
  return {
    state: clockState(clock),
    startedAt: clock.startedAt,
    endedAt: clock.endedAt ?? null,
    elapsedMs,
    remainingMs: TALK_MS - elapsedMs,
  };
}
