/*
 * The server of `npm run bench:round`: bot/index.ts, the composition `npm start` runs, bundled as
 * `npm run build` bundles it and run with plain node and production's node options (package.json
 * `start:prod`), in a process of its own so that its memory is its own. It talks to the benchmark's
 * storage and fake Teams over HTTP like any other server; its log lines are read for the few events
 * the benchmark waits for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The node options production runs the server with (package.json `start:prod`). */
export function productionNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts['start:prod'] ?? '').split(' ').filter((word) => word.startsWith('--'));
}

/** One line the server logged (pino JSON), as far as the benchmark reads it. */
export interface ServerLogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BenchServer {
  url: string;
  pid: number;
  /** Log lines at warn and above, for the report. */
  readonly warnings: ServerLogLine[];
  /** Resolves with the first log line `match` accepts (lines logged before the call count too). */
  waitForLog(match: (line: ServerLogLine) => boolean, timeoutMs: number): Promise<ServerLogLine>;
  /** The kernel's high-water mark of the server's resident memory so far (VmHWM), bytes. */
  peakRss(): number;
  /** Resident memory now (VmRSS), bytes. */
  rss(): number;
  /** CPU seconds the server has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Bundles bot/index.ts like `npm run build`, next to the project's node_modules. */
async function bundleServer(): Promise<string> {
  const outfile = join(projectRoot, 'node_modules', '.cache', 'mus-bench', 'round-server.mjs');
  await build({
    entryPoints: [join(projectRoot, 'bot', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

function procStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds a process has used so far (Linux /proc), or 0 where that cannot be read. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export async function startBenchServer(options: {
  port: number;
  connectionString: string;
  dataDir: string;
  ratePerSecond: number;
  nodeArgs: string[];
  /** Sees the warnings and the dispatcher's periodic stats as they are logged. */
  onLogLine?: (line: ServerLogLine) => void;
}): Promise<BenchServer> {
  const script = await bundleServer();
  const child: ChildProcess = spawn(process.execPath, [...options.nodeArgs, script], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: '',
      PORT: String(options.port),
      STORAGE_CONNECTION_STRING: options.connectionString,
      DATA_DIR: options.dataDir,
      ROLLOUT_RATE_PER_SECOND: String(options.ratePerSecond),
      LOG_LEVEL: 'info',
      MicrosoftAppId: '',
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  const lines: ServerLogLine[] = [];
  const warnings: ServerLogLine[] = [];
  const waiters = new Set<{
    match: (l: ServerLogLine) => boolean;
    resolve: (l: ServerLogLine) => void;
  }>();
  let listening: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (listening = resolve));
  const read = (stream: NodeJS.ReadableStream | null): void => {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (text) => {
      if (text.includes('listens on')) listening();
      if (!text.startsWith('{')) return;
      let line: ServerLogLine;
      try {
        line = JSON.parse(text) as ServerLogLine;
      } catch {
        return;
      }
      // Only the lines someone waits for or reports are kept, so a long run does not pile them up.
      if (line.level >= 40) warnings.push(line);
      // What the server's background work is doing, shown as it happens.
      if (line.level >= 40 || line.msg === 'dispatcher stats') options.onLogLine?.(line);
      for (const waiter of waiters) {
        if (waiter.match(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
      if (/roster/.test(line.msg)) lines.push(line);
    });
  };
  read(child.stdout);
  read(child.stderr);
  const exited = once(child, 'exit');
  const failedToStart = exited.then(([code]) => {
    throw new Error(`the server exited with ${String(code)} before it listened`);
  });
  await Promise.race([
    started,
    failedToStart,
    sleep(60_000).then(() => {
      throw new Error('the server did not listen within 60 s');
    }),
  ]);
  void failedToStart.catch(() => undefined);
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid,
    warnings,
    waitForLog: (match, timeoutMs) => {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no such log line within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    peakRss: () => procStatusBytes(pid, 'VmHWM'),
    rss: () => procStatusBytes(pid, 'VmRSS'),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
