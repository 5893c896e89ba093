import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { Person } from '../../../bot/mus/person.js';
import { createBotFramework } from '../../../bot/teams/bot-framework.js';
import type { ConversationRef } from '../../../bot/teams/conversation-ref.js';
import { learnTeamRoster } from '../../../bot/teams/learn-team-roster.js';
import { PersonTable } from '../../../bot/storage/person-table.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { FakeBotConnector, type FakeMember } from '../../helpers/fake-bot-connector/index.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { BOT_ID, TENANT_ID } from '../../helpers/teams-activities.js';

const ORG = 'org-roster';
const TEAM = '19:everyone@thread.tacv2';
/** On the roster and in the team; plus members of the team who are not on the roster. */
const ON_ROSTER = 1_100;
const NOT_ON_ROSTER = 150;

function email(i: number): string {
  return `person${i}@kommune.example`;
}

describe('reading a big team roster', function () {
  this.timeout(120_000);
  let storage: TestStorage;
  let connector: FakeBotConnector;
  let team: ConversationRef;

  before(async () => {
    storage = await testStorage();
    connector = await FakeBotConnector.start();
    const people: Person[] = Array.from({ length: ON_ROSTER }, (_, i) => ({
      orgId: ORG,
      email: email(i),
      name: `Person ${i}`,
      department: `Afdeling ${i % 40}`,
      roles: ['employee'],
    }));
    await storage.repositories.people.upsertRoster(ORG, people);
    const members: FakeMember[] = [];
    for (let i = 0; i < ON_ROSTER + NOT_ON_ROSTER; i++) {
      members.push({
        id: `29:member-${i}`,
        aadObjectId: `oid-${i}`,
        name: `Person ${i}`,
        // Some are known by their e-mail, some only by their sign-in name, in any letter case.
        ...(i % 3 === 0 ? {} : { email: email(i).toUpperCase() }),
        userPrincipalName: email(i),
        tenantId: TENANT_ID,
      });
    }
    connector.setMembers(TEAM, members);
    team = {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: `${TEAM};messageid=1`, conversationType: 'channel', tenantId: TENANT_ID },
      user: { id: '29:hr' },
      bot: { id: BOT_ID },
    };
  });

  after(async () => {
    await connector.close();
  });

  it('matches everyone on the roster in pages of 500 and records their Teams ids', async () => {
    const bot = createBotFramework(undefined, { log: memoryLogger().log, requestTimeoutMs: 5000 });
    const progress: number[] = [];
    const pointReads = sinon.spy(PersonTable.prototype, 'get');

    const result = await learnTeamRoster(
      { people: storage.repositories.people, bot },
      ORG,
      team,
      ({ matched, unknown }) => progress.push(matched + unknown),
    ).finally(() => pointReads.restore());

    // One listing of the roster, no read per member: on the embedded storage each point read scans
    // the whole organisation, which made a team of 10,000 take minutes.
    assert.equal(pointReads.callCount, 0);

    assert.deepEqual(result, { matched: ON_ROSTER, unknown: NOT_ON_ROSTER });
    const pages = connector.requests().filter((call) => call.path.endsWith('/pagedmembers'));
    assert.deepEqual(
      pages.map((call) => call.query.pageSize),
      ['500', '500', '500'],
    );
    assert.deepEqual(progress, [500, 1000, 1250]);
    const stored = await storage.repositories.people.list(ORG);
    const withoutIds = stored.filter(
      (p) => p.teams?.aadObjectId !== `oid-${/person(\d+)@/.exec(p.email)?.[1]}`,
    );
    assert.deepEqual(withoutIds, [], 'everyone got their own Teams ids');
    // The bot finds them again by either id, as when they write to it.
    const found = await storage.repositories.people.findByTeamsId(ORG, { userId: '29:member-777' });
    assert.equal(found?.email, email(777));
  });

  it('a second read changes nothing, and one changed id is written', async () => {
    const bot = createBotFramework(undefined, { log: memoryLogger().log, requestTimeoutMs: 5000 });
    const before = await storage.rawEntities('people');
    // Teams gives person 5 a new user id (e.g. after moving tenant-internal accounts).
    const all: FakeMember[] = Array.from({ length: ON_ROSTER }, (_, i) => ({
      id: i === 5 ? '29:member-5-new' : `29:member-${i}`,
      aadObjectId: `oid-${i}`,
      name: `Person ${i}`,
      userPrincipalName: email(i),
      tenantId: TENANT_ID,
    }));
    connector.setMembers(TEAM, all);

    await learnTeamRoster({ people: storage.repositories.people, bot }, ORG, team);

    const after = await storage.rawEntities('people');
    const changed = after.filter((row) => {
      const old = before.find(
        (b) => b.partitionKey === row.partitionKey && b.rowKey === row.rowKey,
      );
      return old?.etag !== row.etag;
    });
    // Only person 5's rows: the person and the pointers from their ids (the old user id's is gone).
    assert.ok(changed.length > 0 && changed.length <= 3, `${changed.length} rows were written`);
    assert.ok(changed.some((row) => row.email === email(5)));
    const moved = await storage.repositories.people.findByTeamsId(ORG, {
      userId: '29:member-5-new',
    });
    assert.equal(moved?.email, email(5));
    const old = await storage.repositories.people.findByTeamsId(ORG, { userId: '29:member-5' });
    assert.equal(old, undefined, 'the old id no longer points at anyone');
  });

  it('keeps a change someone made after the roster was listed, and still records the ids', async () => {
    const org = 'org-roster-race';
    const teamId = '19:race@thread.tacv2';
    const people: Person[] = Array.from({ length: 30 }, (_, i) => ({
      orgId: org,
      email: `race${i}@kommune.example`,
      name: `Race ${i}`,
      department: 'Drift',
      roles: ['employee'],
    }));
    await storage.repositories.people.upsertRoster(org, people);
    connector.setMembers(
      teamId,
      people.map((p, i) => ({
        id: `29:race-${i}`,
        aadObjectId: `oid-race-${i}`,
        name: p.name,
        email: p.email,
        tenantId: TENANT_ID,
      })),
    );
    const real = createBotFramework(undefined, { log: memoryLogger().log, requestTimeoutMs: 5000 });
    // HR imports a renamed person between the bot's listing of the roster and its write.
    const bot: Pick<typeof real, 'getPagedMembers'> = {
      getPagedMembers: async (...args) => {
        const renamed = people.map((p, i) => (i === 7 ? { ...p, name: 'Race Syv' } : p));
        await storage.repositories.people.upsertRoster(org, renamed);
        return real.getPagedMembers(...args);
      },
    };

    const result = await learnTeamRoster({ people: storage.repositories.people, bot }, org, {
      ...team,
      conversation: { ...team.conversation, id: teamId },
    });

    assert.deepEqual(result, { matched: 30, unknown: 0 });
    const seven = await storage.repositories.people.get(org, 'race7@kommune.example');
    assert.equal(seven?.value.name, 'Race Syv', 'the import is kept');
    assert.equal(seven?.value.teams?.userId, '29:race-7', 'and the Teams id is recorded');
    const all = await storage.repositories.people.list(org);
    assert.equal(all.filter((p) => p.teams?.aadObjectId).length, 30);
  });
});
