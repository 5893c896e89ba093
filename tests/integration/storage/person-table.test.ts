import assert from 'node:assert/strict';
import type { Person } from '../../../bot/mus/person.js';
import type { PersonRepository } from '../../../bot/mus/repositories.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { ORG, person } from './storage-fixtures.js';

const boss = person('boss@kommune.dk', { roles: ['leader'] });
const other = person('other.boss@kommune.dk', { roles: ['leader'] });
const anna = person('anna@kommune.dk', { leaderEmail: boss.email });
const bo = person('bo@kommune.dk', { leaderEmail: boss.email, roles: ['employee', 'hr'] });
const carl = person('carl@kommune.dk', { leaderEmail: other.email });
const roster = [boss, other, anna, bo, carl];

function emails(people: Person[]): string[] {
  return people.map((p) => p.email).sort();
}

describe('people in Table storage', () => {
  let storage: TestStorage;
  let people: PersonRepository;

  beforeEach(async () => {
    storage = await testStorage();
    people = storage.repositories.people;
  });

  it('a roster written and read back is the same people, in email order', async () => {
    const result = await people.upsertRoster(ORG, roster);
    assert.deepEqual(result, { created: 5, updated: 0, unchanged: 0 });
    assert.deepEqual(await people.list(ORG), [anna, bo, boss, carl, other]);
    const stored = await people.get(ORG, bo.email);
    assert.deepEqual(stored?.value, bo);
    assert.ok(stored?.etag);
  });

  it('listTeam returns exactly the leader’s team', async () => {
    await people.upsertRoster(ORG, roster);
    assert.deepEqual(emails(await people.listTeam(ORG, boss.email)), [anna.email, bo.email]);
    assert.deepEqual(emails(await people.listTeam(ORG, other.email)), [carl.email]);
    assert.deepEqual(await people.listTeam(ORG, anna.email), []);
  });

  it('a leader whose email is a prefix of another leader’s does not get their team', async () => {
    const short = person('a@x.dk', { roles: ['leader'] });
    const long = person('a@x.dk.other', { roles: ['leader'] });
    const e1 = person('e1@x.dk', { leaderEmail: short.email });
    const e2 = person('e2@x.dk', { leaderEmail: long.email });
    await people.upsertRoster(ORG, [short, long, e1, e2]);
    assert.deepEqual(emails(await people.listTeam(ORG, short.email)), [e1.email]);
  });

  it('writing the same roster twice writes nothing the second time', async () => {
    await people.upsertRoster(ORG, roster);
    const etagsOf = async (): Promise<Map<string, string>> =>
      new Map((await storage.rawEntities('people')).map((e) => [e.rowKey ?? '', e.etag]));
    const before = await etagsOf();
    const result = await people.upsertRoster(ORG, roster);
    assert.deepEqual(result, { created: 0, updated: 0, unchanged: 5 });
    assert.deepEqual(await etagsOf(), before);
  });

  it('a leader change moves the person from the old team to the new one', async () => {
    await people.upsertRoster(ORG, roster);
    const moved = { ...anna, leaderEmail: other.email };
    const result = await people.upsertRoster(ORG, [boss, other, moved, bo, carl]);
    assert.deepEqual(result, { created: 0, updated: 1, unchanged: 4 });
    assert.deepEqual(emails(await people.listTeam(ORG, boss.email)), [bo.email]);
    assert.deepEqual(emails(await people.listTeam(ORG, other.email)), [anna.email, carl.email]);
    assert.equal((await people.get(ORG, anna.email))?.value.leaderEmail, other.email);
  });

  it('a person who loses their leader leaves the team', async () => {
    await people.upsertRoster(ORG, roster);
    const topLevel: Person = { ...anna };
    delete topLevel.leaderEmail;
    await people.upsertRoster(ORG, [topLevel]);
    assert.deepEqual(emails(await people.listTeam(ORG, boss.email)), [bo.email]);
    assert.deepEqual((await people.get(ORG, anna.email))?.value, topLevel);
  });

  it('Teams ids are found again, and survive a roster re-import that does not know them', async () => {
    await people.upsertRoster(ORG, roster);
    const identity = { aadObjectId: 'oid-anna', userId: '29:anna', tenantId: 'tid' };
    await people.setTeamsIdentity(ORG, anna.email, identity);
    assert.equal((await people.findByTeamsId(ORG, { aadObjectId: 'oid-anna' }))?.email, anna.email);
    assert.equal((await people.findByTeamsId(ORG, { userId: '29:anna' }))?.email, anna.email);
    assert.equal(await people.findByTeamsId(ORG, { userId: '29:nobody' }), undefined);

    const renamed = { ...anna, name: 'Anna Holm' };
    const result = await people.upsertRoster(ORG, [renamed]);
    assert.deepEqual(result, { created: 0, updated: 1, unchanged: 0 });
    assert.deepEqual((await people.get(ORG, anna.email))?.value, { ...renamed, teams: identity });
    const team = await people.listTeam(ORG, boss.email);
    assert.deepEqual(team.find((p) => p.email === anna.email)?.teams, identity);
  });

  it('a changed Teams id replaces the old one in the lookup', async () => {
    await people.upsertRoster(ORG, roster);
    await people.setTeamsIdentity(ORG, bo.email, { userId: '29:old' });
    await people.setTeamsIdentity(ORG, bo.email, { userId: '29:new', aadObjectId: 'oid-bo' });
    assert.equal(await people.findByTeamsId(ORG, { userId: '29:old' }), undefined);
    assert.equal((await people.findByTeamsId(ORG, { userId: '29:new' }))?.email, bo.email);
    assert.deepEqual((await people.get(ORG, bo.email))?.value.teams, {
      userId: '29:new',
      aadObjectId: 'oid-bo',
    });
  });

  it('removing a person removes them from their team and the Teams-id lookup', async () => {
    await people.upsertRoster(ORG, roster);
    await people.setTeamsIdentity(ORG, anna.email, { aadObjectId: 'oid-anna' });
    await people.remove(ORG, anna.email);
    assert.equal(await people.get(ORG, anna.email), undefined);
    assert.deepEqual(emails(await people.listTeam(ORG, boss.email)), [bo.email]);
    assert.equal(await people.findByTeamsId(ORG, { aadObjectId: 'oid-anna' }), undefined);
    const rowKeys = (await storage.rawEntities('people')).map((e) => e.rowKey ?? '');
    assert.ok(rowKeys.length > 0 && rowKeys.every((rk) => !rk.includes('anna')), rowKeys.join());
  });

  it('emails with / # ? % and other awkward characters round-trip', async () => {
    const odd = [
      person('a/b@x.dk', { leaderEmail: 'boss#1@x.dk' }),
      person('c?d@x.dk', { leaderEmail: 'boss#1@x.dk' }),
      person('e%25f@x.dk', { leaderEmail: 'boss#1@x.dk' }),
      person("o'neil+mus@x.dk", { leaderEmail: 'boss#1@x.dk' }),
      person('boss#1@x.dk', { roles: ['leader'] }),
      person('p~q\\r@x.dk'),
    ];
    assert.deepEqual(await people.upsertRoster(ORG, odd), { created: 6, updated: 0, unchanged: 0 });
    for (const p of odd) assert.deepEqual((await people.get(ORG, p.email))?.value, p);
    assert.deepEqual(emails(await people.listTeam(ORG, 'boss#1@x.dk')), emails(odd.slice(0, 4)));
    await people.setTeamsIdentity(ORG, 'e%25f@x.dk', { userId: '29:a/b?c' });
    assert.equal((await people.findByTeamsId(ORG, { userId: '29:a/b?c' }))?.email, 'e%25f@x.dk');
    await people.remove(ORG, 'a/b@x.dk');
    assert.equal(await people.get(ORG, 'a/b@x.dk'), undefined);
  });

  it('a roster larger than one transaction is written in batches of at most 100', async () => {
    const leader = person('leader@x.dk', { roles: ['leader'] });
    const team = Array.from({ length: 250 }, (_, i) =>
      person(`e${String(i).padStart(3, '0')}@x.dk`, { leaderEmail: leader.email }),
    );
    const result = await people.upsertRoster(ORG, [leader, ...team]);
    assert.deepEqual(result, { created: 251, updated: 0, unchanged: 0 });
    assert.equal((await people.listTeam(ORG, leader.email)).length, 250);
  });

  it('organisations do not see each other’s people', async () => {
    await people.upsertRoster(ORG, roster);
    assert.deepEqual(await people.list('tenant-2'), []);
    assert.equal(await people.get('tenant-2', anna.email), undefined);
  });
});
