import type { Next, Request, Response } from 'restify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/*
 * Serves the tab's built files (scripts/build-tab.ts) from memory-cheap disk reads: the build wrote
 * every text file also as .br and .gz, so a request only picks the variant the browser accepts.
 * Hashed names (main-AB12CD34.js) change whenever their content does, so browsers may keep them for
 * a year; the HTML pages keep their names and must be revalidated every time.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A plain file name of the build: no folders, no dot files, only types we ship. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.(html|js|css|map)$/;

/** `name-HASH.ext` as the build writes it (esbuild's base32 hash or our hex hash, 8 characters). */
const HASHED_NAME = /-[A-Z0-9]{8}\.(js|css)(\.map)?$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

type Encoding = 'br' | 'gzip' | 'identity';

/** The encodings the client accepts (q > 0), from an Accept-Encoding header. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    accepted.add(token);
  }
  return accepted;
}

function chooseEncoding(header: string | undefined, file: string): Encoding {
  const accepted = acceptedEncodings(header);
  const any = accepted.has('*');
  if ((accepted.has('br') || any) && existsSync(`${file}.br`)) return 'br';
  if ((accepted.has('gzip') || any) && existsSync(`${file}.gz`)) return 'gzip';
  return 'identity';
}

/** GET/HEAD /tab/<file>: the built file, precompressed when the browser accepts it. */
export function serveTabFiles(tabDir: string) {
  return (req: Request, res: Response, next: Next): void => {
    const name = req.getPath().slice('/tab/'.length);
    const file = join(tabDir, name);
    if (!SAFE_NAME.test(name) || !existsSync(file) || !statSync(file).isFile()) {
      // The server's restifyError handler turns this into the bilingual 404 body.
      next(Object.assign(new Error('not found'), { statusCode: 404 }));
      return;
    }
    const encoding = chooseEncoding(req.headers['accept-encoding'], file);
    const body = readFileSync(
      encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : file,
    );
    res.setHeader('Content-Type', CONTENT_TYPES[extname(name)] ?? 'application/octet-stream');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', HASHED_NAME.test(name) ? IMMUTABLE : 'no-cache');
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : body);
    next();
  };
}
