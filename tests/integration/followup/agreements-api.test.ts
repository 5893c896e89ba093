import assert from 'node:assert/strict';
import { newAgreement, type AgreementStatus } from '../../../bot/mus/agreement.js';
import type { MyAgreements } from '../../../bot/skema/my-agreements.js';
import {
  ORG,
  START,
  WHO,
  skemaPath,
  startPrivacyApiApp,
  type PrivacyApiApp,
} from '../privacy/privacy-api-app.js';

describe('GET /api/agreements: each sees their own agreements, leaders their team’s open ones', function () {
  this.timeout(60_000);
  let app: PrivacyApiApp;

  const list = async (who: string): Promise<MyAgreements> => {
    const res = await app.call('GET', '/api/agreements', { as: who });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as MyAgreements;
  };
  const add = async (
    roundId: string,
    employee: string,
    id: string,
    owner: string,
    status: AgreementStatus = 'open',
  ): Promise<void> => {
    const a = await app.storage.repositories.agreements.add(
      newAgreement({
        orgId: ORG,
        roundId,
        employeeEmail: employee,
        id,
        what: `${id} for ${employee}`,
        ownerEmail: owner,
        dueDate: id === 'old' ? '2025-05-01' : '2026-06-01',
        now: START,
      }),
    );
    if (status !== 'open') {
      await app.storage.repositories.agreements.update({ ...a.value, status }, a.etag);
    }
  };

  before(async () => {
    app = await startPrivacyApiApp();
    await app.createRound('mus-2025', { minutesAfterStart: 1 });
    await app.createRound('mus-2026', { minutesAfterStart: 2 });
    for (const round of ['mus-2025', 'mus-2026']) {
      await app.createSkema(round, WHO.employee, WHO.leader);
      await app.createSkema(round, WHO.colleague, WHO.leader);
      await app.createSkema(round, WHO.otherTeamMember, WHO.otherLeader);
    }
    await add('mus-2025', WHO.employee, 'old', WHO.employee, 'done');
    await add('mus-2026', WHO.employee, 'own', WHO.employee);
    await add('mus-2026', WHO.employee, 'leaders', WHO.leader, 'in-progress');
    await add('mus-2026', WHO.colleague, 'lars', WHO.colleague, 'dropped');
    await add('mus-2026', WHO.otherTeamMember, 'frederik', WHO.otherTeamMember);
  });
  after(async () => app.close());

  it('the employee sees their agreements across rounds, done ones included, and no team list', async () => {
    const mine = await list(WHO.employee);
    assert.deepEqual(
      mine.mine.map((a) => [a.id, a.roundId, a.status, a.canUpdateStatus]),
      [
        ['old', 'mus-2025', 'done', true],
        ['leaders', 'mus-2026', 'in-progress', false],
        ['own', 'mus-2026', 'open', true],
      ],
    );
    assert.deepEqual(mine.team, []);
    assert.equal(mine.mine[0]!.leader.name, 'Søren Dahl');
    assert.equal(mine.mine[1]!.owner.email, WHO.leader);
  });

  it('the leader sees the open agreements of the talks they held, and the ones they carry themselves', async () => {
    const leader = await list(WHO.leader);
    assert.deepEqual(
      leader.team.map((a) => [a.id, a.employee.email]),
      [
        ['leaders', WHO.employee],
        ['own', WHO.employee],
      ],
    );
    assert.deepEqual(
      leader.mine.map((a) => a.id),
      ['leaders'],
    );
    assert.ok(
      leader.team.every((a) => a.canUpdateStatus),
      'the leader may move them on',
    );
  });

  it('nobody sees agreements from talks they were not part of', async () => {
    const other = await list(WHO.otherLeader);
    assert.deepEqual(
      other.team.map((a) => a.id),
      ['frederik'],
    );
    assert.ok(!JSON.stringify(other).includes(WHO.employee));
    const colleague = await list(WHO.colleague);
    assert.deepEqual(
      colleague.mine.map((a) => a.id),
      ['lars'],
    );
    assert.ok(!JSON.stringify(colleague).includes(WHO.employee));
    const hr = await list(WHO.hr);
    assert.deepEqual(hr, { mine: [], team: [] });
  });

  it('the status moved on through the skema API shows in the list', async () => {
    const item = (await list(WHO.employee)).mine.find((a) => a.id === 'own')!;
    const res = await app.call('PATCH', skemaPath('mus-2026', WHO.employee, '/agreements/own'), {
      as: WHO.employee,
      body: { status: 'done', etag: item.etag },
    });
    assert.equal(res.status, 200);
    assert.equal((await list(WHO.employee)).mine.find((a) => a.id === 'own')?.status, 'done');
    assert.deepEqual(
      (await list(WHO.leader)).team.map((a) => a.id),
      ['leaders'],
    );
  });

  it('the list needs a signed-in user', async () => {
    assert.equal((await app.call('GET', '/api/agreements')).status, 401);
  });
});
