import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTableStorage } from '../../../bot/storage/open-table-storage.js';
import { testStorage } from '../../helpers/azurite.js';
import { FAKE_GRAPH_TOKEN, fakeTenant, startFakeGraph } from '../../helpers/fake-graph.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would, in its own process, with only the environment given here. */
function roster(args: string[], env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  for (const key of [
    'STORAGE_CONNECTION_STRING',
    'STORAGE_ACCOUNT_URL',
    'DATA_DIR',
    'GRAPH_BASE_URL',
  ]) {
    delete base[key];
  }
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'scripts/roster.ts', ...args],
      { env: { ...base, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('roster command line', function () {
  this.timeout(90_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mus-roster-cli-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports the sample into its own Azurite, prints the counts, and a second run changes nothing', async () => {
    const first = await roster(['import', 'tests/fixtures/roster-sample.csv'], {
      DATA_DIR: dataDir,
    });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /nye \/ created: 29\n/);
    assert.match(first.stdout, /ændrede \/ updated: 0\n/);
    assert.match(first.stdout, /org default/);
    // Azurite was stopped with SIGINT and saved: the second run finds everybody.
    const second = await roster(['import', 'tests/fixtures/roster-sample.csv'], {
      DATA_DIR: dataDir,
    });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /nye \/ created: 0\n/);
    assert.match(second.stdout, /uændrede \/ unchanged: 29/);
  });

  it('a file with a bad line exits 1, naming the line in Danish then English, and imports nothing', async () => {
    const run = await roster(['import', 'tests/fixtures/roster-bad-line.csv'], {
      DATA_DIR: dataDir,
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /linje 15 \/ line 15: Lederen soeren\.dahl@vandvaerk\.example findes ikke i listen\.[^\n]*\n\s+The leader soeren\.dahl@vandvaerk\.example is not in the list\./,
    );
    const again = await roster(['import', 'tests/fixtures/roster-sample.csv'], {
      DATA_DIR: dataDir,
    });
    assert.match(again.stdout, /nye \/ created: 29\n/, 'nothing was left by the failed import');
  });

  it("uses the running app's storage, and syncs from Graph", async () => {
    const { connectionString } = await testStorage();
    // This test process plays the running app: it is alive, and its storage is the test Azurite.
    writeFileSync(
      join(dataDir, 'running.json'),
      JSON.stringify({
        appPid: process.pid,
        azuritePid: process.pid,
        connectionString,
        url: 'http://x',
      }),
    );
    const org = `cli${randomBytes(4).toString('hex')}`;
    const graph = await startFakeGraph({ users: fakeTenant });
    try {
      const env = {
        DATA_DIR: dataDir,
        GRAPH_BASE_URL: graph.baseUrl,
        GRAPH_ACCESS_TOKEN: FAKE_GRAPH_TOKEN,
      };
      const run = await roster(['sync-graph', '--org', org], env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /nye \/ created: 8\n/);
      assert.match(run.stdout, /den kørende apps lager/);
      const { repositories } = await openTableStorage({ connectionString });
      assert.equal((await repositories.people.list(org)).length, 8);
      const again = await roster(['sync-graph', '--org', org], env);
      assert.match(again.stdout, /uændrede \/ unchanged: 8/);
    } finally {
      await graph.close();
    }
  });

  it('explains its usage and exits 2 on a wrong command', async () => {
    const run = await roster(['export'], { DATA_DIR: dataDir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /npm run roster -- import FILE\.csv/);
  });
});
