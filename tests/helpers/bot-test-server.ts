import restify from 'restify';
import type { BotFramework, TurnHandler } from '../../bot/teams/bot-framework.js';

/** A small restify server whose POST /api/messages goes to the Bot Framework transport. */
export interface BotTestServer {
  url: string;
  /** Posts an activity as the Teams channel would (no token: dev mode). */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
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
    url,
    post: (activity, headers = {}) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
