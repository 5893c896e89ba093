import assert from 'node:assert/strict';
import { FakeBotConnector } from '../helpers/fake-bot-connector/index.js';

describe('fake Bot Connector', () => {
  let fake: FakeBotConnector;

  before(async () => {
    fake = await FakeBotConnector.start();
  });
  afterEach(() => fake.reset());
  after(async () => {
    await fake.close();
  });

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; json: unknown }> {
    const init: RequestInit = {
      method,
      headers: { 'content-type': 'application/json', ...headers },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(new URL(path, fake.url), init);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? (JSON.parse(text) as unknown) : undefined,
    };
  }

  const conversation = 'a:1:personal chat;x@thread';
  const encoded = encodeURIComponent(conversation);
  const message = (text: string) => ({ type: 'message', text });

  describe('routes', () => {
    it('serves on a loopback serviceUrl with a trailing slash', () => {
      assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    });

    it('creating a 1:1 conversation returns its id, records it, and returns the same id for the same user', async () => {
      const parameters = {
        isGroup: false,
        bot: { id: '28:bot' },
        members: [{ id: '29:user' }],
        tenantId: 'tenant-1',
      };
      const first = await call('POST', '/v3/conversations', parameters);
      const again = await call('POST', '/v3/conversations', parameters);
      assert.equal(first.status, 201);
      const { id } = first.json as { id: string };
      assert.match(id, /^a:/);
      assert.deepEqual(again.json, { id });
      assert.deepEqual(
        fake.createdConversations().map((c) => [c.id, c.tenantId, c.memberIds]),
        [[id, 'tenant-1', ['29:user']]],
      );
    });

    it('creating a conversation without members is a 400', async () => {
      const result = await call('POST', '/v3/conversations', { isGroup: false, members: [] });
      assert.equal(result.status, 400);
    });

    it('sending and replying return new activity ids and are recorded per conversation', async () => {
      const sent = await call('POST', `/v3/conversations/${encoded}/activities`, message('hej'));
      const reply = await call(
        'POST',
        `/v3/conversations/${encoded}/activities/${encodeURIComponent('f:in-1')}`,
        message('svar'),
      );
      assert.equal(sent.status, 201);
      const sentId = (sent.json as { id: string }).id;
      const replyId = (reply.json as { id: string }).id;
      assert.notEqual(sentId, replyId);
      const activities = fake.sentTo(conversation);
      assert.deepEqual(
        activities.map((a) => [a.id, a.replyToId, a.activity.text]),
        [
          [sentId, undefined, 'hej'],
          [replyId, 'f:in-1', 'svar'],
        ],
      );
      assert.deepEqual(
        fake.requests().map((r) => [r.route, r.conversationId, r.status]),
        [
          ['sendToConversation', conversation, 201],
          ['replyToActivity', conversation, 201],
        ],
      );
      assert.deepEqual(fake.sentTo('someone else'), []);
    });

    it('updating replaces the activity; deleting marks it deleted; unknown ids are 404', async () => {
      const sent = await call('POST', `/v3/conversations/${encoded}/activities`, message('v1'));
      const id = (sent.json as { id: string }).id;
      const updated = await call(
        'PUT',
        `/v3/conversations/${encoded}/activities/${id}`,
        message('v2'),
      );
      assert.equal(updated.status, 200);
      assert.deepEqual(updated.json, { id });
      assert.equal(fake.activity(id)?.activity.text, 'v2');
      assert.equal(fake.activity(id)?.updates, 1);

      const deleted = await call('DELETE', `/v3/conversations/${encoded}/activities/${id}`);
      assert.equal(deleted.status, 200);
      assert.equal(fake.activity(id)?.deleted, true);

      const missing = await call(
        'PUT',
        `/v3/conversations/${encoded}/activities/nope`,
        message('v3'),
      );
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json, {
        error: { code: 'ActivityNotFoundInConversation', message: 'Unknown activity' },
      });
    });

    it('pages members with pageSize and continuationToken', async () => {
      const members = Array.from({ length: 5 }, (_, i) => ({
        id: `29:u${i}`,
        email: `u${i}@example.dk`,
      }));
      fake.setMembers('19:team@thread.tacv2', members);
      const path = `/v3/conversations/${encodeURIComponent('19:team@thread.tacv2')}/pagedmembers`;

      const pages: string[][] = [];
      let token: string | undefined;
      do {
        const query = new URLSearchParams({ pageSize: '2' });
        if (token) query.set('continuationToken', token);
        const page = await call('GET', `${path}?${query.toString()}`);
        assert.equal(page.status, 200);
        const body = page.json as { members: { id: string }[]; continuationToken?: string };
        pages.push(body.members.map((m) => m.id));
        token = body.continuationToken;
      } while (token);

      assert.deepEqual(pages, [['29:u0', '29:u1'], ['29:u2', '29:u3'], ['29:u4']]);
      assert.deepEqual(fake.requests({ route: 'getPagedMembers' })[1]?.query, {
        pageSize: '2',
        continuationToken: fake.requests({ route: 'getPagedMembers' })[1]?.query.continuationToken,
      });
    });

    it('pages of unknown conversations are 404', async () => {
      const page = await call('GET', '/v3/conversations/unknown/pagedmembers');
      assert.equal(page.status, 404);
    });

    it('gets one member by user id or Entra object id, else 404', async () => {
      fake.setMembers('19:team', [{ id: '29:anna', aadObjectId: 'oid-anna', name: 'Anna' }]);
      const byId = await call('GET', '/v3/conversations/19%3Ateam/members/29%3Aanna');
      const byOid = await call('GET', '/v3/conversations/19%3Ateam/members/oid-anna');
      const missing = await call('GET', '/v3/conversations/19%3Ateam/members/29%3Abo');
      assert.equal((byId.json as { name: string }).name, 'Anna');
      assert.equal((byOid.json as { id: string }).id, '29:anna');
      assert.equal(missing.status, 404);
    });

    it('records the Authorization header when one is sent, and accepts requests without one', async () => {
      await call('POST', `/v3/conversations/${encoded}/activities`, message('a'), {
        authorization: 'Bearer token-1',
      });
      await call('POST', `/v3/conversations/${encoded}/activities`, message('b'));
      assert.deepEqual(
        fake.requests().map((r) => [r.status, r.authorization]),
        [
          [201, 'Bearer token-1'],
          [201, undefined],
        ],
      );
    });

    it('answers unknown routes and invalid JSON clearly, and records them', async () => {
      const unknown = await call('GET', '/v3/attachments/x');
      assert.equal(unknown.status, 404);
      const response = await fetch(new URL(`/v3/conversations/${encoded}/activities`, fake.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      });
      assert.equal(response.status, 400);
      assert.deepEqual(
        fake.requests().map((r) => [r.route, r.status]),
        [
          ['unknown', 404],
          ['unknown', 400],
        ],
      );
    });

    it('records the parsed body and arrival time of each call', async () => {
      const before = Date.now();
      await call('POST', `/v3/conversations/${encoded}/activities`, message('body'));
      const [recorded] = fake.requests();
      assert.deepEqual(recorded?.body, message('body'));
      assert.ok((recorded?.at ?? 0) >= before);
      assert.equal(recorded?.method, 'POST');
      assert.equal(recorded?.path, `/v3/conversations/${encoded}/activities`);
    });
  });

  describe('faults', () => {
    it('a queued 429 answers with Retry-After for `times` requests, then requests succeed', async () => {
      fake.faults.push({ status: 429, retryAfterSeconds: 1, times: 3 });
      const statuses: number[] = [];
      const retryAfters: (string | null)[] = [];
      for (let i = 0; i < 4; i += 1) {
        const result = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
        statuses.push(result.status);
        retryAfters.push(result.headers.get('retry-after'));
      }
      assert.deepEqual(statuses, [429, 429, 429, 201]);
      assert.deepEqual(retryAfters, ['1', '1', '1', null]);
      assert.equal(fake.sentTo(conversation).length, 1);
      assert.deepEqual(
        fake.requests().map((r) => r.refusedBy),
        ['fault', 'fault', 'fault', undefined],
      );
    });

    it('injects each error status with a Teams-shaped error body', async () => {
      fake.faults.push(
        { status: 500 },
        { status: 502 },
        { status: 504 },
        { status: 403, code: 'ConversationBlockedByUser' },
        { status: 404 },
      );
      const results = [];
      for (let i = 0; i < 5; i += 1) {
        results.push(await call('POST', `/v3/conversations/${encoded}/activities`, message('x')));
      }
      assert.deepEqual(
        results.map((r) => [r.status, (r.json as { error: { code: string } }).error.code]),
        [
          [500, 'ServiceError'],
          [502, 'BadGateway'],
          [504, 'GatewayTimeout'],
          [403, 'ConversationBlockedByUser'],
          [404, 'ConversationNotFound'],
        ],
      );
    });

    it('a rule with `match` only hits matching requests', async () => {
      fake.faults.push({ status: 403, match: (r) => r.conversationId === 'blocked' });
      const other = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
      const blocked = await call('POST', '/v3/conversations/blocked/activities', message('x'));
      assert.deepEqual([other.status, blocked.status], [201, 403]);
      assert.equal(fake.faults.pending, 0);
    });

    it('adds latency without failing when a rule has only delayMs', async () => {
      fake.faults.push({ delayMs: 150 });
      const started = Date.now();
      const result = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
      assert.equal(result.status, 201);
      assert.ok(Date.now() - started >= 140, 'the answer came too fast');
    });

    it('fails a seeded share of requests in probabilistic mode, the same way on every run', async () => {
      async function run(): Promise<number[]> {
        fake.reset();
        fake.faults.push({ rate: 0.3, status: 429, retryAfterSeconds: 2, seed: 42 });
        const statuses: number[] = [];
        for (let i = 0; i < 40; i += 1) {
          statuses.push(
            (await call('POST', `/v3/conversations/${encoded}/activities`, message('x'))).status,
          );
        }
        return statuses;
      }
      const first = await run();
      const second = await run();
      assert.deepEqual(first, second);
      const failures = first.filter((status) => status === 429).length;
      assert.ok(failures > 4 && failures < 24, `expected about 30% failures, got ${failures}/40`);
    });

    it('a hook decides per request and wins over queued rules', async () => {
      fake.faults.push({ status: 500 });
      fake.faults.hook = (r) => (r.route === 'sendToConversation' ? { status: 504 } : undefined);
      const result = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
      assert.equal(result.status, 504);
      assert.equal(fake.faults.pending, 1);
    });
  });

  describe('rate limiter', () => {
    it('allows 7 writes per conversation per second and answers the 8th with 429 and Retry-After', async () => {
      fake.enableRateLimits({ now: () => 1_000 });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i += 1) {
        const result = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
        statuses.push(result.status);
        retryAfter ??= result.headers.get('retry-after');
      }
      const other = await call('POST', '/v3/conversations/other/activities', message('x'));
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 201, 201, 429]);
      assert.equal(retryAfter, '1');
      assert.equal(other.status, 201, 'another conversation has its own budget');
      assert.equal(fake.throttledCount, 1);
      assert.equal(fake.requests().at(7)?.refusedBy, 'rateLimit');
    });

    it('applies the 8 per 2 s and 60 per 30 s windows (on an injected clock)', async () => {
      let now = 1_000_000;
      fake.enableRateLimits({ now: () => now });
      const send = async () =>
        (await call('POST', `/v3/conversations/${encoded}/activities`, message('x'))).status;

      // 7 in the first second, then 1 more fits the 2 s window, the next does not.
      for (let i = 0; i < 7; i += 1) assert.equal(await send(), 201);
      now += 1_000;
      assert.equal(await send(), 201);
      const refused = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '1');

      // Fill 60 within 30 s at 4 per 2 s: then the 30 s window refuses.
      let sent = 8;
      while (sent < 60) {
        now += 2_000;
        for (let i = 0; i < 4 && sent < 60; i += 1, sent += 1) assert.equal(await send(), 201);
      }
      assert.equal(now - 1_000_000, 27_000);
      now += 1_000;
      const windowFull = await call(
        'POST',
        `/v3/conversations/${encoded}/activities`,
        message('x'),
      );
      assert.equal(windowFull.status, 429);
      // The first 7 leave the 30 s window at 30 s; it is now 28 s.
      assert.equal(windowFull.headers.get('retry-after'), '2');
    });

    it('refuses the 1801st write in an hour even at a pace every shorter window allows', async () => {
      const start = 5_000_000;
      let now = start;
      fake.enableRateLimits({ now: () => now });
      for (let i = 0; i < 1800; i += 1) {
        const result = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
        assert.equal(result.status, 201, `send ${i + 1} was refused`);
        now += 500;
      }
      const refused = await call('POST', `/v3/conversations/${encoded}/activities`, message('x'));
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), String((start + 3_600_000 - now) / 1000));
    });

    it('limits a tenant across conversations per second', async () => {
      fake.enableRateLimits({ perTenantPerSecond: 5, now: () => 1_000 });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const result = await call('POST', `/v3/conversations/c${i}/activities`, {
          ...message('x'),
          conversation: { id: `c${i}`, tenantId: 'tenant-a' },
        });
        statuses.push(result.status);
      }
      const otherTenant = await call('POST', '/v3/conversations/c9/activities', {
        ...message('x'),
        conversation: { id: 'c9', tenantId: 'tenant-b' },
      });
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
      assert.equal(otherTenant.status, 201);
      assert.equal(fake.throttledCount, 1);
    });

    it('counts refused requests against nothing, and can be switched off', async () => {
      fake.enableRateLimits({ perConversation: [{ limit: 1, windowMs: 60_000 }] });
      assert.equal(
        (await call('POST', `/v3/conversations/${encoded}/activities`, message('x'))).status,
        201,
      );
      assert.equal(
        (await call('POST', `/v3/conversations/${encoded}/activities`, message('x'))).status,
        429,
      );
      fake.disableRateLimits();
      assert.equal(
        (await call('POST', `/v3/conversations/${encoded}/activities`, message('x'))).status,
        201,
      );
      assert.equal(fake.throttledCount, 1);
    });
  });
});
