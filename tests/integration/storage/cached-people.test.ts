import assert from 'node:assert/strict';
import type { PersonRepository } from '../../../bot/mus/repositories.js';
import { CachedPersonRepository } from '../../../bot/storage/cached-people.js';
import { PersonTable } from '../../../bot/storage/person-table.js';
import { testStorage } from '../../helpers/azurite.js';
import { ORG, person } from './storage-fixtures.js';

/** The real table, with every read it serves counted. */
function countedReads(table: PersonRepository): { people: PersonRepository; reads: () => number } {
  let reads = 0;
  const people = new Proxy(table, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (name === 'get' || name === 'findByTeamsId') reads += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { people, reads: () => reads };
}

describe('the roster with its hottest reads cached', () => {
  let table: PersonRepository;

  beforeEach(async () => {
    const storage = await testStorage();
    table = new PersonTable(storage.rawTable('people'));
    await table.upsertRoster(ORG, [person('anna@kommune.dk'), person('bo@kommune.dk')]);
    await table.setTeamsIdentity(ORG, 'anna@kommune.dk', { aadObjectId: 'oid-anna' });
  });

  it('answers who a Teams user is from memory after the first request', async () => {
    const counted = countedReads(table);
    const people = new CachedPersonRepository(counted.people);

    for (let i = 0; i < 5; i++) {
      const found = await people.findByTeamsId(ORG, { aadObjectId: 'oid-anna' });
      assert.equal(found?.email, 'anna@kommune.dk');
    }
    assert.equal(counted.reads(), 1);
  });

  it('does not remember someone it did not find: once the bot learns them, they are found', async () => {
    const people = new CachedPersonRepository(table);
    assert.equal(await people.findByTeamsId(ORG, { aadObjectId: 'oid-bo' }), undefined);

    // Another part of the app (or another instance) records Bo's Teams id.
    await table.setTeamsIdentity(ORG, 'bo@kommune.dk', { aadObjectId: 'oid-bo' });

    assert.equal(
      (await people.findByTeamsId(ORG, { aadObjectId: 'oid-bo' }))?.email,
      'bo@kommune.dk',
    );
  });

  it('forgets what a write through it may have changed', async () => {
    const people = new CachedPersonRepository(table);
    assert.equal((await people.get(ORG, 'anna@kommune.dk'))?.value.department, 'Drift');

    await people.upsertRoster(ORG, [person('anna@kommune.dk', { department: 'Vandforsyning' })]);
    assert.equal((await people.get(ORG, 'anna@kommune.dk'))?.value.department, 'Vandforsyning');

    await people.remove(ORG, 'anna@kommune.dk');
    assert.equal(await people.get(ORG, 'anna@kommune.dk'), undefined);
    assert.equal(await people.findByTeamsId(ORG, { aadObjectId: 'oid-anna' }), undefined);
  });
});
