import { createHash } from 'node:crypto';
import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured logger for the server; modules take a child logger with their own context. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'mus-for-teams' } });
}

/**
 * A person as the log names them: a short, stable hash of their email, never the email or name, so
 * the log tells one person's lines apart without holding personal data that outlives an erasure.
 */
export function personRef(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 12);
}
