import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured logger for the server; modules take a child logger with their own context. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'mus-for-teams' } });
}
