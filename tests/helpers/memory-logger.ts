import { pino } from 'pino';
import type { Logger } from '../../bot/logger.js';

/** One log line as pino wrote it. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** A real pino logger that keeps its lines in memory, so tests can assert what was logged. */
export function memoryLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino(
    { level: 'debug' },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return { log, lines };
}

/** pino's numeric level for `error`. */
export const ERROR_LEVEL = 50;
