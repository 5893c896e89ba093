import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO_ROSTER } from '../../bot/demo-data.js';

/*
 * The README tells a developer whom to be in the tab (`?devUser=<email>`) and in the playground
 * (`--as leader` …, by name). Each must be someone in the demo roster, or following the README ends
 * in "unknown user".
 */

const readme = readFileSync('README.md', 'utf8');
const roster = readFileSync(DEMO_ROSTER, 'utf8').toLowerCase();

describe("the README's dev users", () => {
  it('every ?devUser= email the README names is in the demo roster', () => {
    const emails = [...readme.matchAll(/devUser=([^\s`&)]+@[^\s`&)]+)/g)].map((m) => m[1] ?? '');
    assert.ok(emails.length > 0, 'the README names at least one dev user');
    assert.deepEqual(
      emails.filter((email) => !roster.includes(email.toLowerCase())),
      [],
    );
  });

  it('every person the playground commands are said to run as is in the demo roster', () => {
    const names = [...readme.matchAll(/npm run playground[^\n]*# as [^(\n]*\(([^)]+)\)/g)].map(
      (m) => m[1] ?? '',
    );
    assert.ok(names.length >= 3, `found ${names.join(', ')}`);
    assert.deepEqual(
      names.filter((name) => !roster.includes(name.toLowerCase())),
      [],
    );
  });
});
