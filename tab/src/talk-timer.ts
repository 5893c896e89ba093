/*
 * The 45-minute timer of the talk. It runs in the leader's browser only (nothing is sent to the
 * server) and is kept in sessionStorage, so a reload or switching employee and back keeps the time.
 */

export const TALK_MINUTES = 45;
const TALK_MS = TALK_MINUTES * 60_000;

export interface TimerState {
  /** Epoch ms when the timer was last started; null while paused or not started. */
  runningSince: number | null;
  /** Time counted before the last start. */
  elapsedMs: number;
}

const STOPPED: TimerState = { runningSince: null, elapsedMs: 0 };

export function elapsed(state: TimerState, now: number): number {
  return (
    state.elapsedMs + (state.runningSince === null ? 0 : Math.max(0, now - state.runningSince))
  );
}

/** Milliseconds left of the 45 minutes; negative when over time. */
export function remaining(state: TimerState, now: number): number {
  return TALK_MS - elapsed(state, now);
}

export function start(state: TimerState, now: number): TimerState {
  return state.runningSince === null ? { ...state, runningSince: now } : state;
}

export function pause(state: TimerState, now: number): TimerState {
  return state.runningSince === null
    ? state
    : { runningSince: null, elapsedMs: elapsed(state, now) };
}

export function reset(): TimerState {
  return { ...STOPPED };
}

/** "44:59" (or "03:10" over time): whole minutes and seconds, always two digits. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

function isTimerState(value: unknown): value is TimerState {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    (v.runningSince === null || typeof v.runningSince === 'number') &&
    typeof v.elapsedMs === 'number'
  );
}

/** The timer of one talk, remembered for the browser session. */
export class TalkTimer {
  private state: TimerState;

  constructor(
    private readonly key: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = sessionStorage,
  ) {
    let saved: unknown;
    try {
      saved = JSON.parse(storage.getItem(key) ?? 'null');
    } catch {
      saved = null;
    }
    this.state = isTimerState(saved) ? saved : reset();
  }

  get running(): boolean {
    return this.state.runningSince !== null;
  }

  get started(): boolean {
    return this.running || this.state.elapsedMs > 0;
  }

  remaining(now = Date.now()): number {
    return remaining(this.state, now);
  }

  start(now = Date.now()): void {
    this.save(start(this.state, now));
  }

  pause(now = Date.now()): void {
    this.save(pause(this.state, now));
  }

  reset(): void {
    this.save(reset());
  }

  private save(state: TimerState): void {
    this.state = state;
    try {
      this.storage.setItem(this.key, JSON.stringify(state));
    } catch {
      // Storage can be full or blocked; the timer still works for this page.
    }
  }
}
