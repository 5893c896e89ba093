/*
 * People before the outbox. On one storage account, and above all on the embedded emulator that
 * works one request at a time, a dispatcher sending a step to 10,000 people can fill the storage
 * queue so that a card click waits seconds behind card renders. The server counts the requests from
 * people in flight (card clicks and messages on /api/messages, the tab's API); before each card the
 * dispatcher waits for a moment with none, a quarter of a second at most, so the send rate drops a
 * little while somebody clicks and the click is answered first.
 */

const MAX_WAIT_MS = 250;

export class PeopleFirst {
  private inFlight = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly maxWaitMs = MAX_WAIT_MS) {}

  /** A request from a person began; call what this returns when it has been answered (once). */
  begin(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of [...this.waiters]) wake();
    };
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Resolves when no request from a person is in flight, or after `maxWaitMs` at the latest. */
  quiet(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.maxWaitMs);
      this.waiters.add(wake);
    });
  }
}

/** The paths of requests from people: the bot endpoint and the tab's API (not health, not files). */
export function isFromPeople(path: string): boolean {
  return path === '/api/messages' || (path.startsWith('/api/') && !path.startsWith('/api/dev/'));
}
