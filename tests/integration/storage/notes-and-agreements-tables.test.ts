import assert from 'node:assert/strict';
import { newAgreement } from '../../../bot/mus/agreement.js';
import { ConflictError } from '../../../bot/mus/errors.js';
import type { PrivateNote } from '../../../bot/mus/skema.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { NOW, ORG } from './storage-fixtures.js';

const ROUND = 'mus-2026';

function note(text: string, employeeEmail = 'anna@kommune.dk'): PrivateNote {
  return {
    orgId: ORG,
    roundId: ROUND,
    employeeEmail,
    leaderEmail: 'boss@kommune.dk',
    text,
    updatedAt: NOW.toISOString(),
  };
}

function agreement(id: string, employeeEmail = 'anna@kommune.dk') {
  return newAgreement({
    orgId: ORG,
    roundId: ROUND,
    employeeEmail,
    id,
    what: `Aftale ${id}`,
    ownerEmail: employeeEmail,
    dueDate: '2026-09-01',
    now: NOW,
  });
}

describe('private notes and agreements in Table storage', () => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await testStorage();
  });

  it('a private note is created, read back, updated with its version and removed', async () => {
    const { privateNotes } = storage.repositories;
    const created = await privateNotes.save(note('Første tanker'), undefined);
    assert.deepEqual(await privateNotes.get(ORG, ROUND, 'anna@kommune.dk'), created);
    const updated = await privateNotes.save(note('Bedre tanker'), created.etag);
    assert.deepEqual(await privateNotes.get(ORG, ROUND, 'anna@kommune.dk'), updated);
    await privateNotes.remove(ORG, ROUND, 'anna@kommune.dk');
    assert.equal(await privateNotes.get(ORG, ROUND, 'anna@kommune.dk'), undefined);
  });

  it('creating a private note that exists, or saving a stale one, is a conflict with the current text', async () => {
    const { privateNotes } = storage.repositories;
    const first = await privateNotes.save(note('Fra fanen'), undefined);
    const createAgain = await privateNotes.save(note('Fra chatten'), undefined).then(
      () => assert.fail('the second create was accepted'),
      (e: unknown) => e,
    );
    assert.ok(createAgain instanceof ConflictError);
    assert.deepEqual(createAgain.current, first);

    const second = await privateNotes.save(note('Rettet'), first.etag);
    const stale = await privateNotes.save(note('Gammel'), first.etag).then(
      () => assert.fail('the stale save was accepted'),
      (e: unknown) => e,
    );
    assert.ok(stale instanceof ConflictError);
    assert.deepEqual(stale.current, second);
  });

  it('private notes live in their own table, apart from the skemas', async () => {
    const { privateNotes } = storage.repositories;
    await privateNotes.save(note('Hemmeligt'), undefined);
    assert.deepEqual(await storage.rawEntities('skemas'), []);
    assert.equal((await storage.rawEntities('privateNotes')).length, 1);
  });

  it('agreements round-trip and are listed per employee only', async () => {
    const { agreements } = storage.repositories;
    const a1 = await agreements.add(agreement('a1'));
    const a2 = await agreements.add(agreement('a2'));
    await agreements.add(agreement('b1', 'bo@kommune.dk'));
    // An employee whose email starts like another's must not get their agreements.
    await agreements.add(agreement('c1', 'anna@kommune.dk.other'));
    assert.deepEqual(await agreements.get(ORG, ROUND, 'anna@kommune.dk', 'a1'), a1);
    assert.deepEqual(await agreements.listForSkema(ORG, ROUND, 'anna@kommune.dk'), [a1, a2]);
  });

  it('an agreement update needs its version; removal deletes it', async () => {
    const { agreements } = storage.repositories;
    const first = await agreements.add(agreement('a1'));
    const done = await agreements.update({ ...first.value, status: 'done' }, first.etag);
    await assert.rejects(
      agreements.update({ ...first.value, status: 'dropped' }, first.etag),
      ConflictError,
    );
    assert.deepEqual(await agreements.get(ORG, ROUND, 'anna@kommune.dk', 'a1'), done);
    await assert.rejects(agreements.add(agreement('a1')), ConflictError);
    await agreements.remove(ORG, ROUND, 'anna@kommune.dk', 'a1');
    assert.deepEqual(await agreements.listForSkema(ORG, ROUND, 'anna@kommune.dk'), []);
  });

  it('agreement ids and emails with / # ? % round-trip', async () => {
    const { agreements } = storage.repositories;
    const odd = await agreements.add(agreement('id/with#odd?chars%', 'e/m#a?i%l@x.dk'));
    assert.deepEqual(await agreements.listForSkema(ORG, ROUND, 'e/m#a?i%l@x.dk'), [odd]);
    await agreements.remove(ORG, ROUND, 'e/m#a?i%l@x.dk', 'id/with#odd?chars%');
    assert.deepEqual(await agreements.listForSkema(ORG, ROUND, 'e/m#a?i%l@x.dk'), []);
  });
});
