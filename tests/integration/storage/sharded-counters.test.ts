import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { odata, TableClient } from '@azure/data-tables';
import { ShardedCounters } from '../../../bot/storage/sharded-counters.js';
import { statusOf } from '../../../bot/storage/table-operations.js';
import { testStorage } from '../../helpers/azurite.js';

const PK = 'org|round|1';

/** A table of its own, and a client per "process" on it. */
async function table(): Promise<() => TableClient> {
  const { connectionString } = await testStorage();
  const name = `counters${randomBytes(4).toString('hex')}`;
  const client = () =>
    TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection: true });
  await client().createTable();
  return client;
}

async function rowsIn(client: TableClient): Promise<number> {
  let n = 0;
  for await (const row of client.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${PK}` },
  })) {
    if (!String(row.rowKey).startsWith('!')) n += 1;
  }
  return n;
}

describe('sharded counters kept beside the rows they count', function () {
  this.timeout(60_000);

  it('add a change only together with the rows; a refused row leaves the count alone', async () => {
    const client = await table();
    const counters = new ShardedCounters(client(), ['items']);
    await counters.markNew(PK);
    await counters.commit(PK, [['create', { partitionKey: PK, rowKey: 'a' }]], { items: 1 });
    const error: unknown = await counters
      .commit(PK, [['create', { partitionKey: PK, rowKey: 'a' }]], { items: 1 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.equal(statusOf(error), 409, 'the service’s own refusal is handed back');
    assert.deepEqual(await counters.read(PK), { counts: { items: 1 }, baselined: true });
  });

  it('take a baseline exactly while another process adds rows during the scan', async () => {
    const client = await table();
    const raw = client();
    // Five rows from before the counters, then two counted ones.
    for (let i = 0; i < 5; i++) await raw.createEntity({ partitionKey: PK, rowKey: `old${i}` });
    const mine = new ShardedCounters(client(), ['items']);
    const theirs = new ShardedCounters(client(), ['items']);
    for (const rk of ['new0', 'new1']) {
      await theirs.commit(PK, [['create', { partitionKey: PK, rowKey: rk }]], { items: 1 });
    }
    let scans = 0;
    const taken = await mine.takeBaseline(PK, async () => {
      scans += 1;
      // The first time, a row lands after the shards were read and before the scan counts it.
      if (scans === 1) {
        await theirs.commit(PK, [['create', { partitionKey: PK, rowKey: 'during' }]], {
          items: 1,
        });
      }
      return { items: await rowsIn(raw) };
    });
    assert.equal(taken.ok, true);
    assert.equal(scans, 2, 'the first baseline was refused and the scan repeated');
    assert.deepEqual(await mine.read(PK), { counts: { items: 8 }, baselined: true });
    await theirs.commit(PK, [['create', { partitionKey: PK, rowKey: 'after' }]], { items: 1 });
    assert.equal((await mine.read(PK)).counts.items, await rowsIn(raw));
  });

  it('give up on a baseline while writers keep changing the counts, and count nothing wrong', async () => {
    const client = await table();
    const raw = client();
    await raw.createEntity({ partitionKey: PK, rowKey: 'old' });
    const mine = new ShardedCounters(client(), ['items']);
    const theirs = new ShardedCounters(client(), ['items']);
    let n = 0;
    const taken = await mine.takeBaseline(PK, async () => {
      await theirs.commit(PK, [['create', { partitionKey: PK, rowKey: `w${n++}` }]], {
        items: 1,
      });
      return { items: await rowsIn(raw) };
    });
    assert.equal(taken.ok, false);
    assert.deepEqual(taken.scanned, { items: await rowsIn(raw) });
    assert.equal((await mine.read(PK)).baselined, false);
  });
});
