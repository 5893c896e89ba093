import assert from 'node:assert/strict';
import { ConflictError } from '../../../bot/mus/errors.js';
import { newDelivery, type Delivery } from '../../../bot/rollout/delivery.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';

const ORG = 'org-a';
const ROUND = 'mus-2027-abc123';

function rows(n: number, step: 1 | 2 = 2, at = new Date()): Delivery[] {
  return Array.from({ length: n }, (_, i) =>
    newDelivery(
      {
        orgId: ORG,
        roundId: ROUND,
        step,
        audience: 'employee',
        recipientEmail: `p${i}@example.dk`,
      },
      at,
    ),
  );
}

describe('the outbox table', function () {
  this.timeout(60_000);
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await testStorage();
  });

  it('plans 250 rows at once, and a second launch of the same rows creates none', async () => {
    assert.deepEqual(await storage.deliveries.plan(rows(250)), { created: 250, existing: 0 });
    assert.deepEqual(await storage.deliveries.plan(rows(250)), { created: 0, existing: 250 });
    assert.equal((await storage.deliveries.list(ORG, ROUND, 2)).length, 250);
  });

  it('plans only the missing rows when some are there already', async () => {
    await storage.deliveries.plan(rows(30).slice(10, 20));
    assert.deepEqual(await storage.deliveries.plan(rows(30)), { created: 20, existing: 10 });
  });

  it('lets two dispatchers claiming at the same moment share the rows without overlap', async () => {
    await storage.deliveries.plan(rows(150));
    const now = new Date();
    const [a, b] = await Promise.all([
      storage.deliveries.claimDue('a', now, 60_000, 150),
      storage.deliveries.claimDue('b', now, 60_000, 150),
    ]);
    const keys = [...a, ...b].map((r) => r.value.recipientEmail);
    assert.equal(new Set(keys).size, keys.length, 'no row claimed twice');
    assert.equal(keys.length, 150, 'every row claimed once');
    const stored = await storage.deliveries.list(ORG, ROUND, 2);
    for (const row of stored) assert.equal(row.status, 'sending');
  });

  it('returns claims whose ETags save the outcome, and refuses a save with a stale one', async () => {
    await storage.deliveries.plan(rows(3));
    const claimed = await storage.deliveries.claimDue('a', new Date(), 60_000, 3);
    assert.equal(claimed.length, 3);
    const first = claimed[0]!;
    await storage.deliveries.save({ ...first.value, status: 'sent', activityId: 'x' }, first.etag);
    await assert.rejects(
      storage.deliveries.save({ ...first.value, status: 'failed' }, first.etag),
      ConflictError,
    );
    assert.deepEqual(await storage.deliveries.counts(ORG, ROUND, 2), {
      sent: 1,
      pending: 2,
      failed: 0,
      waiting: 0,
      notInstalled: 0,
    });
  });

  it('gives a crashed dispatcher’s rows to another once their lease has run out', async () => {
    await storage.deliveries.plan(rows(5));
    const now = new Date();
    assert.equal((await storage.deliveries.claimDue('dead', now, 1000, 5)).length, 5);
    assert.equal((await storage.deliveries.claimDue('alive', now, 1000, 5)).length, 0);
    const later = new Date(now.getTime() + 1001);
    const taken = await storage.deliveries.claimDue('alive', later, 1000, 5);
    assert.equal(taken.length, 5);
    for (const row of taken) assert.equal(row.value.leaseOwner, 'alive');
  });

  it('requeues only failed rows when HR resends, not sent or not-installed ones', async () => {
    await storage.deliveries.plan(rows(3));
    const [a, b, c] = await storage.deliveries.claimDue('a', new Date(), 60_000, 3);
    const reason = { da: 'fejl', en: 'error' };
    await storage.deliveries.save({ ...a!.value, status: 'sent' }, a!.etag);
    await storage.deliveries.save(
      { ...b!.value, status: 'failed', lastError: { status: 500, reason, code: 'service_error' } },
      b!.etag,
    );
    await storage.deliveries.save(
      { ...c!.value, status: 'not-installed', lastError: { status: 403, reason, code: 'x' } },
      c!.etag,
    );
    assert.equal(
      await storage.deliveries.moveStatus(ORG, ROUND, 2, 'failed', 'pending', new Date()),
      1,
    );
    const requeued = await storage.deliveries.claimDue('a', new Date(), 60_000, 10);
    assert.deepEqual(
      requeued.map((r) => r.value.recipientEmail),
      [b!.value.recipientEmail],
    );
    assert.equal(requeued[0]!.value.attempts, 0);
  });
});
