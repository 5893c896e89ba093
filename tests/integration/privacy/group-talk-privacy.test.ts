import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultGrusTemplate } from '../../../bot/mus/default-template.js';
import {
  acknowledgeGroupTalk,
  finaliseGroupTalk,
  saveGroupNotes,
} from '../../../bot/mus/group-talk.js';
import type { Person } from '../../../bot/mus/person.js';
import { newRound } from '../../../bot/mus/round.js';
import { erasePerson } from '../../../bot/privacy/erase-person.js';
import { exportPerson } from '../../../bot/privacy/export-person.js';
import type { PrivacyServices } from '../../../bot/privacy/privacy-services.js';
import { sendSkema } from '../../../bot/rollout/steps/step-3-send-skema.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { memoryLogger } from '../../helpers/memory-logger.js';

/*
 * GDPR and the group talk: an export lists the group talks the person took part in (the shared notes
 * only as far as they could read them), and an erasure takes them out of the member list and the
 * acknowledgements, leaving the team's record.
 */

const ORG = 'org';
const ROUND = 'grus-2026';
const NOW = new Date('2026-04-01T09:00:00Z');
const LEADER = 'soren.dahl@vandvaerk.example';
const MEMBER = 'pernille.krogh@vandvaerk.example';

describe('export and erasure of a member’s traces in group talks', function () {
  this.timeout(60_000);
  let storage: TestStorage;
  let services: PrivacyServices;
  let hr: Person;

  before(async () => {
    storage = await testStorage();
    const { repositories } = storage;
    await importRosterCsv(
      repositories.people,
      ORG,
      readFileSync('tests/fixtures/roster-sample.csv'),
    );
    hr = (await repositories.people.get(ORG, 'lone.hvid@vandvaerk.example'))!.value;
    services = {
      repositories,
      deliveries: storage.deliveries,
      now: () => NOW,
      log: memoryLogger().log,
    };
    const round = newRound({
      orgId: ORG,
      id: ROUND,
      name: 'GRUS 2026',
      kind: 'GRUS',
      createdBy: hr.email,
      now: NOW,
      template: defaultGrusTemplate(),
    });
    await repositories.rounds.create(round);
    await sendSkema.prepare!(repositories, round, await repositories.people.list(ORG), NOW);
    const stored = (await repositories.groupTalks.get(ORG, ROUND, LEADER))!;
    let talk = saveGroupNotes(
      stored.value,
      { aftaler: 'Vagtplan inden 1/6.' },
      { by: LEADER, now: NOW },
    );
    talk = finaliseGroupTalk(talk, { by: LEADER, now: NOW });
    talk = acknowledgeGroupTalk(talk, { memberEmail: MEMBER, now: NOW });
    await repositories.groupTalks.update(talk, stored.etag);
  });

  it('the export lists the group talk the member took part in, with the finalised notes', async () => {
    const data = await exportPerson(services, hr, MEMBER, { reason: 'Indsigt' });
    assert.equal(data.groupTalks.length, 1);
    const [g] = data.groupTalks;
    assert.equal(g?.part, 'member');
    assert.equal(g?.leader.email, LEADER);
    assert.equal(g?.acknowledgedAt, NOW.toISOString());
    assert.equal(g?.notes?.find((n) => n.id === 'aftaler')?.note, 'Vagtplan inden 1/6.');
    const leaderData = await exportPerson(services, hr, LEADER, { reason: 'Indsigt' });
    assert.ok(leaderData.groupTalks.some((t) => t.part === 'leader' && t.memberCount === 8));
  });

  it('erasure removes the member from the group talk; no group talk row names them', async () => {
    const report = await erasePerson(services, hr, MEMBER);
    assert.equal(report.groupTalks, 1);
    const talk = (await storage.repositories.groupTalks.get(ORG, ROUND, LEADER))!.value;
    assert.equal(talk.members.length, 7);
    assert.deepEqual(talk.acknowledgedBy, {});
    assert.equal(talk.notes.aftaler, 'Vagtplan inden 1/6.', 'the team’s record stays');
    for (const entity of await storage.rawEntities('groupTalks')) {
      assert.ok(!JSON.stringify(entity).includes(MEMBER));
    }
    const again = await erasePerson(services, hr, MEMBER);
    assert.equal(again.groupTalks, undefined, 'repeatable: nothing left to remove');
  });
});
