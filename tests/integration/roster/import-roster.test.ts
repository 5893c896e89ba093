import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ValidationError } from '../../../bot/mus/errors.js';
import type { PersonRepository } from '../../../bot/mus/repositories.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import { importRoster } from '../../../bot/roster/import-roster.js';
import { testStorage } from '../../helpers/azurite.js';

const ORG = 'vandvaerk';
const sample = readFileSync('tests/fixtures/roster-sample.csv');
const badLine = readFileSync('tests/fixtures/roster-bad-line.csv');

describe('roster import into Table storage', () => {
  let people: PersonRepository;
  beforeEach(async () => {
    people = (await testStorage()).repositories.people;
  });

  it('a file with one bad line imports nobody, and says which line and why', async () => {
    await assert.rejects(importRosterCsv(people, ORG, badLine), (error) => {
      assert.ok(error instanceof ValidationError);
      assert.equal(error.issues.length, 1);
      assert.equal(error.issues[0]?.where, 'linje 15 / line 15');
      assert.match(
        error.issues[0]?.message.da ?? '',
        /soeren\.dahl@vandvaerk\.example findes ikke/,
      );
      assert.match(
        error.issues[0]?.message.en ?? '',
        /soeren\.dahl@vandvaerk\.example is not in the list/,
      );
      assert.match(error.userMessage.da, /ikke importeret: der er 1 fejl/);
      return true;
    });
    assert.deepEqual(await people.list(ORG), []);
  });

  it('the sample imports 29 people, with their leaders and roles', async () => {
    assert.deepEqual(await importRosterCsv(people, ORG, sample), {
      created: 29,
      updated: 0,
      unchanged: 0,
    });
    const everybody = await people.list(ORG);
    assert.equal(everybody.length, 29);
    assert.equal(everybody.filter((p) => p.roles.includes('leader')).length, 3);
    const mette = await people.get(ORG, 'mette.kjaer@vandvaerk.example');
    assert.deepEqual(mette?.value.roles, ['leader']);
    assert.equal(mette?.value.name, 'Mette Kjær');
    assert.equal(mette?.value.leaderEmail, undefined);
    const team = await people.listTeam(ORG, 'soren.dahl@vandvaerk.example');
    assert.equal(team.length, 8);
    assert.ok(team.every((p) => p.department === 'Kundeservice'));
    assert.equal((await people.listTeam(ORG, 'mette.kjaer@vandvaerk.example')).length, 11);
  });

  it('importing the same file again changes nothing', async () => {
    await importRosterCsv(people, ORG, sample);
    assert.deepEqual(await importRosterCsv(people, ORG, sample), {
      created: 0,
      updated: 0,
      unchanged: 29,
    });
    assert.equal((await people.list(ORG)).length, 29);
  });

  it('a changed file updates people in place, never duplicating them, and keeps Teams ids', async () => {
    await importRosterCsv(people, ORG, sample);
    await people.setTeamsIdentity(ORG, 'ida.lund@vandvaerk.example', {
      aadObjectId: 'oid-ida',
      userId: '29:ida',
    });
    const moved = sample
      .toString('utf8')
      .replace(
        'ida.lund@vandvaerk.example,Ida Lund,soren.dahl@vandvaerk.example,Kundeservice,employee',
        'IDA.LUND@vandvaerk.example,Ida Lund Holm,anja.holm@vandvaerk.example,Udvikling,employee',
      )
      .concat(
        'ny.kollega@vandvaerk.example,Ny Kollega,anja.holm@vandvaerk.example,Udvikling,employee\n',
      );
    assert.deepEqual(await importRosterCsv(people, ORG, moved), {
      created: 1,
      updated: 1,
      unchanged: 28,
    });
    assert.equal((await people.list(ORG)).length, 30);
    const ida = (await people.get(ORG, 'ida.lund@vandvaerk.example'))?.value;
    assert.equal(ida?.name, 'Ida Lund Holm');
    assert.equal(ida?.leaderEmail, 'anja.holm@vandvaerk.example');
    assert.equal(ida?.teams?.aadObjectId, 'oid-ida');
    const found = await people.findByTeamsId(ORG, { aadObjectId: 'oid-ida' });
    assert.equal(found?.email, 'ida.lund@vandvaerk.example');
    assert.ok(
      !(await people.listTeam(ORG, 'soren.dahl@vandvaerk.example')).some(
        (p) => p.email === 'ida.lund@vandvaerk.example',
      ),
    );
  });

  it('rows that fail validation stop the import even when other rows are fine', async () => {
    await assert.rejects(
      importRoster(people, ORG, [
        {
          line: 2,
          email: 'a@vandvaerk.example',
          name: 'A',
          leaderEmail: '',
          department: '',
          roles: 'leader',
        },
        {
          line: 3,
          email: 'b@vandvaerk.example',
          name: 'B',
          leaderEmail: 'a@vandvaerk.example',
          department: '',
          roles: 'chef',
        },
      ]),
      ValidationError,
    );
    assert.deepEqual(await people.list(ORG), []);
  });
});
