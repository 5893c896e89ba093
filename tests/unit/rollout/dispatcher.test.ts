import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { StepNumber } from '../../../bot/mus/rollout-steps.js';
import {
  newDelivery,
  type Delivery,
  type DeliveryAudience,
  type DeliveryOutcome,
} from '../../../bot/rollout/delivery.js';
import { Dispatcher, type DispatcherOptions } from '../../../bot/rollout/dispatcher.js';
import { InMemoryDeliveryStore } from '../../helpers/in-memory-delivery-store.js';
import { memoryLogger } from '../../helpers/memory-logger.js';

const ORG = 'org-a';
const ROUND = 'mus-2027-abc123';
const START = Date.parse('2027-03-01T08:00:00.000Z');

type Failure = Extract<DeliveryOutcome, { ok: false }>;

function row(
  email: string,
  options: { orgId?: string; step?: StepNumber; audience?: DeliveryAudience } = {},
): Delivery {
  return newDelivery(
    {
      orgId: options.orgId ?? ORG,
      roundId: ROUND,
      step: options.step ?? 1,
      audience: options.audience ?? 'leader',
      recipientEmail: email,
    },
    new Date(),
  );
}

function sent(email: string): DeliveryOutcome {
  return { ok: true, activityId: `activity-${email}`, conversationId: `a:${email}` };
}

function failure(status: number, code: string, extra: Partial<Failure> = {}): Failure {
  return {
    ok: false,
    status,
    code,
    permanent: status !== 429 && status < 500,
    reasonText: { da: `fejl ${status}`, en: `error ${status}` },
    ...extra,
  };
}

const BLOCKED = failure(403, 'blocked_by_user', {
  reasonText: {
    da: 'brugeren har blokeret appen (HTTP 403)',
    en: 'the user has blocked the app (HTTP 403)',
  },
});

describe('the dispatcher that sends the outbox', () => {
  const sandbox = sinon.createSandbox();
  let clock: sinon.SinonFakeTimers;
  let store: InMemoryDeliveryStore;
  /** When (fake time, ms after START) each deliver call was made, and for whom. */
  let calls: { at: number; email: string; orgId: string }[];

  beforeEach(() => {
    clock = sandbox.useFakeTimers({ now: START });
    store = new InMemoryDeliveryStore();
    calls = [];
  });
  afterEach(() => sandbox.restore());

  function dispatcher(
    answer: (d: Delivery, attempt: number) => DeliveryOutcome | Promise<DeliveryOutcome>,
    options: Partial<DispatcherOptions> = {},
  ): Dispatcher {
    const attempts = new Map<string, number>();
    return new Dispatcher({
      store,
      deliver: async (d, pace) => {
        await pace();
        calls.push({ at: Date.now() - START, email: d.recipientEmail, orgId: d.orgId });
        const key = `${d.step}|${d.audience}|${d.recipientEmail}`;
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        return answer(d, attempt);
      },
      log: memoryLogger().log,
      owner: 'test-dispatcher',
      ratePerSecond: () => 1000,
      concurrency: 4,
      retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 },
      random: () => 0.5,
      ...options,
    });
  }

  /** Runs `work` while moving the fake clock on, as real time would. */
  async function settle<T>(work: Promise<T>, limitMs = 10 * 60_000): Promise<T> {
    let done = false;
    const tracked = work.finally(() => {
      done = true;
    });
    for (let t = 0; !done && t < limitMs; t += 50) await clock.tickAsync(50);
    assert.ok(done, `the work finished within ${limitMs} ms of fake time`);
    return tracked;
  }

  it('records a card that reached Teams as sent, with its activity id for later updates', async () => {
    await store.plan([row('mette@example.dk')]);
    const d = dispatcher((r) => sent(r.recipientEmail));
    await settle(d.drain());
    const stored = store.get(row('mette@example.dk'))!;
    assert.equal(stored.status, 'sent');
    assert.equal(stored.attempts, 1);
    assert.equal(stored.activityId, 'activity-mette@example.dk');
    assert.equal(stored.conversationId, 'a:mette@example.dk');
    assert.equal(stored.leaseOwner, undefined, 'the lease is released');
    assert.equal(d.stats.sent, 1);
  });

  it('marks a user who blocked the app as not installed, with a reason HR can read, and does not retry', async () => {
    await store.plan([row('ole@example.dk'), row('mette@example.dk')]);
    const d = dispatcher((r) =>
      r.recipientEmail === 'ole@example.dk' ? BLOCKED : sent(r.recipientEmail),
    );
    await settle(d.drain());
    const ole = store.get(row('ole@example.dk'))!;
    assert.equal(ole.status, 'not-installed');
    assert.equal(ole.attempts, 1);
    assert.equal(ole.lastError?.status, 403);
    assert.equal(ole.lastError?.code, 'blocked_by_user');
    assert.match(ole.lastError?.reason.da ?? '', /blokeret/);
    assert.equal(calls.filter((c) => c.email === 'ole@example.dk').length, 1, 'tried once');
    assert.equal(store.get(row('mette@example.dk'))?.status, 'sent');
    assert.deepEqual(await store.counts(ORG, ROUND, 1), {
      sent: 1,
      pending: 0,
      failed: 0,
      waiting: 0,
      notInstalled: 1,
    });
  });

  it('puts a user who does not have the app yet in "waiting", not given up, and counts them apart', async () => {
    await store.plan([row('ny@example.dk'), row('mette@example.dk')]);
    const d = dispatcher((r) =>
      r.recipientEmail === 'ny@example.dk' ? failure(403, 'not_installed') : sent(r.recipientEmail),
    );
    await settle(d.drain());
    const waiting = store.get(row('ny@example.dk'))!;
    assert.equal(waiting.status, 'waiting');
    assert.equal(waiting.lastError?.code, 'not_installed');
    assert.deepEqual(await store.counts(ORG, ROUND, 1), {
      sent: 1,
      pending: 0,
      failed: 0,
      waiting: 1,
      notInstalled: 0,
    });
  });

  it('marks other permanent refusals as failed, not as not installed', async () => {
    await store.plan([row('ole@example.dk')]);
    const d = dispatcher(() => failure(400, 'rejected'));
    await settle(d.drain());
    const ole = store.get(row('ole@example.dk'))!;
    assert.equal(ole.status, 'failed');
    assert.equal(ole.attempts, 1);
    assert.equal(calls.length, 1);
  });

  it('retries a transient 500 with growing delays up to maxAttempts, then marks it failed', async () => {
    await store.plan([row('ole@example.dk')]);
    const d = dispatcher(() => failure(500, 'service_error'));
    await settle(d.drain());
    const ole = store.get(row('ole@example.dk'))!;
    assert.equal(ole.status, 'failed');
    assert.equal(ole.attempts, 4);
    assert.equal(ole.lastError?.status, 500);
    assert.equal(calls.length, 4, 'maxAttempts tries in all');
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    // random() = 0.5 puts each delay at three quarters of the exponential ceiling.
    const expected = [750, 1500, 3000];
    for (const [i, gap] of gaps.entries()) {
      assert.ok(gap >= expected[i]!, `gap ${i + 1} is ${gap} ms, at least ${expected[i]}`);
      assert.ok(gap < expected[i]! + 200, `gap ${i + 1} is ${gap} ms, not much more`);
    }
    assert.equal(d.stats.retried, 3);
    assert.equal(d.stats.failed, 1);
  });

  it('delivers a card on a later try when the transient error goes away', async () => {
    await store.plan([row('ole@example.dk')]);
    const d = dispatcher((r, attempt) =>
      attempt < 3 ? failure(attempt === 1 ? 502 : 504, 'service_error') : sent(r.recipientEmail),
    );
    await settle(d.drain());
    const ole = store.get(row('ole@example.dk'))!;
    assert.equal(ole.status, 'sent');
    assert.equal(ole.attempts, 3);
    assert.equal(ole.lastError, undefined, 'the old error is cleared');
  });

  it('treats a deliver function that throws as a transient internal error', async () => {
    await store.plan([row('ole@example.dk')]);
    const d = dispatcher((r, attempt) => {
      if (attempt === 1) throw new Error('storage hiccup');
      return sent(r.recipientEmail);
    });
    await settle(d.drain());
    assert.equal(store.get(row('ole@example.dk'))?.status, 'sent');
    assert.equal(calls.length, 2);
  });

  it('holds a throttled row back for Retry-After and pauses the tenant’s other sends too', async () => {
    await store.plan([row('a@example.dk'), row('b@example.dk'), row('c@example.dk')]);
    const d = dispatcher(
      (r, attempt) =>
        r.recipientEmail === 'a@example.dk' && attempt === 1
          ? failure(429, 'throttled', { retryAfterSeconds: 3 })
          : sent(r.recipientEmail),
      { concurrency: 1 },
    );
    await settle(d.drain());
    assert.equal(calls[0]?.email, 'a@example.dk');
    for (const later of calls.slice(1)) {
      assert.ok(later.at >= 3000, `${later.email} was sent ${later.at} ms after the 429`);
    }
    assert.equal(store.get(row('a@example.dk'))?.status, 'sent');
    assert.equal(d.stats.throttled, 1);
  });

  it('also holds back sends that were already waiting for a token when the 429 came', async () => {
    const people = ['a', 'b', 'c', 'd'].map((p) => `${p}@example.dk`);
    await store.plan(people.map((p) => row(p)));
    const d = dispatcher(
      (r, attempt) =>
        r.recipientEmail === 'a@example.dk' && attempt === 1
          ? failure(429, 'throttled', { retryAfterSeconds: 3 })
          : sent(r.recipientEmail),
      // Two per second with no burst: b, c and d reserve tokens 0.5, 1 and 1.5 s out.
      { ratePerSecond: () => 2, concurrency: 4 },
    );
    await settle(d.drain());
    assert.equal(calls[0]?.email, 'a@example.dk');
    assert.equal(calls[0]?.at, 0);
    for (const later of calls.slice(1)) {
      assert.ok(later.at >= 3000, `${later.email} was sent ${later.at} ms after the 429`);
    }
    for (const p of people) assert.equal(store.get(row(p))?.status, 'sent');
  });

  it('paces a tenant just under its rate, with no burst, so no second gets one too many', async () => {
    await store.plan(Array.from({ length: 20 }, (_, i) => row(`p${i}@example.dk`)));
    const d = dispatcher((r) => sent(r.recipientEmail), {
      ratePerSecond: () => 5,
      concurrency: 8,
    });
    await settle(d.drain());
    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    assert.equal(times.length, 20);
    assert.equal(times[0], 0);
    // 95 % of 5 per second: one every 210.5 ms (a timer a few ms late is caught up).
    for (const [i, t] of times.slice(1).entries()) {
      assert.ok(t - times[i]! >= 205, `gap ${t - times[i]!} ms before send ${i + 2}`);
    }
    for (const t of times) {
      const inSecond = times.filter((s) => s > t - 1000 && s <= t).length;
      assert.ok(inSecond <= 5, `${inSecond} sends in the second before ${t} ms`);
    }
    assert.ok(times.at(-1)! < 19 * 211 + 100, `the last send came at ${times.at(-1)} ms`);
  });

  it('keeps several cards to one person within Teams’ per-conversation windows', async () => {
    const rows: Delivery[] = [];
    for (const step of [1, 2, 3, 4, 5] as const) {
      for (const audience of ['leader', 'employee', 'reminder'] as const) {
        rows.push(row('mette@example.dk', { step, audience }));
      }
    }
    await store.plan(rows);
    const d = dispatcher((r) => sent(r.recipientEmail), { ratePerSecond: () => 30 });
    await settle(d.drain());
    const times = calls.map((c) => c.at);
    assert.equal(times.length, 15);
    for (const t of times) {
      assert.ok(times.filter((s) => s > t - 1000 && s <= t).length <= 7, `1 s window at ${t}`);
      assert.ok(times.filter((s) => s > t - 2000 && s <= t).length <= 8, `2 s window at ${t}`);
    }
  });

  it('does not send a row whose lease ran out while it waited for a token, but sends it later', async () => {
    const people = ['a', 'b', 'c'].map((p) => `${p}@example.dk`);
    await store.plan(people.map((p) => row(p)));
    // One per second, no burst, half-second leases: b and c outwait their first leases.
    const d = dispatcher((r) => sent(r.recipientEmail), {
      ratePerSecond: () => 1,
      leaseMs: 500,
    });
    await settle(d.drain());
    assert.ok(d.stats.expiredBeforeSend >= 2, `${d.stats.expiredBeforeSend} expired leases`);
    assert.deepEqual(calls.map((c) => c.email).sort(), people, 'each sent exactly once');
    for (const p of people) assert.equal(store.get(row(p))?.status, 'sent');
  });

  it('does not draw a card whose lease ran out while it waited for a sending slot', async () => {
    const people = ['a', 'b', 'c', 'd'].map((p) => `${p}@example.dk`);
    await store.plan(people.map((p) => row(p)));
    /** Each time a card was begun: when, and by when its row's request had to be made. */
    const begun: { email: string; at: number; deadline: number }[] = [];
    const leaseMs = 2000;
    const d = new Dispatcher({
      store,
      deliver: async (r, pace) => {
        // The lease's end less the dispatcher's margin for the request and its outcome (a quarter).
        begun.push({
          email: r.recipientEmail,
          at: Date.now(),
          deadline: Date.parse(r.leaseUntil!) - leaseMs / 4,
        });
        // Drawing the card takes a second of storage reads on a busy emulator.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await pace();
        return sent(r.recipientEmail);
      },
      log: memoryLogger().log,
      owner: 'test',
      ratePerSecond: () => 1000,
      concurrency: 1,
      leaseMs,
    });
    await settle(d.drain());
    const late = begun.filter((b) => b.at >= b.deadline);
    assert.deepEqual(late, [], 'no card begun after its lease had run out');
    assert.ok(d.stats.expiredBeforeSend > 0, 'some rows did wait too long');
    for (const p of people) assert.equal(store.get(row(p))?.status, 'sent');
  });

  it('uses no token for a row that needs no request to Teams', async () => {
    await store.plan([row('gone@example.dk'), row('ole@example.dk')]);
    const d = new Dispatcher({
      store,
      deliver: async (r, pace) => {
        if (r.recipientEmail === 'gone@example.dk') return BLOCKED;
        await pace();
        calls.push({ at: Date.now() - START, email: r.recipientEmail, orgId: r.orgId });
        return sent(r.recipientEmail);
      },
      log: memoryLogger().log,
      owner: 'test',
      ratePerSecond: () => 1,
    });
    await settle(d.drain());
    assert.deepEqual(calls, [{ at: 0, email: 'ole@example.dk', orgId: ORG }]);
  });

  it('counts a lease lost to another process and leaves that process’s outcome in place', async () => {
    await store.plan([row('ole@example.dk')]);
    const d = dispatcher((r) => {
      // Meanwhile another dispatcher took the row over after our lease expired, and sent it.
      const current = store.get(r)!;
      store.overwrite({ ...current, status: 'sent', activityId: 'theirs', leaseOwner: undefined });
      return sent(r.recipientEmail);
    });
    await settle(d.drain());
    assert.equal(d.stats.lostLeases, 1);
    assert.equal(store.get(row('ole@example.dk'))?.activityId, 'theirs');
    assert.equal(calls.length, 1);
  });

  it('finishes the sends in flight and records them when stopped', async () => {
    await store.plan([row('a@example.dk'), row('b@example.dk')]);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const d = dispatcher(async (r) => {
      await gate;
      return sent(r.recipientEmail);
    });
    d.start();
    await clock.tickAsync(100);
    assert.equal(calls.length, 2, 'both were claimed and are being sent');
    const stopped = d.stop();
    release();
    await settle(stopped);
    assert.equal(store.get(row('a@example.dk'))?.status, 'sent');
    assert.equal(store.get(row('b@example.dk'))?.status, 'sent');
  });

  it('when stopped, leaves rows still queued to their leases instead of sending them', async () => {
    await store.plan(Array.from({ length: 10 }, (_, i) => row(`p${i}@example.dk`)));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const d = dispatcher(
      async (r) => {
        await gate;
        return sent(r.recipientEmail);
      },
      { concurrency: 2 },
    );
    d.start();
    await clock.tickAsync(100);
    assert.equal(calls.length, 2, 'two are being sent, eight are queued');
    const stopped = d.stop();
    release();
    await settle(stopped);
    assert.equal(calls.length, 2, 'the queued ones were not sent');
    const rows = await store.list(ORG, ROUND, 1);
    assert.equal(rows.filter((r) => r.status === 'sent').length, 2);
    assert.equal(rows.filter((r) => r.status === 'sending').length, 8, 'still leased');
  });

  it('picks up a launch at once when woken instead of waiting for the next poll', async () => {
    const d = dispatcher((r) => sent(r.recipientEmail), { pollMs: 60_000 });
    d.start();
    await clock.tickAsync(100);
    await store.plan([row('ole@example.dk')]);
    d.wake();
    await clock.tickAsync(100);
    assert.equal(store.get(row('ole@example.dk'))?.status, 'sent');
    await settle(d.stop());
  });
});
