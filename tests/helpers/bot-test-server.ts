import restify from 'restify';
import type { BotFramework, TurnHandler } from '../../bot/teams/bot-framework.js';

/** A running app's POST /api/messages, called as the Teams channel calls it. */
export interface BotEndpoint {
  url: string;
  /** Posts an activity as the Teams channel would (no token: dev mode). */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
}

export function botEndpoint(url: string): BotEndpoint {
  return {
    url,
    post: (activity, headers = {}) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }),
  };
}

/** A small restify server whose POST /api/messages goes to the Bot Framework transport. */
export interface BotTestServer extends BotEndpoint {
  close(): Promise<void>;
}

export async function startBotTestServer(
  bot: BotFramework,
  handler: TurnHandler,
): Promise<BotTestServer> {
  const server = restify.createServer({ name: 'bot-test', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await bot.handleRequest(req, res, handler);
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  return {
    ...botEndpoint(url),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
