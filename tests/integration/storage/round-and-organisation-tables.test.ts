import assert from 'node:assert/strict';
import { ConflictError } from '../../../bot/mus/errors.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import { launchStep } from '../../../bot/mus/round.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { NOW, ORG, round } from './storage-fixtures.js';

describe('rounds and organisations in Table storage', () => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await testStorage();
  });

  it('a round created and read back is the same round, template and steps included', async () => {
    const { rounds } = storage.repositories;
    const created = await rounds.create(round());
    const read = await rounds.get(ORG, 'mus-2026');
    assert.deepEqual(read, created);
  });

  it('creating a round whose id exists is a conflict carrying the existing round', async () => {
    const { rounds } = storage.repositories;
    const first = await rounds.create(round());
    const error = await rounds.create({ ...round(), name: 'Another' }).then(
      () => assert.fail('the duplicate round was created'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ConflictError);
    assert.deepEqual(error.current, first);
  });

  it('a round update needs the current version; a stale one is refused', async () => {
    const { rounds } = storage.repositories;
    const first = await rounds.create(round());
    const launched = launchStep(first.value, 1, 'hr@kommune.dk', NOW);
    const second = await rounds.update(launched, first.etag);
    assert.deepEqual((await rounds.get(ORG, 'mus-2026'))?.value, launched);
    await assert.rejects(
      rounds.update({ ...first.value, name: 'Stale' }, first.etag),
      ConflictError,
    );
    assert.equal((await rounds.get(ORG, 'mus-2026'))?.etag, second.etag);
  });

  it('rounds are listed newest first, per organisation', async () => {
    const { rounds } = storage.repositories;
    await rounds.create({ ...round('mus-2025'), createdAt: '2025-03-01T09:00:00.000Z' });
    await rounds.create(round('mus-2026'));
    await rounds.create({ ...round('lus-2024'), createdAt: '2024-03-01T09:00:00.000Z' });
    await rounds.create(round('other-org-round', 'tenant-2'));
    assert.deepEqual(
      (await rounds.list(ORG)).map((r) => r.id),
      ['mus-2026', 'mus-2025', 'lus-2024'],
    );
  });

  it('ensure creates an organisation once and returns the stored one afterwards', async () => {
    const { organisations } = storage.repositories;
    const org = newOrganisation(ORG, 'Kommunen', 'Borgerne skal have hjælp i tide.');
    const first = await organisations.ensure(org);
    assert.deepEqual(first.value, org);
    const again = await organisations.ensure({ ...org, name: 'Ignored' });
    assert.deepEqual(again, first);
    assert.deepEqual(await organisations.get(ORG), first);
  });

  it('two HR users saving the core task: the second, stale save is a conflict', async () => {
    const { organisations } = storage.repositories;
    const first = await organisations.ensure(newOrganisation(ORG, 'Kommunen'));
    const saved = await organisations.update({ ...first.value, coreTask: 'A' }, first.etag);
    const error = await organisations.update({ ...first.value, coreTask: 'B' }, first.etag).then(
      () => assert.fail('the stale save was accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ConflictError);
    assert.deepEqual(error.current, saved);
    assert.equal(await organisations.get('tenant-unknown'), undefined);
  });
});
