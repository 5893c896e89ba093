import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite } from '../../../bot/storage/embedded-azurite.js';
import { openTableStorage, tableName } from '../../../bot/storage/open-table-storage.js';
import { testStorage } from '../../helpers/azurite.js';

describe('opening Table storage', () => {
  it('ping is true while the Table service answers', async () => {
    const storage = await testStorage();
    assert.equal(await storage.ping(), true);
  });

  it('opening the same tables twice is harmless: existing tables and data are kept', async () => {
    const storage = await testStorage();
    await storage.repositories.conversations.put({
      orgId: 'o',
      key: 'channel:1',
      reference: {},
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const again = await openTableStorage({
      connectionString: storage.connectionString,
      tablePrefix: storage.tablePrefix,
    });
    assert.ok(await again.repositories.conversations.get('o', 'channel:1'));
  });

  it('ping turns false within seconds once the Table service stops answering', async () => {
    const location = mkdtempSync(join(tmpdir(), 'mus-azurite-ping-'));
    const own = await startAzurite({ location, inMemory: true });
    try {
      const storage = await openTableStorage({ connectionString: own.connectionString });
      assert.equal(await storage.ping(), true);
      await own.stop();
      const started = Date.now();
      assert.equal(await storage.ping(), false);
      assert.ok(Date.now() - started < 6_000, 'ping took too long');
    } finally {
      await own.stop();
      rmSync(location, { recursive: true, force: true });
    }
  });

  it('refuses a table prefix Azure would not accept', () => {
    assert.throws(() => tableName('people', '1abc'), /not valid/);
    assert.throws(() => tableName('people', 'with-dash'), /not valid/);
    assert.throws(() => tableName('evaluationReceipts', 'x'.repeat(50)), /not valid/);
    assert.equal(tableName('people', 'tAbc123'), 'tAbc123people');
  });
});
