import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  validateRoster,
  type RosterIssue,
  type RosterRow,
  type RosterValidation,
} from '../../../bot/mus/roster-validation.js';
import { parseRosterCsv } from '../../../bot/roster/csv-roster.js';

const ORG = 'org-1';

/** A small valid roster: a director leading a leader, who leads two employees. */
function rows(): RosterRow[] {
  return [
    row(2, 'direktoer@vandvaerk.example', 'Dorte Direktør', '', 'leader'),
    row(
      3,
      'leder@vandvaerk.example',
      'Lars Leder',
      'direktoer@vandvaerk.example',
      'employee;leader',
    ),
    row(4, 'anna@vandvaerk.example', 'Anna Ansat', 'leder@vandvaerk.example', 'employee'),
    row(5, 'bent@vandvaerk.example', 'Bent Ansat', 'leder@vandvaerk.example', 'employee;hr'),
  ];
}

function row(
  line: number,
  email: string,
  name: string,
  leaderEmail: string,
  roles: string,
  department = 'Drift',
): RosterRow {
  return { line, email, name, leaderEmail, department, roles };
}

function issuesOf(result: RosterValidation): RosterIssue[] {
  assert.equal(result.ok, false, 'expected the roster to be rejected');
  return result.ok ? [] : result.issues;
}

/** Every issue names its line and speaks both languages. */
function assertWellFormed(issues: RosterIssue[]): void {
  for (const issue of issues) {
    assert.equal(issue.where, `linje ${issue.line} / line ${issue.line}`);
    assert.ok(issue.message.da.length > 0 && issue.message.en.length > 0);
    assert.notEqual(issue.message.da, issue.message.en);
  }
}

function only(issues: RosterIssue[]): RosterIssue {
  assert.equal(issues.length, 1, JSON.stringify(issues, null, 2));
  assertWellFormed(issues);
  return issues[0] as RosterIssue;
}

describe('roster validation', () => {
  it('accepts a valid roster and normalises it', () => {
    const input = rows();
    input[1] = row(
      3,
      '  Leder@Vandvaerk.EXAMPLE ',
      ' Lars Leder ',
      ' DIREKTOER@vandvaerk.example',
      ' Leader ; employee ;leader',
    );
    input[2] = row(
      4,
      'anna@vandvaerk.example',
      'Anna Ansat',
      'leder@vandvaerk.example',
      'employee',
      ' Udvikling ',
    );
    const result = validateRoster(ORG, input);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.people[0], {
      orgId: ORG,
      email: 'direktoer@vandvaerk.example',
      name: 'Dorte Direktør',
      department: 'Drift',
      roles: ['leader'],
    });
    assert.deepEqual(result.people[1], {
      orgId: ORG,
      email: 'leder@vandvaerk.example',
      name: 'Lars Leder',
      department: 'Drift',
      leaderEmail: 'direktoer@vandvaerk.example',
      roles: ['employee', 'leader'],
    });
    assert.equal(result.people[2]?.department, 'Udvikling');
    assert.deepEqual(result.people[3]?.roles, ['employee', 'hr']);
  });

  it('accepts the sample roster: 29 people, 3 leaders, 1 HR, 25 plain employees', () => {
    const { rows: sample, issues } = parseRosterCsv(
      readFileSync('tests/fixtures/roster-sample.csv'),
    );
    assert.deepEqual(issues, []);
    const result = validateRoster(ORG, sample);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.people.length, 29);
    assert.equal(result.people.filter((p) => p.roles.includes('leader')).length, 3);
    assert.equal(result.people.filter((p) => p.roles.includes('hr')).length, 1);
    assert.equal(
      result.people.filter((p) => p.roles.length === 1 && p.roles[0] === 'employee').length,
      25,
    );
  });

  it('reports a missing email on its line', () => {
    const input = rows();
    input[2] = row(4, '  ', 'Anna Ansat', 'leder@vandvaerk.example', 'employee');
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 4);
    assert.match(issue.message.da, /e-mailadressen mangler/i);
    assert.match(issue.message.en, /email address is missing/i);
  });

  it('reports an invalid email, quoting it', () => {
    const input = rows();
    input[2] = row(
      4,
      'anna.vandvaerk.example',
      'Anna Ansat',
      'leder@vandvaerk.example',
      'employee',
    );
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 4);
    assert.match(issue.message.da, /"anna\.vandvaerk\.example" er ikke en gyldig e-mailadresse/);
    assert.match(issue.message.en, /is not a valid email address/);
  });

  it('reports a missing name', () => {
    const input = rows();
    input[3] = row(5, 'bent@vandvaerk.example', ' ', 'leder@vandvaerk.example', 'employee');
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 5);
    assert.match(issue.message.da, /Navnet mangler/);
    assert.match(issue.message.en, /name is missing/);
  });

  it('reports a duplicate email, naming both lines', () => {
    const input = [...rows(), row(9, 'ANNA@vandvaerk.example', 'Anna Igen', '', 'employee')];
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 9);
    assert.match(
      issue.message.da,
      /anna@vandvaerk\.example står to gange: på linje 4 og på linje 9/,
    );
    assert.match(issue.message.en, /appears twice: on line 4 and on line 9/);
  });

  it('reports a leader who is not in the file', () => {
    const input = rows();
    input[2] = row(
      4,
      'anna@vandvaerk.example',
      'Anna Ansat',
      'ukendt@vandvaerk.example',
      'employee',
    );
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 4);
    assert.match(issue.message.da, /Lederen ukendt@vandvaerk\.example findes ikke i listen/);
    assert.match(issue.message.en, /leader ukendt@vandvaerk\.example is not in the list/);
  });

  it('reports an invalid leader email', () => {
    const input = rows();
    input[2] = row(4, 'anna@vandvaerk.example', 'Anna Ansat', 'leder(at)vandvaerk', 'employee');
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 4);
    assert.match(issue.message.en, /leader email "leder\(at\)vandvaerk" is not a valid email/);
  });

  it('reports a leader without the leader role once, on the leader line, naming the team lines', () => {
    const input = rows();
    input[1] = row(
      3,
      'leder@vandvaerk.example',
      'Lars Leder',
      'direktoer@vandvaerk.example',
      'employee',
    );
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 3);
    assert.match(
      issue.message.da,
      /Lars Leder er angivet som leder \(linje 4, linje 5\), men har ikke rollen leader/,
    );
    assert.match(
      issue.message.en,
      /Lars Leder is named as leader \(line 4, line 5\) but does not have the role leader/,
    );
  });

  it('lists at most ten team lines for a leader without the role', () => {
    const team = Array.from({ length: 12 }, (_, i) =>
      row(10 + i, `m${i}@vandvaerk.example`, `M${i}`, 'anna@vandvaerk.example', 'employee'),
    );
    const issue = only(issuesOf(validateRoster(ORG, [...rows(), ...team])));
    assert.equal(issue.line, 4);
    assert.match(issue.message.da, /\(linje 10, .*, linje 19 og 2 flere\)/);
    assert.match(issue.message.en, /\(line 10, .*, line 19 and 2 more\)/);
  });

  it('reports an unknown role and a missing role', () => {
    const input = rows();
    input[2] = row(
      4,
      'anna@vandvaerk.example',
      'Anna Ansat',
      'leder@vandvaerk.example',
      'employee;chef',
    );
    input[3] = row(5, 'bent@vandvaerk.example', 'Bent Ansat', 'leder@vandvaerk.example', ' ; ');
    const issues = issuesOf(validateRoster(ORG, input));
    assertWellFormed(issues);
    assert.deepEqual(
      issues.map((i) => i.line),
      [4, 5],
    );
    assert.match(
      issues[0]?.message.da ?? '',
      /Ukendt rolle "chef"\. Brug en eller flere af employee, leader, hr/,
    );
    assert.match(issues[0]?.message.en ?? '', /Unknown role "chef"/);
    assert.match(issues[1]?.message.da ?? '', /Rollen mangler/);
  });

  it('accepts the Danish role words medarbejder and leder', () => {
    const input = rows();
    input[1] = row(
      3,
      'leder@vandvaerk.example',
      'Lars Leder',
      'direktoer@vandvaerk.example',
      'Medarbejder;Leder',
    );
    const result = validateRoster(ORG, input);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.people[1]?.roles, ['employee', 'leader']);
  });

  it('reports a cycle in the leader chain once, naming everybody in it', () => {
    const input = [
      ...rows(),
      row(6, 'a@vandvaerk.example', 'Alma', 'c@vandvaerk.example', 'leader'),
      row(7, 'b@vandvaerk.example', 'Bo', 'a@vandvaerk.example', 'leader'),
      row(8, 'c@vandvaerk.example', 'Cille', 'b@vandvaerk.example', 'leader'),
      row(9, 'd@vandvaerk.example', 'Dan', 'c@vandvaerk.example', 'employee'),
    ];
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 6);
    assert.equal(
      issue.message.da,
      'Lederkæden går i ring: Alma (linje 6) → Cille (linje 8) → Bo (linje 7) → Alma (linje 6). Nogen i kæden skal have en anden leder eller ingen.',
    );
    assert.match(
      issue.message.en,
      /goes round in a circle: Alma \(line 6\) → Cille \(line 8\) → Bo \(line 7\) → Alma \(line 6\)/,
    );
  });

  it('reports a person who is their own leader', () => {
    const input = rows();
    input[0] = row(
      2,
      'direktoer@vandvaerk.example',
      'Dorte Direktør',
      'direktoer@vandvaerk.example',
      'leader',
    );
    const issue = only(issuesOf(validateRoster(ORG, input)));
    assert.equal(issue.line, 2);
    assert.match(issue.message.da, /Dorte Direktør \(linje 2\) er angivet som sin egen leder/);
  });

  it('reports oversize name and department', () => {
    const input = rows();
    input[2] = row(
      4,
      'anna@vandvaerk.example',
      'A'.repeat(201),
      'leder@vandvaerk.example',
      'employee',
    );
    input[3] = row(
      5,
      'bent@vandvaerk.example',
      'Bent',
      'leder@vandvaerk.example',
      'employee',
      'D'.repeat(201),
    );
    const issues = issuesOf(validateRoster(ORG, input));
    assertWellFormed(issues);
    assert.equal(issues.length, 2);
    assert.match(issues[0]?.message.da ?? '', /Navnet er for langt \(201 tegn, højst 200\)/);
    assert.match(
      issues[1]?.message.en ?? '',
      /department is too long \(201 characters, at most 200\)/,
    );
    // Exactly at the limit is fine.
    input[2] = row(
      4,
      'anna@vandvaerk.example',
      'A'.repeat(200),
      'leder@vandvaerk.example',
      'employee',
    );
    input[3] = row(
      5,
      'bent@vandvaerk.example',
      'Bent',
      'leder@vandvaerk.example',
      'employee',
      'D'.repeat(200),
    );
    assert.ok(validateRoster(ORG, input).ok);
  });

  it('checks every line and reports all problems, sorted by line', () => {
    const input = [
      row(2, 'direktoer@vandvaerk.example', 'Dorte', '', 'leader'),
      row(3, 'ikke-en-mail', 'X', '', 'employee'),
      row(4, 'y@vandvaerk.example', '', 'direktoer@vandvaerk.example', 'boss'),
      row(5, 'z@vandvaerk.example', 'Z', 'nobody@vandvaerk.example', 'employee'),
      row(6, 'direktoer@vandvaerk.example', 'Dorte 2', '', 'leader'),
    ];
    const issues = issuesOf(validateRoster(ORG, input));
    assertWellFormed(issues);
    assert.deepEqual(
      issues.map((i) => i.line),
      [3, 4, 4, 5, 6],
    );
  });

  it('rejects an empty roster', () => {
    const issues = issuesOf(validateRoster(ORG, []));
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message.da ?? '', /ingen personer/);
  });

  it('names rows from other sources by their own label', () => {
    const input = rows();
    input[2] = { ...row(4, '', 'Anna', '', 'employee'), where: 'Entra: anna@tenant.example' };
    const issues = issuesOf(validateRoster(ORG, input));
    assert.equal(issues[0]?.where, 'Entra: anna@tenant.example');
  });
});
