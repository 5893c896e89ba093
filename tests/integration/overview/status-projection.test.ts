import assert from 'node:assert/strict';
import { ConflictError } from '../../../bot/mus/errors.js';
import type { SkemaRepository, SkemaStatusTally } from '../../../bot/mus/repositories.js';
import {
  finalise,
  saveAnswers,
  SKEMA_STATUSES,
  startTalk,
  type Skema,
} from '../../../bot/mus/skema.js';
import { testStorage } from '../../helpers/azurite.js';
import { NOW, ORG, skema } from '../storage/storage-fixtures.js';

/*
 * The status projection HR's overview reads (count rows in the skemas' partition) against the truth
 * it summarises: every skema read in full. Concurrent writes to one team are the hard case, since
 * they all rewrite the same count row.
 */

const ROUND = 'mus-2026';
const LEADER = 'leder@kommune.dk';
const OTHER_LEADER = 'anden.leder@kommune.dk';

function inDepartment(email: string, department: string, leader = LEADER): Skema {
  return { ...skema(email, leader, ROUND), department };
}

/** The tally as comparable text: `leader|department|sent,prepared,held,finalised,acknowledged`. */
function describeTally(tallies: SkemaStatusTally[]): string[] {
  return tallies
    .map(
      (t) =>
        `${t.leaderEmail}|${t.department}|${SKEMA_STATUSES.map((s) => t.byStatus[s]).join(',')}`,
    )
    .sort();
}

async function truth(skemas: SkemaRepository): Promise<string[]> {
  const rows = new Map<string, SkemaStatusTally>();
  for (const s of await skemas.listByRound(ORG, ROUND)) {
    const key = `${s.leaderEmail}|${s.department ?? ''}`;
    const row = rows.get(key) ?? {
      leaderEmail: s.leaderEmail,
      department: s.department ?? '',
      byStatus: { sent: 0, prepared: 0, held: 0, finalised: 0, acknowledged: 0 },
    };
    row.byStatus[s.status] += 1;
    rows.set(key, row);
  }
  return describeTally([...rows.values()]);
}

describe('the skema status projection behind HR’s overview', function () {
  this.timeout(60_000);
  let skemas: SkemaRepository;

  beforeEach(async () => {
    skemas = (await testStorage()).repositories.skemas;
  });

  it('thirty skemas of one team created at the same moment are all counted', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `m${i}@kommune.dk`);
    const results = await Promise.all(
      emails.map((e) => skemas.createIfAbsent(inDepartment(e, 'Drift'))),
    );
    assert.ok(results.every((r) => r.created));
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), [
      `${LEADER}|Drift|30,0,0,0,0`,
    ]);
  });

  it('a whole round created at once is counted exactly, and creating it again adds nothing', async () => {
    const all = Array.from({ length: 75 }, (_, n) =>
      inDepartment(`m${n}@kommune.dk`, n % 3 ? 'Drift' : 'Løn', n % 5 ? LEADER : OTHER_LEADER),
    );
    // One of them exists already, so its team's transaction falls back to one by one.
    await skemas.createIfAbsent(all[7]!);
    assert.equal(await skemas.createMany([...all, all[3]!]), 74);
    assert.equal((await skemas.listByRound(ORG, ROUND)).length, 75);
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), await truth(skemas));
    assert.equal(await skemas.createMany(all), 0);
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), await truth(skemas));
    assert.equal((await skemas.listByLeader(ORG, ROUND, OTHER_LEADER)).length, 15);
  });

  it('creating a skema that exists again counts it once', async () => {
    await skemas.createIfAbsent(inDepartment('a@kommune.dk', 'Drift'));
    const again = await skemas.createIfAbsent(inDepartment('a@kommune.dk', 'Drift'));
    assert.equal(again.created, false);
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), [
      `${LEADER}|Drift|1,0,0,0,0`,
    ]);
  });

  it('status changes of many skemas of one team at once keep the counts exact', async () => {
    const emails = Array.from({ length: 20 }, (_, i) => `m${i}@kommune.dk`);
    for (const e of emails)
      await skemas.createIfAbsent(inDepartment(e, i(e) % 2 ? 'Drift' : 'Løn'));
    const stored = await skemas.listByLeader(ORG, ROUND, LEADER);
    await Promise.all(
      stored.map(async (s, n) => {
        const by = s.value.leaderEmail;
        const next =
          n % 3 === 0
            ? saveAnswers(s.value, {}, { submit: true, by, now: NOW })
            : n % 3 === 1
              ? startTalk(s.value, { by, now: NOW })
              : finalise(s.value, { by, now: NOW });
        await skemas.update(next, s.etag);
      }),
    );
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), await truth(skemas));
  });

  it('a stale update is refused and changes no count', async () => {
    const { skema: created } = await skemas.createIfAbsent(inDepartment('a@kommune.dk', 'Drift'));
    await skemas.update(startTalk(created.value, { by: LEADER, now: NOW }), created.etag);
    await assert.rejects(
      skemas.update(finalise(created.value, { by: LEADER, now: NOW }), created.etag),
      ConflictError,
    );
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), [
      `${LEADER}|Drift|0,0,1,0,0`,
    ]);
  });

  it('moving a skema to another leader moves its count, and removing it takes the count off', async () => {
    const { skema: created } = await skemas.createIfAbsent(inDepartment('a@kommune.dk', 'Drift'));
    await skemas.createIfAbsent(inDepartment('b@kommune.dk', 'Drift'));
    await skemas.update({ ...created.value, leaderEmail: OTHER_LEADER }, created.etag);
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), [
      `${OTHER_LEADER}|Drift|1,0,0,0,0`,
      `${LEADER}|Drift|1,0,0,0,0`,
    ]);
    await skemas.remove(ORG, ROUND, 'a@kommune.dk');
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), [
      `${LEADER}|Drift|1,0,0,0,0`,
    ]);
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), await truth(skemas));
  });

  it('keeps departments and leaders with awkward characters apart', async () => {
    await skemas.createIfAbsent(inDepartment('a@kommune.dk', 'Drift|Vand'));
    await skemas.createIfAbsent(inDepartment('b@kommune.dk', 'Drift', 'le|der@kommune.dk'));
    await skemas.createIfAbsent(inDepartment('c@kommune.dk', '=HYPERLINK("x")#/?'));
    assert.deepEqual(describeTally(await skemas.statusTally(ORG, ROUND)), await truth(skemas));
    assert.equal((await skemas.statusTally(ORG, ROUND)).length, 3);
  });
});

/** A stable small number from an email, to spread skemas over departments. */
function i(email: string): number {
  return Number(/\d+/.exec(email)?.[0] ?? 0);
}
