import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Request, Response } from 'restify';
import { PeopleFirst } from '../../bot/people-first.js';
import { createServer } from '../../bot/server.js';
import { memoryLogger } from '../helpers/memory-logger.js';

/*
 * The server tells the outbox when people are waiting: a card click on /api/messages counts from
 * its arrival until it is answered, and the dispatcher's next card waits for that (people-first.ts).
 */

describe('the server counts requests from people in flight', function () {
  this.timeout(20_000);

  it('a click is counted until it is answered; health checks are not counted', async () => {
    const people = new PeopleFirst();
    let arrived: () => void = () => undefined;
    const clickArrived = new Promise<void>((resolve) => (arrived = resolve));
    let answer: () => void = () => undefined;
    const server = createServer({
      devMode: true,
      log: memoryLogger().log,
      storageReachable: () => Promise.resolve(true),
      peopleFirst: people,
      handleBotRequest: async (_req: Request, res: Response) => {
        arrived();
        await new Promise<void>((resolve) => (answer = resolve));
        res.send(200, {});
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      assert.equal(people.busy, false, 'a health check is not a person');

      const click = fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      await clickArrived;
      assert.equal(people.busy, true, 'the click is being answered');
      let outboxWent = false;
      const outbox = people.quiet().then(() => (outboxWent = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(outboxWent, false, 'the outbox waits');

      answer();
      assert.equal((await click).status, 200);
      await outbox;
      assert.equal(people.busy, false);
    } finally {
      server.close();
    }
  });
});
