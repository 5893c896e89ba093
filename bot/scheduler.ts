import type { Logger } from './logger.js';

const HOUR_MS = 3_600_000;
/** Cards waiting for the app are tried again this often, until their step's deadline. */
const WAITING_RETRY_MS = 5 * 60_000;

/**
 * The app's recurring background work, by name. Each job is the use case itself; the scheduler only
 * decides when it runs, and logs (never throws) when a run fails, so one bad run waits for the next.
 */
export interface ScheduledJobs {
  /**
   * Hourly: the reminders due now (skemas not yet prepared, agreements near their due date, and the
   * round's follow-through: talks overdue, summaries not acknowledged, follow-up dates).
   */
  hourlyReminders(): Promise<unknown>;
  /** Hourly: moves the evaluation's answer times to coarse stamps, so nobody is told apart by them. */
  hourlyAnswerTimeBlur(): Promise<unknown>;
  /** Daily, on the first hourly tick of each UTC day: the retention period on closed rounds. */
  dailyRetention(): Promise<unknown>;
  /** Every five minutes: cards waiting for the app are put back in the queue. */
  waitingCardsRetry(): Promise<unknown>;
}

export interface Scheduler {
  /** Clears the timers; a run already under way finishes by itself. */
  stop(): void;
}

/** Starts the timers of the jobs. The composition root (bot/app.ts) starts and stops it. */
export function startScheduler(
  jobs: ScheduledJobs,
  deps: { now: () => Date; log: Logger },
): Scheduler {
  const { log } = deps;
  let retainedOn: string | undefined;
  const hourly = setInterval(() => {
    jobs
      .hourlyReminders()
      .catch((error: unknown) => log.warn({ err: error }, 'planning reminders failed'));
    jobs
      .hourlyAnswerTimeBlur()
      .catch((error: unknown) => log.warn({ err: error }, 'restamping answers failed'));
    const today = deps.now().toISOString().slice(0, 10);
    if (retainedOn !== today) {
      retainedOn = today;
      jobs
        .dailyRetention()
        .catch((error: unknown) => log.warn({ err: error }, 'retention job failed'));
    }
  }, HOUR_MS);
  hourly.unref();
  const waiting = setInterval(() => {
    jobs
      .waitingCardsRetry()
      .catch((error: unknown) => log.warn({ err: error }, 'retrying waiting cards failed'));
  }, WAITING_RETRY_MS);
  waiting.unref();
  return {
    stop: () => {
      clearInterval(hourly);
      clearInterval(waiting);
    },
  };
}
