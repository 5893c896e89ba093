import assert from 'node:assert/strict';
import type { PersonRepository } from '../../../bot/mus/repositories.js';
import { syncGraphRoster } from '../../../bot/roster/graph-roster.js';
import { testStorage } from '../../helpers/azurite.js';
import {
  fakeTenant,
  fakeTokenProvider,
  startFakeGraph,
  type FakeGraph,
  type FakeGraphUser,
} from '../../helpers/fake-graph.js';

const ORG = 'tenant-1';

describe('roster sync from Microsoft Entra ID', () => {
  let people: PersonRepository;
  let graph: FakeGraph;
  let users: FakeGraphUser[];
  beforeEach(async () => {
    people = (await testStorage()).repositories.people;
    users = fakeTenant();
    graph = await startFakeGraph({ users: () => users, pageSize: 5 });
  });
  afterEach(async () => {
    await graph.close();
  });

  const sync = (): ReturnType<typeof syncGraphRoster> =>
    syncGraphRoster(people, ORG, { tokenProvider: fakeTokenProvider(), baseUrl: graph.baseUrl });

  it('imports every user from both pages, managers as leaders', async () => {
    assert.deepEqual(await sync(), { created: 8, updated: 0, unchanged: 0 });
    assert.equal(graph.requests.filter((r) => r.url.startsWith('/v1.0/users')).length, 2);
    const stored = await people.list(ORG);
    assert.equal(stored.length, 8);
    const leaders = stored.filter((p) => p.roles.includes('leader')).map((p) => p.email);
    assert.deepEqual(leaders.sort(), [
      'direktoer@tenant.example',
      'kamma.kunde@tenant.example',
      'mads.drift@tenant.example',
    ]);
    assert.ok(stored.every((p) => p.roles.includes('employee')));
    const team = await people.listTeam(ORG, 'mads.drift@tenant.example');
    assert.deepEqual(team.map((p) => p.email).sort(), ['ib@tenant.example', 'ulla@tenant.example']);
  });

  it('keeps each person’s Entra object id (proactive installation asks Graph by it), beside what Teams told', async () => {
    // Ulla was in a CSV roster before and has met the bot in Teams, which knows her chat id only.
    await people.upsertRoster(ORG, [
      {
        orgId: ORG,
        email: 'ulla@tenant.example',
        name: 'Ulla',
        department: 'Drift',
        roles: ['employee'],
      },
    ]);
    await people.setTeamsIdentity(ORG, 'ulla@tenant.example', { userId: '29:ulla' });
    assert.deepEqual(await sync(), { created: 7, updated: 1, unchanged: 0 });
    const ib = await people.get(ORG, 'ib@tenant.example');
    assert.deepEqual(ib?.value.teams, { aadObjectId: 'id-ib@tenant.example' });
    const found = await people.findByTeamsId(ORG, { aadObjectId: 'id-ib@tenant.example' });
    assert.equal(found?.email, 'ib@tenant.example');
    assert.deepEqual((await people.get(ORG, 'ulla@tenant.example'))?.value.teams, {
      userId: '29:ulla',
      aadObjectId: 'id-ulla@tenant.example',
    });
    assert.deepEqual(await sync(), { created: 0, updated: 0, unchanged: 8 });
  });

  it('syncing again changes nothing; a change in Entra updates that person only', async () => {
    await sync();
    assert.deepEqual(await sync(), { created: 0, updated: 0, unchanged: 8 });
    users = users.map((u) =>
      u.userPrincipalName === 'gert@tenant.example' ? { ...u, department: 'Drift' } : u,
    );
    assert.deepEqual(await sync(), { created: 0, updated: 1, unchanged: 7 });
    assert.equal((await people.get(ORG, 'gert@tenant.example'))?.value.department, 'Drift');
    assert.equal((await people.list(ORG)).length, 8);
  });

  it('keeps the HR role of people who have it in storage', async () => {
    await sync();
    const hanne = (await people.get(ORG, 'hanne.hr@tenant.example'))?.value;
    assert.ok(hanne);
    await people.upsertRoster(ORG, [{ ...hanne, roles: ['employee', 'hr'] }]);
    assert.deepEqual(await sync(), { created: 0, updated: 0, unchanged: 8 });
    assert.deepEqual((await people.get(ORG, 'hanne.hr@tenant.example'))?.value.roles, [
      'employee',
      'hr',
    ]);
  });

  it('a user Entra gives a manager outside the tenant imports nobody', async () => {
    users.push({
      id: 'x',
      mail: 'ny@tenant.example',
      userPrincipalName: 'ny@tenant.example',
      displayName: 'Ny',
      manager: { mail: 'gaest@andet.example', userPrincipalName: 'gaest@andet.example' },
    });
    await assert.rejects(sync(), (error: Error & { issues?: { where: string }[] }) => {
      assert.equal(error.issues?.[0]?.where, 'Entra: ny@tenant.example');
      return true;
    });
    assert.deepEqual(await people.list(ORG), []);
  });
});
