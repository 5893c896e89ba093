/**
 * Runs a piece of work per key (an organisation) one at a time, each run at least `gapMs` after the
 * previous one started: calls while a run waits or works join it. Many triggers arrive together
 * (installs when a setup policy reaches people, a dispatcher's progress), the work reads whole steps.
 */
export class SpacedRuns {
  private readonly runs = new Map<string, Promise<number>>();
  private readonly lastStart = new Map<string, number>();
  // Runs still waiting for their turn are dropped at shutdown (a timer or the next start picks the
  // work up again); only those already at work are waited for.
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly atWork = new Set<Promise<number>>();
  private stopped = false;

  constructor(
    private readonly gapMs: number,
    private readonly work: (key: string) => Promise<number>,
  ) {}

  request(key: string): Promise<number> {
    const running = this.runs.get(key);
    if (running) return running;
    const wait = Math.max(0, (this.lastStart.get(key) ?? 0) + this.gapMs - Date.now());
    const run = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, wait);
      timer.unref();
      this.timers.add(timer);
    })
      .then(() => {
        if (this.stopped) return 0;
        this.lastStart.set(key, Date.now());
        const work = this.work(key);
        this.atWork.add(work);
        return work.finally(() => this.atWork.delete(work));
      })
      .finally(() => this.runs.delete(key));
    this.runs.set(key, run);
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled(this.atWork);
  }
}
