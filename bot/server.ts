import restify, { type Next, type Request, type Response, type Server } from 'restify';
import { existsSync } from 'node:fs';
import type { Logger } from './logger.js';
import { newCorrelationId, sendError } from './api/error-responses.js';
import { loopbackHostOnly, safetyHeaders } from './http-safety.js';
import { serveTabFiles } from './tab-static.js';
import { ERRORS_TEXTS } from '../texts/errors.js';

export interface ServerDeps {
  devMode: boolean;
  log: Logger;
  /** True when the Table service answers. */
  storageReachable: () => Promise<boolean>;
  /** The Bot Framework endpoint (POST /api/messages). */
  handleBotRequest: (req: Request, res: Response) => Promise<void>;
  /** Registers the tab's API routes. */
  registerApi?: Array<(server: Server) => void>;
  /** Folder with the tab's built static files. */
  tabDir?: string;
}

type RestifyError = Error & { statusCode?: number; toJSON?: () => unknown };

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Builds the one HTTP server: the bot endpoint, health, the tab's API and static page. It does not
 * listen; the caller does (tests on port 0).
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'mus-for-teams', handleUncaughtExceptions: false });
  if (deps.devMode) server.pre(loopbackHostOnly);
  server.pre(safetyHeaders);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // JSON only: a roster upload (text/csv) reaches its route as raw text; restify's own CSV parser
  // would reject Danish Excel's semicolon files before our validation could explain them.
  // restify passes these options on to its body reader; its typings omit maxBodySize.
  const jsonOptions = { mapParams: false, maxBodySize: MAX_BODY_BYTES };
  server.use(restify.plugins.jsonBodyParser(jsonOptions));

  server.get('/healthz', async (_req: Request, res: Response) => {
    const reachable = await deps.storageReachable().catch(() => false);
    res.status(reachable ? 200 : 503);
    res.json({
      status: reachable ? 'ok' : 'degraded',
      storage: reachable ? 'reachable' : 'unreachable',
      mode: deps.devMode ? 'dev' : 'production',
    });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      await deps.handleBotRequest(req, res);
    } catch (error) {
      // The adapter answers the request itself; this is only reached if it could not.
      deps.log.error({ err: error }, 'bot request failed');
      if (!res.headersSent) sendError(res, error, deps.log);
    }
  });

  for (const register of deps.registerApi ?? []) register(server);

  if (deps.tabDir && existsSync(deps.tabDir)) {
    // restify 11 refuses a non-async handler without `next`; redirect() completes through it.
    server.get('/', (_req: Request, res: Response, next: Next) => {
      res.redirect(302, '/tab/index.html', next);
    });
    server.get('/tab/*', serveTabFiles(deps.tabDir));
    server.head('/tab/*', serveTabFiles(deps.tabDir));
  }

  server.on(
    'restifyError',
    (_req: Request, _res: Response, err: RestifyError, callback: () => void) => {
      // Turns restify's own errors (unknown route, body too large…) into our bilingual shape.
      const status = err.statusCode ?? 500;
      // restify sends only errors with a status as they are; any other error (a bug in a handler)
      // would go out with its own message. Give it one, so it goes out in our shape below.
      err.statusCode = status;
      const correlationId = status >= 500 ? newCorrelationId() : undefined;
      if (correlationId) deps.log.error({ err, correlationId }, 'server error');
      err.toJSON = () => ({
        error: {
          code:
            status === 404
              ? 'not_found'
              : status === 413
                ? 'too_large'
                : status >= 500
                  ? 'unexpected'
                  : 'bad_request',
          message: restifyMessage(status),
          ...(correlationId ? { correlationId } : {}),
        },
      });
      callback();
    },
  );
  return server;
}

function restifyMessage(status: number): { da: string; en: string } {
  if (status === 404) return ERRORS_TEXTS.http.notFound;
  if (status === 413) {
    return ERRORS_TEXTS.http.requestTooLargeAt;
  }
  if (status >= 500) {
    return ERRORS_TEXTS.http.somethingWentWrongPlease;
  }
  return ERRORS_TEXTS.http.requestCouldNotBe;
}
