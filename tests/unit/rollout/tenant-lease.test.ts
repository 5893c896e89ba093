import assert from 'node:assert/strict';
import {
  TenantLeases,
  TEAMS_RATE_WINDOW_MS,
  type TenantLeaseRow,
  type TenantLeaseStore,
} from '../../../bot/rollout/tenant-lease.js';
import { memoryLogger } from '../../helpers/memory-logger.js';

/** The lease rows as storage keeps them: every write guarded by the row's ETag. */
class LeaseRows implements TenantLeaseStore {
  private readonly rows = new Map<string, TenantLeaseRow>();
  private version = 0;
  failWrites = false;

  read(orgId: string): Promise<TenantLeaseRow | undefined> {
    const row = this.rows.get(orgId);
    return Promise.resolve(row ? { ...row } : undefined);
  }

  create(orgId: string, owner: string): Promise<string | undefined> {
    if (this.rows.has(orgId)) return Promise.resolve(undefined);
    return Promise.resolve(this.put(orgId, owner));
  }

  write(orgId: string, owner: string, etag: string): Promise<string | undefined> {
    if (this.failWrites) return Promise.reject(new Error('storage is not answering'));
    if (this.rows.get(orgId)?.etag !== etag) return Promise.resolve(undefined);
    return Promise.resolve(this.put(orgId, owner));
  }

  owner(orgId: string): string | undefined {
    return this.rows.get(orgId)?.owner;
  }

  private put(orgId: string, owner: string): string {
    const etag = `v${++this.version}`;
    this.rows.set(orgId, { orgId, owner, etag });
    return etag;
  }
}

const LEASE_MS = 15_000;
const ORG = 'org-a';
const nobodyBusy = () => false;

describe('tenant send leases', () => {
  let now: number;
  let rows: LeaseRows;
  const leases: TenantLeases[] = [];

  function instance(owner: string): TenantLeases {
    const made = new TenantLeases({
      store: rows,
      owner,
      leaseMs: LEASE_MS,
      now: () => now,
      log: memoryLogger().log,
    });
    leases.push(made);
    return made;
  }

  beforeEach(() => {
    now = 1_000_000;
    rows = new LeaseRows();
  });

  afterEach(async () => {
    rows.failWrites = false;
    for (const lease of leases.splice(0)) await lease.releaseAll();
  });

  it('gives a tenant to the first instance that asks, and to no other while it is renewed', async () => {
    const a = instance('a');
    const b = instance('b');

    assert.deepEqual([...(await a.hold([ORG], nobodyBusy)).keys()], [ORG]);
    for (let t = 0; t < 4; t++) {
      assert.equal((await b.hold([ORG], nobodyBusy)).size, 0, 'b never gets it');
      now += LEASE_MS / 3;
      // The holder's renewal (the timer's job) runs whenever its deadline is near.
      await a.hold([ORG], nobodyBusy);
    }
    assert.equal(rows.owner(ORG), 'a');
    assert.ok(a.sendDeadline(ORG) > now, 'a may still send');
    assert.equal(b.sendDeadline(ORG), Number.NEGATIVE_INFINITY);
  });

  it('lets another instance take over only after it has seen the lease unchanged for a whole lease', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.hold([ORG], nobodyBusy);
    const aStopsSendingAt = a.sendDeadline(ORG);
    // a dies: nobody renews. b first sees the row now, and counts from there on its own clock.
    now += 1_000;
    assert.equal((await b.hold([ORG], nobodyBusy)).size, 0);
    now += LEASE_MS - 1;
    assert.equal((await b.hold([ORG], nobodyBusy)).size, 0, 'not a millisecond early');
    now += 1;
    const taken = await b.hold([ORG], nobodyBusy);

    assert.ok(taken.has(ORG));
    assert.equal(rows.owner(ORG), 'b');
    // The old holder's last allowed request lies more than one of Teams' rate windows before
    // the new holder's first: the two never share a second.
    assert.ok(now - aStopsSendingAt > TEAMS_RATE_WINDOW_MS);
  });

  it('takes a released tenant at once, but sends only after one rate window', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.hold([ORG], nobodyBusy);
    await a.releaseAll();
    assert.equal(rows.owner(ORG), '');

    const taken = await b.hold([ORG], nobodyBusy);

    assert.equal(taken.get(ORG), now + TEAMS_RATE_WINDOW_MS);
    assert.equal(rows.owner(ORG), 'b');
  });

  it('keeps a tenant while rows of it are still in flight, and lets it go when they are done', async () => {
    const a = instance('a');
    await a.hold([ORG], nobodyBusy);
    let busy = true;

    await a.hold([], () => busy);
    assert.equal(rows.owner(ORG), 'a', 'kept while its sends are under way');
    busy = false;
    await a.hold([], () => busy);
    assert.equal(rows.owner(ORG), '', 'released once there is no more work');
  });

  it('stops sending when it cannot renew, before anyone else may start', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.hold([ORG], nobodyBusy);
    const deadline = a.sendDeadline(ORG);
    await b.hold([ORG], nobodyBusy);
    rows.failWrites = true;

    now = deadline;
    assert.equal((await a.hold([ORG], nobodyBusy)).size, 0, 'past its deadline a sends nothing');
    rows.failWrites = false;
    now += LEASE_MS;
    assert.ok(
      (await b.hold([ORG], nobodyBusy)).has(ORG),
      'b takes over once the lease has run out',
    );
    now += 1;
    assert.equal((await a.hold([ORG], nobodyBusy)).size, 0, 'a learns it lost the tenant');
    assert.equal(a.sendDeadline(ORG), Number.NEGATIVE_INFINITY);
  });

  it('refuses a lease too short to keep two holders a rate window apart', () => {
    assert.throws(
      () =>
        new TenantLeases({
          store: rows,
          owner: 'a',
          leaseMs: 5_000,
          now: () => now,
          log: memoryLogger().log,
        }),
      RangeError,
    );
  });
});
