import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultErrorCode, FaultPlan, type Fault, type RouteName } from './faults.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';

export type { Fault, FaultContext, FaultRule, RandomFault, RouteName } from './faults.js';
export { TEAMS_CONVERSATION_WINDOWS } from './rate-limiter.js';
export type { RateLimitOptions, RateWindow } from './rate-limiter.js';

/**
 * A fake Bot Connector service: a real HTTP server on 127.0.0.1 that answers the REST calls a Teams
 * bot makes (create a 1:1 conversation, send, reply, update, delete, list members), records every call
 * for assertions, and can be told to fail, slow down or throttle like Teams does.
 */

/** One request the fake received, in arrival order. */
export interface RecordedCall {
  route: RouteName;
  method: string;
  /** Path without the query string, as sent (percent-encoded). */
  path: string;
  query: Record<string, string>;
  conversationId?: string;
  /** The activity addressed by update/delete, or the replied-to activity of a reply. */
  activityId?: string;
  body: unknown;
  /** The Authorization header, when there was one (dev mode sends none). */
  authorization?: string;
  /** Date.now() when the request arrived. */
  at: number;
  /** The status the fake answered with. */
  status: number;
  /** Why the fake refused: an injected fault or its rate limiter. */
  refusedBy?: 'fault' | 'rateLimit';
}

/** An activity the bot sent (or replied) and its current state after updates and deletes. */
export interface SentActivity {
  id: string;
  conversationId: string;
  replyToId?: string;
  /** The activity as last sent or updated. */
  activity: Record<string, unknown>;
  updates: number;
  deleted: boolean;
}

/** A 1:1 conversation created through POST /v3/conversations. */
export interface CreatedConversation {
  id: string;
  tenantId?: string;
  memberIds: string[];
  parameters: Record<string, unknown>;
}

/** A conversation member as Teams returns it (TeamsChannelAccount). */
export interface FakeMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: string;
}

export interface FakeBotConnectorOptions {
  /** Turns Teams' throttling on from the start; see `enableRateLimits`. */
  rateLimits?: RateLimitOptions;
  /**
   * Keep request bodies and sent activities (default true). Benchmarks sending thousands of cards
   * turn it off so that the fake's records do not dominate the memory they measure.
   */
  keepBodies?: boolean;
}

/** Teams caps pagedmembers pages at 500 and uses 200 when no page size is asked for. */
const DEFAULT_PAGE_SIZE = 200;
const MAX_PAGE_SIZE = 500;

export class FakeBotConnector {
  readonly faults = new FaultPlan();
  private server: Server | undefined;
  private baseUrl = '';
  private calls: RecordedCall[] = [];
  private sent = new Map<string, SentActivity>();
  private conversations = new Map<string, CreatedConversation>();
  private members = new Map<string, FakeMember[]>();
  private limiter: RateLimiter | undefined;
  private counter = 0;
  private throttled = 0;

  private readonly keepBodies: boolean;

  private constructor(options: FakeBotConnectorOptions) {
    if (options.rateLimits) this.limiter = new RateLimiter(options.rateLimits);
    this.keepBodies = options.keepBodies ?? true;
  }

  /** Starts a fake on a free loopback port. */
  static async start(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
    const fake = new FakeBotConnector(options);
    await fake.listen();
    return fake;
  }

  /** The serviceUrl to put in activities, with a trailing slash as Teams sends it. */
  get url(): string {
    return this.baseUrl;
  }

  /** Every request so far, in arrival order. */
  requests(filter: Partial<Pick<RecordedCall, 'route' | 'conversationId'>> = {}): RecordedCall[] {
    return this.calls.filter(
      (call) =>
        (filter.route === undefined || call.route === filter.route) &&
        (filter.conversationId === undefined || call.conversationId === filter.conversationId),
    );
  }

  /** Activities sent (or replied) to a conversation and accepted, oldest first. */
  sentTo(conversationId: string): SentActivity[] {
    return this.activities().filter((sent) => sent.conversationId === conversationId);
  }

  /** All accepted activities, oldest first. */
  activities(): SentActivity[] {
    return [...this.sent.values()];
  }

  activity(activityId: string): SentActivity | undefined {
    return this.sent.get(activityId);
  }

  createdConversations(): CreatedConversation[] {
    return [...this.conversations.values()];
  }

  /**
   * Teams no longer has this 1:1 chat (the user removed and added the app again): sends to it answer
   * 404 ConversationNotFound, and creating the chat again gives a new id.
   */
  dropConversation(id: string): void {
    this.conversations.delete(id);
    this.faults.push({
      status: 404,
      code: 'ConversationNotFound',
      times: Number.MAX_SAFE_INTEGER,
      match: (r) => r.conversationId === id,
    });
  }

  /** Sets the members GET .../pagedmembers and .../members/{id} return for a conversation or team. */
  setMembers(conversationId: string, members: FakeMember[]): void {
    this.members.set(conversationId, [...members]);
  }

  /** Applies Teams' throttling (per tenant per second, per conversation windows) from now on. */
  enableRateLimits(options: RateLimitOptions = {}): void {
    this.limiter = new RateLimiter(options);
  }

  disableRateLimits(): void {
    this.limiter = undefined;
  }

  /** How many requests the rate limiter answered with 429. */
  get throttledCount(): number {
    return this.throttled;
  }

  /** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`fake connector: condition not met in ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  /** Forgets calls, activities, conversations, members, faults and rate limits. */
  reset(): void {
    this.calls = [];
    this.sent.clear();
    this.conversations.clear();
    this.members.clear();
    this.faults.clear();
    this.limiter = undefined;
    this.throttled = 0;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      return this.answer(
        res,
        this.record(req, url, 'unknown', {}, raw),
        400,
        badRequest('Body is not JSON'),
      );
    }
    const route = matchRoute(method, url.pathname);
    const call = this.record(req, url, route.name, route, body);

    const fault = this.faults.take({
      route: route.name,
      method,
      path: url.pathname,
      conversationId: route.conversationId,
      body,
    });
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status !== undefined) return this.fail(res, call, fault);

    if (this.limiter && route.name !== 'unknown') {
      const write = isConversationWrite(route.name) ? route.conversationId : undefined;
      const decision = this.limiter.admit(this.tenantOf(route.conversationId, body), write);
      if (!decision.allowed) {
        this.throttled += 1;
        call.refusedBy = 'rateLimit';
        return this.fail(res, call, { status: 429, retryAfterSeconds: decision.retryAfterSeconds });
      }
    }
    const [status, payload] = this.serve(route, body, url.searchParams);
    this.answer(res, call, status, payload);
  }

  private serve(route: MatchedRoute, body: unknown, query: URLSearchParams): [number, unknown] {
    const conversationId = route.conversationId ?? '';
    switch (route.name) {
      case 'createConversation':
        return this.createConversation(body);
      case 'sendToConversation':
      case 'replyToActivity': {
        if (!isRecord(body)) return [400, badRequest('Activity missing')];
        const id = this.nextId('activity');
        const sent: SentActivity = {
          id,
          conversationId,
          activity: this.keepBodies ? body : {},
          updates: 0,
          deleted: false,
        };
        if (route.activityId) sent.replyToId = route.activityId;
        this.sent.set(id, sent);
        return [201, { id }];
      }
      case 'updateActivity': {
        const sent = this.sentIn(conversationId, route.activityId);
        if (!sent) return [404, teamsError('ActivityNotFoundInConversation', 'Unknown activity')];
        if (!isRecord(body)) return [400, badRequest('Activity missing')];
        sent.activity = body;
        sent.updates += 1;
        return [200, { id: sent.id }];
      }
      case 'deleteActivity': {
        const sent = this.sentIn(conversationId, route.activityId);
        if (!sent) return [404, teamsError('ActivityNotFoundInConversation', 'Unknown activity')];
        sent.deleted = true;
        return [200, undefined];
      }
      case 'getPagedMembers':
        return this.pagedMembers(conversationId, query);
      case 'getMember': {
        const member = (this.members.get(conversationId) ?? []).find(
          (candidate) =>
            candidate.id === route.memberId || candidate.aadObjectId === route.memberId,
        );
        return member
          ? [200, member]
          : [404, teamsError('MemberNotFoundInConversation', 'The member was not found')];
      }
      case 'unknown':
        return [404, teamsError('NotFound', 'The fake Bot Connector has no such route')];
    }
  }

  private createConversation(body: unknown): [number, unknown] {
    if (!isRecord(body)) return [400, badRequest('ConversationParameters missing')];
    const memberIds = (Array.isArray(body.members) ? body.members : [])
      .map((member) => (isRecord(member) && typeof member.id === 'string' ? member.id : ''))
      .filter((id) => id !== '');
    if (memberIds.length === 0) return [400, badRequest('Conversation members are required')];
    const tenantId = tenantFromParameters(body);
    // Teams answers with the same 1:1 conversation for the same user and tenant.
    const existing = [...this.conversations.values()].find(
      (conversation) =>
        conversation.tenantId === tenantId && conversation.memberIds.join() === memberIds.join(),
    );
    if (existing) return [200, { id: existing.id }];
    const id = `a:fake-conversation-${this.nextId('c')}`;
    const created: CreatedConversation = { id, memberIds, parameters: body };
    if (tenantId) created.tenantId = tenantId;
    this.conversations.set(id, created);
    return [201, { id }];
  }

  private pagedMembers(conversationId: string, query: URLSearchParams): [number, unknown] {
    const all = this.members.get(conversationId);
    if (!all) return [404, teamsError('ConversationNotFound', 'Conversation not found')];
    const asked = Number(query.get('pageSize') ?? DEFAULT_PAGE_SIZE);
    const pageSize = Math.min(
      MAX_PAGE_SIZE,
      Number.isInteger(asked) && asked > 0 ? asked : DEFAULT_PAGE_SIZE,
    );
    const token = query.get('continuationToken');
    const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0 || start > all.length) {
      return [400, badRequest('Invalid continuation token')];
    }
    const end = start + pageSize;
    const page: Record<string, unknown> = { members: all.slice(start, end) };
    if (end < all.length) page.continuationToken = Buffer.from(String(end)).toString('base64url');
    return [200, page];
  }

  private sentIn(conversationId: string, activityId: string | undefined): SentActivity | undefined {
    const sent = activityId === undefined ? undefined : this.sent.get(activityId);
    return sent && sent.conversationId === conversationId && !sent.deleted ? sent : undefined;
  }

  private tenantOf(conversationId: string | undefined, body: unknown): string {
    const known = conversationId ? this.conversations.get(conversationId)?.tenantId : undefined;
    if (known) return known;
    if (isRecord(body)) {
      const conversation = body.conversation;
      if (isRecord(conversation) && typeof conversation.tenantId === 'string') {
        return conversation.tenantId;
      }
      return tenantFromParameters(body) ?? 'unknown';
    }
    return 'unknown';
  }

  private record(
    req: IncomingMessage,
    url: URL,
    route: RouteName,
    ids: Partial<MatchedRoute>,
    body: unknown,
  ): RecordedCall {
    const call: RecordedCall = {
      route,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: this.keepBodies ? body : undefined,
      at: Date.now(),
      status: 0,
    };
    if (ids.conversationId !== undefined) call.conversationId = ids.conversationId;
    const activityId = ids.activityId ?? ids.memberId;
    if (activityId !== undefined) call.activityId = activityId;
    if (req.headers.authorization !== undefined) call.authorization = req.headers.authorization;
    this.calls.push(call);
    return call;
  }

  private fail(res: ServerResponse, call: RecordedCall, fault: Fault): void {
    const status = fault.status ?? 500;
    call.refusedBy ??= 'fault';
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined)
      headers['retry-after'] = String(fault.retryAfterSeconds);
    const code = fault.code ?? defaultErrorCode(status);
    this.answer(res, call, status, teamsError(code, `Fake Bot Connector: ${code}`), headers);
  }

  private answer(
    res: ServerResponse,
    call: RecordedCall,
    status: number,
    payload: unknown,
    headers: Record<string, string> = {},
  ): void {
    call.status = status;
    if (payload === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(payload));
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }
}

interface MatchedRoute {
  name: RouteName;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
}

/** Maps a method and path to a Bot Connector operation; ids are percent-decoded. */
function matchRoute(method: string, pathname: string): MatchedRoute {
  const parts = pathname.split('/').filter((part) => part !== '');
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { name: 'unknown' };
  const rest = parts.slice(2).map((part) => decodeURIComponent(part));
  const [conversationId, collection, itemId, ...extra] = rest;
  if (extra.length > 0) return { name: 'unknown' };
  if (conversationId === undefined) {
    return method === 'POST' ? { name: 'createConversation' } : { name: 'unknown' };
  }
  if (collection === 'activities') {
    if (itemId === undefined) {
      return method === 'POST'
        ? { name: 'sendToConversation', conversationId }
        : { name: 'unknown' };
    }
    const byMethod: Record<string, RouteName> = {
      POST: 'replyToActivity',
      PUT: 'updateActivity',
      DELETE: 'deleteActivity',
    };
    const name = byMethod[method];
    return name ? { name, conversationId, activityId: itemId } : { name: 'unknown' };
  }
  if (method !== 'GET') return { name: 'unknown' };
  if (collection === 'pagedmembers' && itemId === undefined) {
    return { name: 'getPagedMembers', conversationId };
  }
  if (collection === 'members' && itemId !== undefined) {
    return { name: 'getMember', conversationId, memberId: itemId };
  }
  return { name: 'unknown' };
}

function isConversationWrite(route: RouteName): boolean {
  return (
    route === 'sendToConversation' ||
    route === 'replyToActivity' ||
    route === 'updateActivity' ||
    route === 'deleteActivity'
  );
}

function tenantFromParameters(body: Record<string, unknown>): string | undefined {
  if (typeof body.tenantId === 'string') return body.tenantId;
  const channelData = body.channelData;
  if (isRecord(channelData) && isRecord(channelData.tenant)) {
    const id = channelData.tenant.id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function teamsError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function badRequest(message: string): { error: { code: string; message: string } } {
  return teamsError('BadArgument', message);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
