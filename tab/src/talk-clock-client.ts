import { TALK_MS } from '../../bot/mus/talk-clock.js';
import type { TalkClockAction, TalkClockAnswer, TalkClockView } from './api-types.js';

/*
 * The talk's 45-minute clock as the tab shows it. The clock is stored with the skema (the server
 * counts it), so the meeting's side panel, the full tab and another device show the same time: each
 * window counts on from the server's answer with its own clock and asks again every few seconds, so
 * a pause in one window reaches the others.
 */

/** How often a window asks for the clock, to hear of a pause or reset made in another. */
export const CLOCK_POLL_MS = 5_000;

/** The minutes left at which the leader gets a calm notice. */
export const NOTICE_MINUTES = [10, 5] as const;

export interface TalkClockApi {
  talkClock(): Promise<TalkClockAnswer>;
  changeTalkClock(action: TalkClockAction): Promise<TalkClockAnswer>;
}

export class SharedTalkClock {
  private view: TalkClockView | null;
  private receivedAt: number;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: TalkClockApi,
    initial: TalkClockView | null,
    private readonly now: () => number = Date.now,
  ) {
    this.view = initial;
    this.receivedAt = now();
  }

  get started(): boolean {
    return this.view !== null;
  }

  get running(): boolean {
    return this.view?.state === 'running';
  }

  get ended(): boolean {
    return this.view?.state === 'ended';
  }

  /** Milliseconds left of the 45 minutes; negative when over time. */
  remaining(): number {
    if (!this.view) return TALK_MS;
    const counted = this.running ? this.now() - this.receivedAt : 0;
    return this.view.remainingMs - counted;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async act(action: TalkClockAction): Promise<void> {
    this.take(await this.api.changeTalkClock(action));
  }

  /** Asks the server again; an error leaves the clock counting as it was (the next ask may work). */
  async refresh(): Promise<void> {
    try {
      this.take(await this.api.talkClock());
    } catch {
      // Offline for a moment: keep counting from the last answer.
    }
  }

  private take(answer: TalkClockAnswer): void {
    this.view = answer.clock;
    this.receivedAt = this.now();
    for (const listener of this.listeners) listener();
  }
}

/**
 * The notice due at `remainingMs`, if one is: the lowest threshold passed. `shown` holds those
 * already given, so each comes once per window.
 */
export function dueNotice(remainingMs: number, shown: ReadonlySet<number>): number | undefined {
  const passed = NOTICE_MINUTES.filter((m) => remainingMs <= m * 60_000 && remainingMs > 0);
  const lowest = passed.at(-1);
  return lowest !== undefined && !shown.has(lowest) ? lowest : undefined;
}

/** "44:59" (or "03:10" over time): whole minutes and seconds, always two digits. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
