import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * While `npm start` runs on embedded storage it leaves this file in the data folder, so that
 * command-line tools use the running app's Azurite instead of starting a second one on the same files.
 */
export interface RunningApp {
  appPid: number;
  azuritePid: number;
  connectionString: string;
  url: string;
}

export function runningFilePath(dataDir: string): string {
  return join(dataDir, 'running.json');
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readRunningApp(dataDir: string): RunningApp | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(runningFilePath(dataDir), 'utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      'appPid' in parsed &&
      'azuritePid' in parsed &&
      'connectionString' in parsed &&
      'url' in parsed &&
      typeof parsed.appPid === 'number' &&
      typeof parsed.azuritePid === 'number' &&
      typeof parsed.connectionString === 'string' &&
      typeof parsed.url === 'string'
    ) {
      return {
        appPid: parsed.appPid,
        azuritePid: parsed.azuritePid,
        connectionString: parsed.connectionString,
        url: parsed.url,
      };
    }
  } catch {
    // No file or unreadable file: nothing is running.
  }
  return undefined;
}

export function writeRunningApp(dataDir: string, app: RunningApp): void {
  writeFileSync(runningFilePath(dataDir), JSON.stringify(app, null, 2));
}

export function removeRunningApp(dataDir: string): void {
  rmSync(runningFilePath(dataDir), { force: true });
}
