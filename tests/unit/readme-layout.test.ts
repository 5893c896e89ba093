import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

/*
 * README's "Layout" is where a newcomer finds their way: every folder under bot/ and every top-level
 * module of bot/ must be named there, so a new folder cannot land without a line saying what it holds.
 */

function layoutBlock(): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Layout');
  assert.ok(start >= 0, 'README has a Layout section');
  const fence = readme.indexOf('```', start);
  return readme.slice(fence, readme.indexOf('```', fence + 3));
}

describe('README’s layout names every part of the server', () => {
  const layout = layoutBlock();
  const entries = readdirSync('bot', { withFileTypes: true });

  it('lists every folder under bot/ with what it holds', () => {
    const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    assert.ok(folders.length >= 12, `only ${folders.length} folders found`);
    const missing = folders.filter((name) => !new RegExp(`^  ${name}/ +\\S`, 'm').test(layout));
    assert.deepEqual(missing, []);
  });

  it('names every top-level module of bot/', () => {
    const modules = entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => e.name);
    const missing = modules.filter((name) => !layout.includes(name));
    assert.deepEqual(missing, []);
  });
});
