import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive, readRunningApp, runningFilePath } from '../../bot/running-file.js';
import { freePort } from '../../bot/storage/embedded-azurite.js';
import { testStorage } from '../helpers/azurite.js';

/*
 * The foundation's promises, checked against the real program: `node --import tsx bot/index.ts` in its
 * own process, on a fresh data folder, stopped with real signals. Every child (and every Azurite it
 * left behind) is killed after each test, pass or fail.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HR_EMAIL = 'lone.hvid@vandvaerk.example';
const READY_WITHIN_MS = 30_000;

/** Settings the developer's shell may carry that would change what the app does. */
const SCRUBBED = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'DATA_DIR',
  'STORAGE_CONNECTION_STRING',
  'STORAGE_ACCOUNT_URL',
  'AZURE_CLIENT_ID',
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'AAD_APP_CLIENT_ID',
  'ALLOWED_TENANTS',
];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface AppProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** Everything written to stdout and stderr so far, interleaved. */
  output(): string;
  exited: Promise<Exit>;
}

const children = new Set<AppProcess>();
const dataDirs: string[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mus-app-'));
  dataDirs.push(dir);
  return dir;
}

/** Starts the app as `npm start` does, with only the environment given here (plus PATH and the like). */
async function spawnApp(options: {
  dataDir: string;
  args?: string[];
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of SCRUBBED) delete env[key];
  const port = await freePort();
  Object.assign(env, { DATA_DIR: options.dataDir, PORT: String(port) }, options.env);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bot/index.ts', ...(options.args ?? [])],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const app: AppProcess = {
    child,
    pid: child.pid ?? -1,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
  };
  children.add(app);
  return app;
}

async function health(url: string): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return undefined;
  }
}

/**
 * Waits until the app has printed where it listens and /healthz answers 200 with storage reachable.
 * Fails at once if the app exits, and after 30 s otherwise; returns how long it took.
 */
async function waitUntilReady(app: AppProcess): Promise<number> {
  const started = Date.now();
  let exit: Exit | undefined;
  void app.exited.then((e) => (exit = e));
  while (Date.now() - started < READY_WITHIN_MS) {
    if (exit) {
      assert.fail(`the app exited (${JSON.stringify(exit)}) before it was ready:\n${app.output()}`);
    }
    if (app.output().includes('listens on')) {
      const answer = await health(app.url);
      if (answer?.status === 200) {
        assert.deepEqual(answer.body, { status: 'ok', storage: 'reachable', mode: 'dev' });
        return Date.now() - started;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the app was not ready within ${READY_WITHIN_MS} ms:\n${app.output()}`);
}

/** Sends a signal and waits for the exit, failing (rather than hanging) if it does not come. */
async function stop(app: AppProcess, signal: NodeJS.Signals, timeoutMs = 20_000): Promise<Exit> {
  app.child.kill(signal);
  const timeout = new Promise<never>((_resolve, reject) => {
    setTimeout(
      () => reject(new Error(`no exit ${timeoutMs} ms after ${signal}:\n${app.output()}`)),
      timeoutMs,
    ).unref();
  });
  return Promise.race([app.exited, timeout]);
}

async function me(url: string, email: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/me`, { headers: { 'x-mus-dev-user': email } });
  return { status: res.status, body: await res.json() };
}

/** The process ids whose command line mentions `text` (here: a data folder nobody else uses). */
function pidsMentioning(text: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // not Linux: rely on running.json alone
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function killHard(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the app as a process (npm start)', function () {
  this.timeout(120_000);

  afterEach(async () => {
    // Apps still running get SIGINT first, so they stop their own Azurite; then anything left dies.
    const running = [...children].filter((a) => a.child.exitCode === null && !a.child.signalCode);
    for (const app of running) app.child.kill('SIGINT');
    await Promise.all(
      running.map((app) =>
        Promise.race([app.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]),
      ),
    );
    for (const app of children) killHard(app.pid);
    children.clear();
    for (const dir of dataDirs.splice(0)) {
      const recorded = readRunningApp(dir);
      if (recorded) killHard(recorded.azuritePid);
      // An Azurite whose app died before it wrote running.json is found by its --location.
      for (const pid of pidsMentioning(join(dir, 'azurite'))) killHard(pid);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is ready within 30 s on embedded Azurite, says where it listens and that it is in dev mode, on 127.0.0.1 only', async () => {
    const dataDir = freshDataDir();
    // HOST asks for every address; dev mode (no bot credentials) must keep to loopback regardless.
    const app = await spawnApp({ dataDir, env: { HOST: '0.0.0.0' } });
    const tookMs = await waitUntilReady(app);
    assert.ok(tookMs < READY_WITHIN_MS);

    const out = app.output();
    assert.match(out, new RegExp(`lytter på / listens on ${app.url}\\n`));
    assert.match(out, new RegExp(`POST ${app.url}/api/messages`));
    assert.match(out, new RegExp(`GET  ${app.url}/healthz`));
    assert.match(out, /Udviklingstilstand \/ dev mode/);
    assert.match(out, /indlejret Azurite \/ embedded Azurite/);
    assert.ok(existsSync(join(dataDir, 'azurite')), 'Azurite keeps its data in DATA_DIR/azurite');

    const running = readRunningApp(dataDir);
    assert.ok(running, 'running.json tells tools which Azurite to use');
    assert.equal(running.appPid, app.pid);
    assert.equal(running.url, app.url);
    assert.ok(isAlive(running.azuritePid));

    assert.equal(await canConnect('127.0.0.1', app.port), true);
    // The whole of 127/8 is loopback on Linux: a socket bound to 0.0.0.0 would answer here.
    assert.equal(await canConnect('127.0.0.2', app.port), false, '127.0.0.2 is refused');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      assert.equal(
        await canConnect(external.address, app.port),
        false,
        `${external.address} is refused`,
      );
    }
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`with --demo loads the sample roster; ${signal} exits 0, removes running.json, and the next start finds the data`, async () => {
      const dataDir = freshDataDir();
      const first = await spawnApp({ dataDir, args: ['--demo'] });
      await waitUntilReady(first);
      const hr = await me(first.url, HR_EMAIL);
      assert.equal(hr.status, 200);
      assert.deepEqual(hr.body, {
        email: HR_EMAIL,
        name: 'Lone Hvid',
        department: 'HR',
        roles: ['employee', 'hr'],
        leaderEmail: 'mette.kjaer@vandvaerk.example',
      });
      assert.ok(existsSync(runningFilePath(dataDir)));
      const azuritePid = readRunningApp(dataDir)?.azuritePid ?? -1;

      assert.deepEqual(await stop(first, signal), { code: 0, signal: null });
      assert.match(first.output(), /Stoppet; data er gemt\. \/ Stopped; data saved\./);
      assert.equal(existsSync(runningFilePath(dataDir)), false, 'running.json is removed');
      assert.equal(isAlive(azuritePid), false, 'its Azurite stopped with it');

      const second = await spawnApp({ dataDir });
      await waitUntilReady(second);
      assert.deepEqual(await me(second.url, HR_EMAIL), hr, 'the HR person survived the restart');
      assert.deepEqual(await stop(second, signal), { code: 0, signal: null });
    });
  }

  it('a second instance on the same data folder refuses to start, in Danish and English, and exits 1', async () => {
    const dataDir = freshDataDir();
    const first = await spawnApp({ dataDir });
    await waitUntilReady(first);

    const second = await spawnApp({ dataDir });
    const exit = await Promise.race([
      second.exited,
      new Promise<never>((_resolve, reject) =>
        setTimeout(() => reject(new Error(second.output())), 20_000).unref(),
      ),
    ]);
    assert.deepEqual(exit, { code: 1, signal: null });
    const out = second.output();
    assert.match(out, new RegExp(`kører allerede på ${first.url} \\(pid ${first.pid}\\)`));
    assert.match(out, new RegExp(`is already running at ${first.url} \\(pid ${first.pid}\\)`));
    assert.doesNotMatch(out, /listens on/);

    // The refused start touched nothing of the running one.
    assert.equal(readRunningApp(dataDir)?.appPid, first.pid);
    assert.equal((await health(first.url))?.status, 200);
  });

  it('after the app is killed with SIGKILL, the next start stops the orphaned Azurite and starts cleanly', async () => {
    const dataDir = freshDataDir();
    const first = await spawnApp({ dataDir, args: ['--demo'] });
    await waitUntilReady(first);
    const orphan = readRunningApp(dataDir);
    assert.ok(orphan);

    assert.deepEqual(await stop(first, 'SIGKILL'), { code: null, signal: 'SIGKILL' });
    assert.ok(isAlive(orphan.azuritePid), 'Azurite outlives a killed app (own process group)');
    assert.ok(existsSync(runningFilePath(dataDir)), 'a killed app cannot remove running.json');

    const second = await spawnApp({ dataDir });
    await waitUntilReady(second);
    assert.equal(isAlive(orphan.azuritePid), false, 'the orphaned Azurite was stopped');
    const now = readRunningApp(dataDir);
    assert.equal(now?.appPid, second.pid);
    assert.notEqual(now?.azuritePid, orphan.azuritePid);
    assert.deepEqual(await stop(second, 'SIGINT'), { code: 0, signal: null });
  });

  it('in production without credentials exits 1 and names MicrosoftAppId and the storage settings', async () => {
    const dataDir = freshDataDir();
    const app = await spawnApp({ dataDir, env: { NODE_ENV: 'production' } });
    const exit = await Promise.race([
      app.exited,
      new Promise<never>((_resolve, reject) =>
        setTimeout(() => reject(new Error(app.output())), 20_000).unref(),
      ),
    ]);
    assert.deepEqual(exit, { code: 1, signal: null });
    const out = app.output();
    assert.match(out, /Konfigurationen er ikke gyldig \/ The configuration is not valid/);
    assert.match(out, /MicrosoftAppId/);
    assert.match(out, /STORAGE_ACCOUNT_URL/);
    assert.match(out, /STORAGE_CONNECTION_STRING/);
    assert.equal(existsSync(join(dataDir, 'azurite')), false, 'no Azurite was started');
  });

  it('with STORAGE_CONNECTION_STRING starts no Azurite of its own and is healthy', async () => {
    const storage = await testStorage();
    const dataDir = freshDataDir();
    const app = await spawnApp({
      dataDir,
      env: { STORAGE_CONNECTION_STRING: storage.connectionString },
    });
    await waitUntilReady(app);
    assert.match(app.output(), /Lagring \/ storage: connection-string/);
    assert.equal(existsSync(join(dataDir, 'azurite')), false, 'no azurite folder');
    assert.equal(existsSync(runningFilePath(dataDir)), false, 'no running.json');
    assert.deepEqual(pidsMentioning(join(dataDir, 'azurite')), [], 'no Azurite process');
    assert.deepEqual(await stop(app, 'SIGINT'), { code: 0, signal: null });
  });
});
