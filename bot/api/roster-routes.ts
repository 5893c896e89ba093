import { personRef } from '../logger.js';
import type { Request, Response, Server } from 'restify';
import { createLogger, type Logger } from '../logger.js';
import { demand, may } from '../mus/access-rules.js';
import { DomainError, TooLargeError } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { PersonRepository } from '../mus/repositories.js';
import { importRosterCsv } from '../roster/csv-roster.js';
import { sendError } from './error-responses.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';
import { fill } from '../../texts/fill.js';

/** A roster of 10,000 people is well under 1 MB; 2 MB leaves room without inviting abuse. */
export const MAX_ROSTER_BYTES = 2 * 1024 * 1024;

/**
 * Content types a CSV upload arrives with. Browsers label .csv files differently per OS (Excel on
 * Windows makes it application/vnd.ms-excel); octet-stream keeps a Windows-1252 file's bytes intact.
 */
const CSV_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

export interface RosterRouteDeps {
  people: PersonRepository;
  authenticate(req: Request): Promise<Person>;
  /** The organisation the caller acts for. */
  orgIdOf(person: Person): string;
  log?: Logger;
}

/**
 * POST /api/roster/import: HR uploads the roster as CSV (the body is the file, at most 2 MB).
 * 200 `{ created, updated, unchanged }`; 400 with every bad line in `error.issues` (nothing is
 * imported then); 401 without a valid sign-in; 403 for anyone but HR; 413 too large; 415 not CSV.
 *
 * The body is read here, not by a global parser. If the server parses bodies globally, it must leave
 * text/csv alone (restify's bodyParser turns text/csv into objects with its own, stricter CSV reader
 * and rejects `;`-separated or uneven files before this route sees them); this route then uses the
 * raw text restify keeps in `req.rawBody`, or a raw string/Buffer in `req.body`.
 */
export function registerRosterRoutes(server: Server, deps: RosterRouteDeps): void {
  const log = deps.log ?? createLogger('info').child({ module: 'roster-routes' });
  server.post('/api/roster/import', async (req: Request, res: Response) => {
    try {
      const person = await deps.authenticate(req);
      demand(may.importRoster(person));
      const body = await readCsvBody(req);
      const result = await importRosterCsv(deps.people, deps.orgIdOf(person), body);
      log.info({ by: personRef(person.email), ...result }, 'roster imported');
      res.json({
        ...result,
        message: fill(ERRORS_TEXTS.rosterRoutes.rosterWasImportedNew, {
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        }),
      });
    } catch (error) {
      // Whatever is left of an upload we refused is drained so the connection can answer.
      if (!req.complete) req.resume();
      sendError(res, error, log);
    }
  });
}

function tooLarge(): TooLargeError {
  return new TooLargeError(ERRORS_TEXTS.rosterRoutes.fileTooLargeAt);
}

/** The uploaded file as bytes (or text, when a parser already decoded it). */
async function readCsvBody(req: Request): Promise<string | Uint8Array> {
  const type = (req.getContentType() || '').toLowerCase();
  if (!CSV_TYPES.has(type)) {
    throw new UnsupportedMediaTypeError(ERRORS_TEXTS.rosterRoutes.sendRosterAsCsv);
  }
  const parsed = req as Request & { rawBody?: unknown };
  const already = typeof parsed.rawBody === 'string' ? parsed.rawBody : (req.body as unknown);
  if (typeof already === 'string' || already instanceof Uint8Array) {
    const size = typeof already === 'string' ? Buffer.byteLength(already) : already.byteLength;
    if (size > MAX_ROSTER_BYTES) throw tooLarge();
    return already;
  }
  if (Number(req.header('content-length') ?? 0) > MAX_ROSTER_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_ROSTER_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
