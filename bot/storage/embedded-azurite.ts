import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { journalPreload } from './azurite-journal.js';
import { pointLookupPreload } from './azurite-point-lookups.js';

/** The well-known development account every Azurite accepts. */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `TableEndpoint=http://${host}:${port}/${AZURITE_ACCOUNT};`
  );
}

export interface EmbeddedAzurite {
  port: number;
  pid: number;
  connectionString: string;
  /** Stops Azurite with SIGINT, the only signal on which it saves its data, and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartAzuriteOptions {
  /** Folder for the data files (created if missing). */
  location: string;
  /** Port to listen on; a free one is picked when absent. */
  port?: number;
  /** Keep data in memory only (tests that need no persistence). */
  inMemory?: boolean;
  /** Milliseconds to wait for Azurite to say it started. */
  startTimeoutMs?: number;
  /**
   * Azurite as it comes, without the point-lookup speed-up (azurite-point-lookups.ts) or the journal
   * (azurite-journal.ts), for comparing. Do not point it at data written with the journal: it would
   * read the database file without the journal's last rows.
   */
  plainAzurite?: boolean;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function azuriteTableMain(): string {
  return createRequire(import.meta.url).resolve('azurite/dist/src/table/main.js');
}

/** Sends SIGINT and waits up to `timeoutMs` for the process to exit, then kills it. */
export async function interruptAndWait(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/**
 * Starts Azurite's Table service as a child process. It runs in its own process group so that a
 * Ctrl-C in the terminal reaches only our server, which then stops Azurite itself with SIGINT after
 * the server has finished writing.
 */
export async function startAzurite(options: StartAzuriteOptions): Promise<EmbeddedAzurite> {
  mkdirSync(options.location, { recursive: true });
  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOnce(options, port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

async function startOnce(options: StartAzuriteOptions, port: number): Promise<EmbeddedAzurite> {
  const args = [
    azuriteTableMain(),
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--silent',
  ];
  // Azurite refuses --location together with --inMemoryPersistence.
  if (options.inMemory) args.push('--inMemoryPersistence');
  else args.push('--location', options.location);
  // On disk, rows are saved as a journal of changes instead of the whole database each time.
  const nodeArgs = options.plainAzurite
    ? []
    : [
        ...pointLookupPreload(options.location),
        ...(options.inMemory ? [] : journalPreload(options.location)),
      ];
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start within ${options.startTimeoutMs ?? 20_000} ms`));
    }, options.startTimeoutMs ?? 20_000);
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      if (output.join('').includes('successfully started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Azurite exited while starting (code ${String(code)}, signal ${String(signal)}): ${output.join('').slice(-500)}`,
        ),
      );
    });
  });
  child.removeAllListeners('exit');
  // Keep draining its output so the pipe never fills up and blocks Azurite.
  child.stdout?.resume();
  child.stderr?.resume();
  const stopOnExit = (): void => {
    if (child.exitCode === null) child.kill('SIGINT');
  };
  process.once('exit', stopOnExit);
  return {
    port,
    pid: child.pid ?? -1,
    connectionString: azuriteConnectionString(port),
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await interruptAndWait(child);
    },
  };
}
