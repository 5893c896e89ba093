import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ValidationError } from '../../../bot/mus/errors.js';
import { detectDelimiter, parseRosterCsv } from '../../../bot/roster/csv-roster.js';

function rejection(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    return error;
  }
  assert.fail('expected a ValidationError');
}

describe('roster CSV', () => {
  it('reads the sample with the line number of every person', () => {
    const { rows, issues } = parseRosterCsv(readFileSync('tests/fixtures/roster-sample.csv'));
    assert.deepEqual(issues, []);
    assert.equal(rows.length, 29);
    assert.deepEqual(rows[0], {
      line: 2,
      email: 'Mette.Kjaer@vandvaerk.example',
      name: 'Mette Kjær',
      leaderEmail: '',
      department: 'Drift',
      roles: 'leader',
    });
    assert.equal(rows[28]?.line, 30);
  });

  it('tolerates a BOM, CRLF, `;` as delimiter, quoted roles and an odd header', () => {
    const csv =
      '\uFEFF Email ;NAME; Leader Email ;Department;Role\r\n' +
      'a@x.example;"Hansen; Anne";;Drift;"leader;employee"\r\n' +
      '\r\n' +
      'b@x.example;Bo;a@x.example;Drift;employee\r\n' +
      ';;;;\r\n';
    const { rows, issues } = parseRosterCsv(Buffer.from(csv, 'utf8'));
    assert.deepEqual(issues, []);
    assert.deepEqual(
      rows.map((r) => [r.line, r.email, r.name, r.leaderEmail, r.roles]),
      [
        [2, 'a@x.example', 'Hansen; Anne', '', 'leader;employee'],
        [4, 'b@x.example', 'Bo', 'a@x.example', 'employee'],
      ],
    );
  });

  it('reads columns in any order, the Danish headers, and ignores extra columns', () => {
    const csv =
      'rolle,navn,noter,e-mail,afdeling,leder_email\nemployee,Åse Øster,hej,aase@x.example,Kundeservice,\n';
    const { rows } = parseRosterCsv(csv);
    assert.deepEqual(rows, [
      {
        line: 2,
        email: 'aase@x.example',
        name: 'Åse Øster',
        leaderEmail: '',
        department: 'Kundeservice',
        roles: 'employee',
      },
    ]);
  });

  it("reads Excel's Windows-1252 files and its sep= line", () => {
    const csv =
      'sep=;\nemail;name;leader_email;department;role\nsoeren@x.example;Søren Ærø;;Drift;employee\n';
    const bytes = Buffer.from(csv, 'latin1'); // æ, ø are the same bytes in Windows-1252
    const { rows } = parseRosterCsv(bytes);
    assert.equal(rows[0]?.name, 'Søren Ærø');
    assert.equal(rows[0]?.line, 3);
  });

  it('reports a record spanning lines at the line it starts on', () => {
    const csv =
      'email,name,leader_email,department,role\na@x.example,"Anne\nHansen",,Drift,employee\nb@x.example,Bo,,Drift,employee\n';
    const { rows } = parseRosterCsv(csv);
    assert.deepEqual(
      rows.map((r) => r.line),
      [2, 4],
    );
  });

  it('reports lines with too many fields, and reads short lines as empty fields', () => {
    const csv =
      'email,name,leader_email,department,role\na@x.example,Hansen, Anne,,Drift,employee\nb@x.example,Bo\n';
    const { rows, issues } = parseRosterCsv(csv);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.line, 2);
    assert.equal(issues[0]?.where, 'linje 2 / line 2');
    assert.match(
      issues[0]?.message.da ?? '',
      /6 felter, men overskriften har 5\. Sæt anførselstegn om værdier, der indeholder ","/,
    );
    assert.match(issues[0]?.message.en ?? '', /6 fields but the header has 5/);
    assert.deepEqual(rows[1], {
      line: 3,
      email: 'b@x.example',
      name: 'Bo',
      leaderEmail: '',
      department: '',
      roles: '',
    });
  });

  it('names the missing columns of the header', () => {
    const error = rejection(() => parseRosterCsv('email;name;department\nx@y.example;X;Drift\n'));
    assert.equal(error.issues.length, 1);
    assert.equal(error.issues[0]?.where, 'linje 1 / line 1');
    assert.match(error.issues[0]?.message.da ?? '', /mangler kolonnerne leader_email, role/);
    assert.match(error.issues[0]?.message.en ?? '', /lacks the columns leader_email, role/);
  });

  it('rejects an empty file and a header naming a column twice', () => {
    assert.match(
      rejection(() => parseRosterCsv('\uFEFF\n\n')).issues[0]?.message.da ?? '',
      /Filen er tom/,
    );
    const twice = rejection(() => parseRosterCsv('email,mail,name,leader_email,department,role\n'));
    assert.match(twice.issues[0]?.message.en ?? '', /"mail" appears twice/);
  });

  it('reports an unclosed quote with its line', () => {
    const error = rejection(() =>
      parseRosterCsv(
        'email,name,leader_email,department,role\na@x.example,"Anne,,Drift,employee\n',
      ),
    );
    assert.match(error.issues[0]?.where ?? '', /^linje \d+ \/ line \d+$/);
    assert.match(error.issues[0]?.message.da ?? '', /anførselstegn/);
  });

  it('detects the delimiter from the header, ignoring quoted ones', () => {
    assert.equal(detectDelimiter('email,name,leader_email,department,role'), ',');
    assert.equal(detectDelimiter('email;name;leader_email;department;role'), ';');
    assert.equal(detectDelimiter('"a,b,c";name;x'), ';');
    assert.equal(detectDelimiter('email\tname\trole'), '\t');
  });
});
