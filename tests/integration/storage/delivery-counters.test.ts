import assert from 'node:assert/strict';
import { ConflictError, type Versioned } from '../../../bot/mus/errors.js';
import type { StepNumber } from '../../../bot/mus/rollout-steps.js';
import {
  newDelivery,
  type Delivery,
  type DeliveryAudience,
  type DeliveryStatus,
  type StepCounts,
} from '../../../bot/rollout/delivery.js';
import { deliveryPartition } from '../../../bot/storage/delivery-entity.js';
import { DeliveryTable } from '../../../bot/storage/delivery-table.js';
import { isCounterRowKey } from '../../../bot/storage/sharded-counters.js';
import { joinKey } from '../../../bot/storage/table-keys.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';

const ORG = 'org-a';
const ROUND = 'mus-2027-tælling';

function row(
  i: number,
  audience: DeliveryAudience = 'employee',
  step: StepNumber = 3,
  subject?: string,
): Delivery {
  return newDelivery(
    {
      orgId: ORG,
      roundId: ROUND,
      step,
      audience,
      recipientEmail: `p${i}@example.dk`,
      ...(subject ? { subject } : {}),
    },
    new Date(),
  );
}

/** What HR's counts must be: every leader and employee row of the step, counted by status. */
async function recount(storage: TestStorage, step: StepNumber): Promise<StepCounts> {
  const counts: StepCounts = { sent: 0, pending: 0, failed: 0, waiting: 0, notInstalled: 0 };
  for (const d of await storage.deliveries.list(ORG, ROUND, step)) {
    if (d.audience !== 'leader' && d.audience !== 'employee') continue;
    if (d.status === 'sent') counts.sent++;
    else if (d.status === 'failed') counts.failed++;
    else if (d.status === 'waiting') counts.waiting++;
    else if (d.status === 'not-installed') counts.notInstalled++;
    else counts.pending++;
  }
  return counts;
}

async function assertCountsExact(storage: TestStorage, step: StepNumber, when: string) {
  const truth = await recount(storage, step);
  assert.deepEqual(await storage.deliveries.counts(ORG, ROUND, step), truth, when);
  return truth;
}

function outcome(claimed: Versioned<Delivery>, status: DeliveryStatus): Delivery {
  const failed = status === 'failed' || status === 'not-installed';
  return {
    ...claimed.value,
    status,
    attempts: claimed.value.attempts + 1,
    leaseOwner: undefined,
    leaseUntil: undefined,
    ...(failed
      ? { lastError: { status: 500, reason: { da: 'fejl', en: 'error' }, code: 'x' } }
      : {}),
    updatedAt: new Date().toISOString(),
  };
}

/** Another server process: its own table clients, counters and remembered rows. */
function otherProcess(storage: TestStorage, counterShards?: number): DeliveryTable {
  return new DeliveryTable(storage.rawTable('deliveries'), storage.rawTable('dispatchQueue'), {
    ...(counterShards ? { counterShards } : {}),
  });
}

const STATUSES: DeliveryStatus[] = ['sent', 'failed', 'not-installed', 'pending'];

describe('the outbox’s counters', function () {
  this.timeout(120_000);
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await testStorage();
  });

  it('equal a full recount after plan, outcomes, a resend, an erasure and a second process writing at once', async () => {
    const a = storage.deliveries;
    const b = otherProcess(storage);
    // 180 cards of the step plus reminders and agreement reminders, which are not counted.
    await a.plan([
      ...Array.from({ length: 150 }, (_, i) => row(i)),
      ...Array.from({ length: 30 }, (_, i) => row(1000 + i, 'leader')),
      ...Array.from({ length: 20 }, (_, i) => row(i, 'reminder')),
      ...Array.from({ length: 5 }, (_, i) => row(i, 'agreement', 3, `p${i} a${i} 2027-05-01`)),
    ]);
    assert.deepEqual(await assertCountsExact(storage, 3, 'after the launch'), {
      sent: 0,
      pending: 180,
      failed: 0,
      waiting: 0,
      notInstalled: 0,
    });
    // A repeated launch (with ten new people) adds only the new rows.
    assert.deepEqual(await b.plan([...Array.from({ length: 160 }, (_, i) => row(i))]), {
      created: 10,
      existing: 150,
    });
    await assertCountsExact(storage, 3, 'after the second launch');

    // Two dispatchers record outcomes at the same time, each in its own process.
    const mine = await a.claimDue('a', new Date(), 60_000, 80);
    await Promise.all([
      ...mine.map((c, i) => a.save(outcome(c, STATUSES[i % 4]!), c.etag)),
      (async () => {
        const theirs = await b.claimDue('b', new Date(), 60_000, 60);
        assert.ok(theirs.length > 0, 'the second process got rows too');
        await Promise.all(theirs.map((c, i) => b.save(outcome(c, STATUSES[(i + 1) % 4]!), c.etag)));
      })(),
    ]);
    const afterSends = await assertCountsExact(storage, 3, 'after the outcomes');
    assert.ok(afterSends.sent > 0 && afterSends.failed > 0 && afterSends.notInstalled > 0);

    // HR resends to the failed while the other process records more outcomes.
    const more = await b.claimDue('b', new Date(), 60_000, 40);
    const [requeued] = await Promise.all([
      a.moveStatus(ORG, ROUND, 3, 'failed', 'pending', new Date()),
      ...more.map((c, i) => b.save(outcome(c, STATUSES[i % 4]!), c.etag)),
    ]);
    assert.ok(requeued >= afterSends.failed, `${requeued} requeued`);
    await assertCountsExact(storage, 3, 'after the resend');

    // Erasure of people in every state, some of them being sent to at that moment.
    const inFlight = await a.claimDue('a', new Date(), 60_000, 10);
    const erased = Array.from({ length: 40 }, (_, i) => row(i * 4));
    const [removed] = await Promise.all([
      b.remove([...erased, row(0, 'reminder'), row(99_999)]),
      ...inFlight.map((c) => a.save(outcome(c, 'sent'), c.etag).catch(() => undefined)),
    ]);
    assert.equal(removed, 41, 'the 40 cards and the reminder, not the unknown row');
    const rest = await storage.deliveries.list(ORG, ROUND, 3);
    assert.equal(rest.filter((d) => d.audience === 'employee').length, 160 - 40);
    await assertCountsExact(storage, 3, 'after the erasure');
    // The other process, with its own remembered counter states, reads the same.
    assert.deepEqual(await b.counts(ORG, ROUND, 3), await recount(storage, 3));
  });

  it('stay right when a transaction loses the race for a counter shard, or a row’s lease was lost', async () => {
    // One shard each, so every save of the two processes contends for the same counter row.
    const a = otherProcess(storage, 1);
    const b = otherProcess(storage, 1);
    await a.plan(Array.from({ length: 120 }, (_, i) => row(i)));
    const mine = await a.claimDue('a', new Date(), 60_000, 60);
    const theirs = await b.claimDue('b', new Date(), 60_000, 60);
    assert.equal(mine.length + theirs.length, 120);
    await Promise.all([
      ...mine.map((c, i) => a.save(outcome(c, STATUSES[i % 3]!), c.etag)),
      ...theirs.map((c, i) => b.save(outcome(c, STATUSES[(i + 2) % 3]!), c.etag)),
    ]);
    await assertCountsExact(storage, 3, 'after 120 contended saves');

    // A lease runs out; another process takes the row over and records it; the first one's save,
    // batched with saves of rows it still holds, is refused alone and counts nothing.
    await a.moveStatus(ORG, ROUND, 3, 'failed', 'pending', new Date());
    const t0 = new Date();
    const [lost] = await a.claimDue('a', t0, 1_000, 1);
    const kept = await a.claimDue('a', t0, 60_000, 10);
    assert.ok(lost && kept.length >= 2);
    const later = new Date(t0.getTime() + 1_001);
    const takenOver = (await b.claimDue('b', later, 60_000, 100)).find(
      (c) => c.value.recipientEmail === lost.value.recipientEmail,
    );
    assert.ok(takenOver, 'the other process took the expired row');
    await b.save(outcome(takenOver, 'sent'), takenOver.etag);
    // Started together, the first save goes alone and the rest wait for one transaction together.
    const [first, ...others] = kept;
    const results = await Promise.allSettled([
      a.save(outcome(first!, 'not-installed'), first!.etag),
      a.save(outcome(lost, 'failed'), lost.etag),
      ...others.map((c) => a.save(outcome(c, 'not-installed'), c.etag)),
    ]);
    assert.ok(results[1].status === 'rejected' && results[1].reason instanceof ConflictError);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, kept.length);
    const stored = await storage.deliveries.list(ORG, ROUND, 3);
    assert.equal(
      stored.find((d) => d.recipientEmail === lost.value.recipientEmail)?.status,
      'sent',
      'the takeover’s outcome stays',
    );
    await assertCountsExact(storage, 3, 'after the lost lease');
  });

  it('saves a row claimed by another process with that claim’s ETag', async () => {
    await storage.deliveries.plan([row(1), row(2)]);
    const claimed = await storage.deliveries.claimDue('a', new Date(), 60_000, 2);
    // A process that remembers nothing about the row reads it, and the ETags agree.
    const fresh = otherProcess(storage);
    await fresh.save(outcome(claimed[0]!, 'sent'), claimed[0]!.etag);
    await assert.rejects(
      fresh.save(outcome(claimed[0]!, 'failed'), claimed[0]!.etag),
      ConflictError,
    );
    assert.deepEqual(await fresh.counts(ORG, ROUND, 3), {
      sent: 1,
      pending: 1,
      failed: 0,
      waiting: 0,
      notInstalled: 0,
    });
  });

  it('count a step written before the counters existed by one scan, and exactly from then on', async () => {
    // Rows as the outbox wrote them before: no counter rows in the partition.
    const raw = storage.rawTable('deliveries');
    const pk = deliveryPartition(ORG, ROUND, 2);
    const statuses: DeliveryStatus[] = ['sent', 'sent', 'failed', 'not-installed', 'pending'];
    for (let i = 0; i < 25; i++) {
      const d = { ...row(i, 'employee', 2), status: statuses[i % 5]! };
      await raw.createEntity({
        partitionKey: pk,
        rowKey: joinKey('employee', d.recipientEmail),
        orgId: d.orgId,
        roundId: d.roundId,
        step: d.step,
        audience: d.audience,
        recipientEmail: d.recipientEmail,
        status: d.status,
        attempts: d.status === 'pending' ? 0 : 1,
        notBefore: d.notBefore,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      });
    }
    await storage.rawTable('dispatchQueue').upsertEntity({ partitionKey: 'active', rowKey: pk });
    const a = storage.deliveries;
    const b = otherProcess(storage);
    // The new code writes to the old partition before anyone has counted it.
    const claimed = await b.claimDue('b', new Date(), 60_000, 2);
    await b.save(outcome(claimed[0]!, 'sent'), claimed[0]!.etag);
    assert.deepEqual(await assertCountsExact(storage, 2, 'the first count'), {
      sent: 11,
      pending: 4,
      failed: 5,
      waiting: 0,
      notInstalled: 5,
    });
    const counterRows = (await storage.rawEntities('deliveries')).filter((e) =>
      isCounterRowKey(e.rowKey),
    );
    assert.ok(
      counterRows.some((e) => e.rowKey === '!count|base'),
      'the baseline is kept',
    );
    await b.save(outcome(claimed[1]!, 'failed'), claimed[1]!.etag);
    await a.moveStatus(ORG, ROUND, 2, 'failed', 'pending', new Date());
    await a.remove([row(0, 'employee', 2), row(2, 'employee', 2)]);
    await a.plan([row(500, 'employee', 2)]);
    await assertCountsExact(storage, 2, 'after writes in the old partition');
  });

  it('leave the counter rows out of everything that lists or sends cards', async () => {
    await storage.deliveries.plan([row(1), row(2, 'leader')]);
    await storage.deliveries.counts(ORG, ROUND, 3);
    const listed = await storage.deliveries.list(ORG, ROUND, 3);
    assert.deepEqual(listed.map((d) => d.recipientEmail).sort(), [
      'p1@example.dk',
      'p2@example.dk',
    ]);
    const claimed = await storage.deliveries.claimDue('a', new Date(), 60_000, 10);
    assert.equal(claimed.length, 2);
    for (const c of claimed) await storage.deliveries.save(outcome(c, 'sent'), c.etag);
    assert.equal(await storage.deliveries.nextDueAt(), undefined);
  });
});
