import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { StoredConversation } from '../../../bot/mus/repositories.js';
import { RecipientDirectory } from '../../../bot/rollout/recipient-directory.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { ORG, person } from '../storage/storage-fixtures.js';

/*
 * The rollout's lookups of recipients and their chats: point reads while an organisation is quiet, a
 * snapshot read in a few range reads once it is busy, never older than its lifetime, and never hiding
 * someone added or a chat created after it was taken.
 */

function chat(email: string, userId: string): StoredConversation {
  return {
    orgId: ORG,
    personEmail: email,
    key: `personal:${userId}`,
    reference: { conversation: { id: `a:${userId}` }, user: { id: userId } },
    updatedAt: '2026-03-02T09:00:00.000Z',
  };
}

describe('the recipient directory of the rollout', () => {
  let storage: TestStorage;
  let clock: number;
  let directory: RecipientDirectory;

  beforeEach(async () => {
    storage = await testStorage();
    clock = 1_000_000;
    const { people, conversations } = storage.repositories;
    await people.upsertRoster(ORG, [
      person('anna@kommune.dk', { name: 'Anna' }),
      person('bo@kommune.dk', { name: 'Bo' }),
    ]);
    await conversations.put(chat('anna@kommune.dk', '29:anna'));
    directory = new RecipientDirectory(storage.repositories, {
      busyAfter: 3,
      busyWindowMs: 60_000,
      snapshotMs: 30_000,
      now: () => clock,
    });
  });

  async function rename(email: string, name: string): Promise<void> {
    const stored = await storage.repositories.people.get(ORG, email);
    assert.ok(stored);
    await storage.repositories.people.upsertRoster(ORG, [
      { ...stored.value, name },
      ...(await storage.repositories.people.list(ORG)).filter((p) => p.email !== email),
    ]);
  }

  /** Looks `email` up until the directory shows `expected` (a background renewal finished). */
  async function nameOnceRenewed(email: string, expected: string): Promise<string | undefined> {
    let name: string | undefined;
    for (let i = 0; i < 100 && name !== expected; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      name = (await directory.person(ORG, email))?.name;
    }
    return name;
  }

  it('while an organisation is quiet, every lookup reads storage and sees changes at once', async () => {
    assert.equal((await directory.person(ORG, 'anna@kommune.dk'))?.name, 'Anna');
    await rename('anna@kommune.dk', 'Anna Holm');
    assert.equal((await directory.person(ORG, 'anna@kommune.dk'))?.name, 'Anna Holm');
    assert.equal(await directory.conversation(ORG, 'bo@kommune.dk'), undefined);
  });

  it('once busy it answers from a snapshot until the snapshot is older than its lifetime', async () => {
    for (let i = 0; i < 3; i++) await directory.person(ORG, 'bo@kommune.dk');
    // The fourth lookup within the minute takes the snapshot.
    assert.equal((await directory.person(ORG, 'anna@kommune.dk'))?.name, 'Anna');
    assert.deepEqual(
      await directory.conversation(ORG, 'anna@kommune.dk'),
      chat('anna@kommune.dk', '29:anna'),
    );
    await rename('anna@kommune.dk', 'Anna Holm');
    clock += 29_000;
    assert.equal((await directory.person(ORG, 'anna@kommune.dk'))?.name, 'Anna', 'snapshot used');
    clock += 2_000;
    // Past its lifetime the snapshot is renewed in the background; the old one answers meanwhile.
    assert.equal((await directory.person(ORG, 'anna@kommune.dk'))?.name, 'Anna', 'still answering');
    assert.equal(await nameOnceRenewed('anna@kommune.dk', 'Anna Holm'), 'Anna Holm', 'renewed');
  });

  it('a slow renewal never stops the lookups, and only one read of the roster runs at a time', async () => {
    for (let i = 0; i < 4; i++) await directory.person(ORG, 'anna@kommune.dk');
    const reads = sinon.spy(storage.repositories.people, 'list');
    try {
      clock += 31_000;
      // Many lookups while the renewal is under way: all answered from the old snapshot at once.
      const names = await Promise.all(
        Array.from({ length: 20 }, () => directory.person(ORG, 'bo@kommune.dk')),
      );
      assert.deepEqual(new Set(names.map((p) => p?.name)), new Set(['Bo']));
      clock += 31_000;
      await directory.person(ORG, 'bo@kommune.dk');
      assert.equal(reads.callCount, 1, 'one read, however many lookups and expiries meanwhile');
    } finally {
      reads.restore();
    }
  });

  it('someone added or a chat created after the snapshot is still found', async () => {
    for (let i = 0; i < 4; i++) await directory.person(ORG, 'anna@kommune.dk');
    await storage.repositories.people.upsertRoster(ORG, [
      ...(await storage.repositories.people.list(ORG)),
      person('carl@kommune.dk', { name: 'Carl' }),
    ]);
    await storage.repositories.conversations.put(chat('bo@kommune.dk', '29:bo'));
    assert.equal((await directory.person(ORG, 'carl@kommune.dk'))?.name, 'Carl');
    assert.deepEqual(
      await directory.conversation(ORG, 'bo@kommune.dk'),
      chat('bo@kommune.dk', '29:bo'),
    );
    assert.equal(await directory.person(ORG, 'nobody@kommune.dk'), undefined);
  });

  it('a chat the rollout created itself is remembered in the snapshot', async () => {
    for (let i = 0; i < 4; i++) await directory.person(ORG, 'anna@kommune.dk');
    const created = chat('bo@kommune.dk', '29:bo');
    await storage.repositories.conversations.put(created);
    directory.remember(created);
    // Gone from storage (e.g. the app was removed meanwhile): the snapshot still has what we made.
    await storage.repositories.conversations.remove(ORG, created.key);
    assert.deepEqual(await directory.conversation(ORG, 'bo@kommune.dk'), created);
  });

  it('organisations are counted apart: one busy organisation does not make another use a snapshot', async () => {
    for (let i = 0; i < 5; i++) await directory.person(ORG, 'anna@kommune.dk');
    await storage.repositories.people.upsertRoster('tenant-2', [
      { ...person('x@firma.dk', { name: 'X' }), orgId: 'tenant-2' },
    ]);
    assert.equal((await directory.person('tenant-2', 'x@firma.dk'))?.name, 'X');
    await storage.repositories.people.upsertRoster('tenant-2', [
      { ...person('x@firma.dk', { name: 'X Nielsen' }), orgId: 'tenant-2' },
    ]);
    assert.equal((await directory.person('tenant-2', 'x@firma.dk'))?.name, 'X Nielsen');
    assert.equal(await directory.person(ORG, 'x@firma.dk'), undefined);
  });
});
