import { strict as assert } from 'node:assert';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TableClient } from '@azure/data-tables';
import { startAzurite, type EmbeddedAzurite } from '../../../bot/storage/embedded-azurite.js';

/*
 * The embedded Azurite as `npm start` runs it, keeping its data on disk: rows are saved as a journal
 * of changes (bot/storage/azurite-journal.ts). What a user relies on: whatever was written is there
 * after a restart, and after a crash of the emulator too (all but the last half second).
 */

const DATABASE = '__azurite_db_table__.json';
const JOURNAL = `${DATABASE}.journal`;
/** Longer than the journal's save interval (500 ms) with room for a slow machine. */
const SAVED = 2_000;

function table(azurite: EmbeddedAzurite, name: string): TableClient {
  return TableClient.fromConnectionString(azurite.connectionString, name, {
    allowInsecureConnection: true,
  });
}

async function rows(client: TableClient): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for await (const entity of client.listEntities<{ text: string }>()) {
    found.set(`${entity.partitionKey}/${entity.rowKey}`, entity.text);
  }
  return found;
}

/** Inserts 40 rows, changes ten, deletes five and replaces one: what the rows must be after. */
async function writeSome(client: TableClient): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  for (let i = 0; i < 40; i++) {
    await client.createEntity({ partitionKey: `p${i % 3}`, rowKey: `r${i}`, text: `første ${i}` });
    expected.set(`p${i % 3}/r${i}`, `første ${i}`);
  }
  for (let i = 0; i < 10; i++) {
    await client.updateEntity(
      { partitionKey: `p${i % 3}`, rowKey: `r${i}`, text: `ændret ${i}` },
      'Merge',
    );
    expected.set(`p${i % 3}/r${i}`, `ændret ${i}`);
  }
  for (let i = 10; i < 15; i++) {
    await client.deleteEntity(`p${i % 3}`, `r${i}`);
    expected.delete(`p${i % 3}/r${i}`);
  }
  await client.upsertEntity({ partitionKey: 'p0', rowKey: 'r15', text: 'erstattet' }, 'Replace');
  expected.set('p0/r15', 'erstattet');
  return expected;
}

function crash(azurite: EmbeddedAzurite): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      try {
        process.kill(azurite.pid, 0);
        setTimeout(check, 50);
      } catch {
        resolve();
      }
    };
    process.kill(azurite.pid, 'SIGKILL');
    check();
  });
}

describe('embedded Azurite on disk (journal of changes)', function () {
  this.timeout(60_000);
  let location: string;
  let running: EmbeddedAzurite | undefined;

  beforeEach(() => {
    location = mkdtempSync(join(tmpdir(), 'mus-azurite-disk-'));
  });
  afterEach(async () => {
    await stop();
    rmSync(location, { recursive: true, force: true });
  });

  async function start(): Promise<EmbeddedAzurite> {
    running = await startAzurite({ location });
    return running;
  }

  /** Stops the running emulator as Ctrl-C does (SIGINT: it saves first). */
  async function stop(): Promise<void> {
    await running?.stop();
    running = undefined;
  }

  /**
   * Starts the emulator and writes rows into a new table: the rows written. The table is created
   * (which writes the whole file) and saved first, so the rows themselves go to the journal.
   */
  async function startWithRows(name: string): Promise<Map<string, string>> {
    const azurite = await start();
    const client = table(azurite, name);
    await client.createTable();
    await sleep(SAVED);
    return writeSome(client);
  }

  /** Writes rows into a new table, waits until they are saved, kills the emulator: the rows written. */
  async function writeThenCrash(name: string): Promise<Map<string, string>> {
    const expected = await startWithRows(name);
    await sleep(SAVED);
    await crash(running!);
    running = undefined;
    return expected;
  }

  it('saves changed rows to the journal, not the whole database, and has them after a restart', async () => {
    const first = await start();
    const client = table(first, 'skemas');
    await client.createTable();
    await sleep(SAVED);
    const databaseBefore = statSync(join(location, DATABASE)).mtimeMs;
    const expected = await writeSome(client);
    await sleep(SAVED);

    const journal = readFileSync(join(location, JOURNAL), 'utf8');
    assert.match(journal, /ændret 3/, 'the changed row is in the journal');
    assert.match(journal, /erstattet/);
    assert.equal(
      statSync(join(location, DATABASE)).mtimeMs,
      databaseBefore,
      'row changes do not rewrite the whole database file',
    );

    await stop();
    const second = await start();
    assert.deepEqual(await rows(table(second, 'skemas')), expected);
  });

  it('has every row written right before a normal stop (SIGINT), with no pause to save', async () => {
    const expected = await startWithRows('conversations');
    await stop();

    const second = await start();
    assert.deepEqual(await rows(table(second, 'conversations')), expected);
  });

  it('has every row written before a crash of the emulator (killed, no chance to save)', async () => {
    const expected = await writeThenCrash('deliveries');
    const second = await start();
    assert.deepEqual(await rows(table(second, 'deliveries')), expected);
    // Writing goes on after the restart, and that survives the next crash too.
    await table(second, 'deliveries').createEntity({
      partitionKey: 'p9',
      rowKey: 'ny',
      text: 'ny',
    });
    expected.set('p9/ny', 'ny');
    await sleep(SAVED);
    await crash(second);
    running = undefined;
    const third = await start();
    assert.deepEqual(await rows(table(third, 'deliveries')), expected);
  });

  it('ignores a last journal line cut short by a crash and keeps every row before it', async () => {
    const expected = await writeThenCrash('people');
    appendFileSync(
      join(location, JOURNAL),
      '{"name":"devstoreaccount1$people","operation":"I","ob',
    );

    const second = await start();
    assert.deepEqual(await rows(table(second, 'people')), expected);
  });

  it('ignores a journal that belongs to an older database file (its rows are in the file already)', async () => {
    const expected = await startWithRows('rounds');
    await sleep(SAVED);
    await stop();
    const oldJournal = readFileSync(join(location, JOURNAL), 'utf8');

    // A row the old journal inserted is deleted, and a restart writes the whole file without it.
    await start();
    await table(running!, 'rounds').deleteEntity('p0', 'r0');
    expected.delete('p0/r0');
    await stop();
    await start();
    await stop();
    // As if the machine stopped after that file was written, before its own journal began: the old
    // journal must not be applied to it (it would bring the deleted row back).
    writeFileSync(join(location, JOURNAL), oldJournal);
    const last = await start();
    assert.deepEqual(await rows(table(last, 'rounds')), expected);
  });
});
