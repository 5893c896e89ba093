import { personRef } from '../../../bot/logger.js';
import assert from 'node:assert/strict';
import type { AuditLine } from '../../../bot/privacy/audit-trail.js';
import { joinKey } from '../../../bot/storage/table-keys.js';
import { ORG, WHO, skemaPath, startPrivacyApiApp, type PrivacyApiApp } from './privacy-api-app.js';

const ROUND = 'mus-2026';

describe('the audit trail: who opened my skema', function () {
  this.timeout(60_000);
  let app: PrivacyApiApp;

  const trailOf = async (who: string): Promise<AuditLine[]> => {
    const res = await app.call('GET', '/api/me/audit', { as: who });
    assert.equal(res.status, 200);
    return (res.body as { entries: AuditLine[] }).entries;
  };

  before(async () => {
    app = await startPrivacyApiApp();
    await app.createRound(ROUND);
    await app.createSkema(ROUND, WHO.employee, WHO.leader);
    await app.createSkema(ROUND, WHO.colleague, WHO.leader);
  });
  after(async () => app.close());

  it('the employee opening their own skema leaves no trail', async () => {
    assert.equal(
      (await app.call('GET', skemaPath(ROUND, WHO.employee), { as: WHO.employee })).status,
      200,
    );
    assert.deepEqual(await trailOf(WHO.employee), []);
    assert.deepEqual(await app.storage.rawEntities('auditLog'), []);
  });

  it('a leader opening an employee’s skema is stored, and the employee sees who and when, newest first', async () => {
    app.setNow(new Date('2026-03-02T09:00:00Z'));
    await app.call('GET', skemaPath(ROUND, WHO.employee), { as: WHO.leader });
    app.setNow(new Date('2026-03-03T10:30:00Z'));
    await app.call('GET', skemaPath(ROUND, WHO.employee), { as: WHO.leader });
    assert.deepEqual(await trailOf(WHO.employee), [
      {
        at: '2026-03-03T10:30:00.000Z',
        action: 'skema-opened',
        roundId: ROUND,
        roundName: `Runde ${ROUND}`,
        viewer: { email: WHO.leader, name: 'Søren Dahl' },
      },
      {
        at: '2026-03-02T09:00:00.000Z',
        action: 'skema-opened',
        roundId: ROUND,
        roundName: `Runde ${ROUND}`,
        viewer: { email: WHO.leader, name: 'Søren Dahl' },
      },
    ]);
    const rows = await app.storage.rawEntities('auditLog');
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.partitionKey === joinKey(ORG, WHO.employee)));
    assert.ok(rows[0]!.rowKey! < rows[1]!.rowKey!, 'inverted time: the newest row sorts first');
  });

  it('the log line is still written beside the stored trail, naming the reader by a hash only', () => {
    const line = app.logLines.find(
      (l) => l.audit === 'skema-opened' && l.by === personRef(WHO.leader),
    );
    assert.ok(line);
    assert.doesNotMatch(JSON.stringify(line), /@/);
  });

  it('nobody else sees the employee’s trail: not the leader, not a colleague, not HR', async () => {
    for (const who of [WHO.leader, WHO.colleague, WHO.hr]) {
      const entries = await trailOf(who);
      assert.ok(!JSON.stringify(entries).includes(WHO.employee), who);
    }
    assert.deepEqual(await trailOf(WHO.colleague), []);
  });

  it('someone refused the skema leaves no line in the trail', async () => {
    const refused = await app.call('GET', skemaPath(ROUND, WHO.employee), { as: WHO.otherLeader });
    assert.equal(refused.status, 403);
    assert.equal((await trailOf(WHO.employee)).length, 2);
  });

  it('the trail needs a signed-in user', async () => {
    assert.equal((await app.call('GET', '/api/me/audit')).status, 401);
  });
});
