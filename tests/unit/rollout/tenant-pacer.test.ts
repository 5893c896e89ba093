import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  TenantPacer,
  TurnTooLateError,
  type PacerClock,
} from '../../../bot/rollout/tenant-pacer.js';

describe('the pacer that spaces a tenant’s requests to Teams', () => {
  const sandbox = sinon.createSandbox();
  let timers: sinon.SinonFakeTimers;
  const clock: PacerClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };

  beforeEach(() => {
    timers = sandbox.useFakeTimers({ now: 0 });
  });
  afterEach(() => sandbox.restore());

  /** Takes `n` turns at once and returns when each came. */
  async function turns(pacer: TenantPacer, n: number, deadline?: number): Promise<number[]> {
    const times: number[] = [];
    const all = Array.from({ length: n }, () =>
      pacer.turn(deadline).then(() => times.push(Date.now())),
    );
    await timers.tickAsync(60_000);
    await Promise.all(all);
    return times;
  }

  it('lets the first caller go at once and spaces the others one interval apart', async () => {
    const times = await turns(new TenantPacer(10, clock), 5);
    assert.deepEqual(times, [0, 100, 200, 300, 400]);
  });

  it('paced at 95 % of the limit, never lets more than the limit into any one second', async () => {
    const times = await turns(new TenantPacer(30 * 0.95, clock), 100);
    for (const t of times) {
      assert.ok(times.filter((s) => s > t - 1000 && s <= t).length <= 30, `second ending ${t}`);
    }
  });

  it('does not let the next caller go right behind one the event loop woke late', async () => {
    // Every timer fires 50 ms late; the next caller must still wait a whole interval.
    const late: PacerClock = { now: () => clock.now(), sleep: (ms) => clock.sleep(ms + 50) };
    const stalled = new TenantPacer(10, late);
    const times = await turns(stalled, 3);
    for (const [i, t] of times.slice(1).entries()) {
      assert.ok(t - times[i]! >= 100, `gap ${t - times[i]!} ms`);
    }
  });

  it('after a 429 lets nobody go until Retry-After has passed, including callers already waiting', async () => {
    const pacer = new TenantPacer(10, clock);
    const times: number[] = [];
    const waiting = Array.from({ length: 3 }, () =>
      pacer.turn().then(() => times.push(Date.now())),
    );
    await timers.tickAsync(0);
    assert.deepEqual(times, [0]);
    pacer.pause(2000);
    await timers.tickAsync(5000);
    await Promise.all(waiting);
    assert.equal(times.length, 3);
    for (const t of times.slice(1)) assert.ok(t >= 2000, `went at ${t} ms`);
    assert.ok(times[2]! - times[1]! >= 100, 'and they go one interval apart after it');
  });

  it('refuses a turn that would come after the caller’s deadline, without using it up', async () => {
    const pacer = new TenantPacer(1, clock);
    const results: string[] = [];
    const first = pacer.turn().then(() => results.push(`first ${Date.now()}`));
    const tooLate = pacer.turn(500).catch((error: unknown) => {
      assert.ok(error instanceof TurnTooLateError);
      results.push(`refused ${Date.now()}`);
    });
    const third = pacer.turn().then(() => results.push(`third ${Date.now()}`));
    await timers.tickAsync(5000);
    await Promise.all([first, tooLate, third]);
    assert.deepEqual(results, ['first 0', 'refused 0', 'third 1000']);
  });

  it('refuses a rate that cannot work', () => {
    assert.throws(() => new TenantPacer(0, clock), RangeError);
  });
});
