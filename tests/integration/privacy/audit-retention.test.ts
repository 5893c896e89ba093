import assert from 'node:assert/strict';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import { runRetentionJob } from '../../../bot/privacy/retention-job.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';

const NOW = new Date('2027-06-15T10:00:00Z');
const ANNA = 'anna@vandvaerk.example';
const BO = 'bo@vandvaerk.example';
const LEADER = { email: 'leder@vandvaerk.example', name: 'Leder' };

function monthsBefore(months: number, days = 0): string {
  const at = new Date(NOW);
  at.setUTCMonth(at.getUTCMonth() - months);
  at.setUTCDate(at.getUTCDate() - days);
  return at.toISOString();
}

describe('the audit trail has its own retention period', function () {
  this.timeout(60_000);
  let storage: TestStorage;

  before(async () => {
    storage = await testStorage();
    const { organisations, audit } = storage.repositories;
    // The water works keeps the trail 36 months (the default); its neighbour, 60.
    await organisations.ensure(newOrganisation('vand', 'Vandværket'));
    const neighbour = newOrganisation('vand2', 'Naboen');
    await organisations.ensure({
      ...neighbour,
      settings: { ...neighbour.settings, auditRetentionMonths: 60 },
    });
    const lines: [string, string, string][] = [
      ['vand', ANNA, monthsBefore(40)],
      ['vand', ANNA, monthsBefore(36, 1)],
      ['vand', ANNA, monthsBefore(35)],
      ['vand', BO, monthsBefore(37)],
      ['vand', BO, monthsBefore(1)],
      ['vand2', ANNA, monthsBefore(40)],
    ];
    for (const [orgId, employeeEmail, at] of lines) {
      await audit.record({ orgId, employeeEmail, viewer: LEADER, action: 'skema-opened', at });
    }
  });

  it('deletes the lines older than the organisation’s own period and keeps the rest', async () => {
    const { log } = memoryLogger();
    await runRetentionJob({ repositories: storage.repositories, log }, NOW);

    const { audit } = storage.repositories;
    const times = async (orgId: string, email: string) =>
      (await audit.listAbout(orgId, email, 100)).map((line) => line.at);
    assert.deepEqual(await times('vand', ANNA), [monthsBefore(35)]);
    assert.deepEqual(await times('vand', BO), [monthsBefore(1)]);
    // Another organisation's trail follows its own, longer period.
    assert.deepEqual(await times('vand2', ANNA), [monthsBefore(40)]);
  });

  it('an organisation stored before the setting existed gets 36 months', async () => {
    const raw = storage.rawTable('organisations');
    const stored = (await storage.rawEntities('organisations')).find(
      (r) => r.name === 'Vandværket',
    );
    assert.ok(stored);
    await raw.updateEntity(
      {
        partitionKey: String(stored.partitionKey),
        rowKey: String(stored.rowKey),
        settings: JSON.stringify({ retentionMonths: 24, sendRatePerSecond: 30 }),
      },
      'Merge',
    );

    const org = await storage.repositories.organisations.get('vand');
    assert.equal(org?.value.settings.auditRetentionMonths, 36);
  });
});
