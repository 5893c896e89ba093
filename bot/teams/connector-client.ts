import { describeFailure, type CallFailure, type FailedCall } from './send-failure.js';

/*
 * A thin client of the Bot Connector REST API for the bot's proactive calls: send, reply, update,
 * create a 1:1 conversation, read members. Each call is exactly one HTTP request (Node's fetch) with
 * its own timeout and no retries: the rollout's dispatcher decides when to try again, so it must see
 * every call's real outcome (status, Retry-After, Teams' error code). It knows no Bot Framework SDK;
 * the bot's credential reaches it as a token source.
 */

/** The bearer token for the Bot Connector, or undefined when authentication is off (dev mode). */
export type TokenSource = () => Promise<string | undefined>;

export interface ConnectorClientOptions {
  tokens: TokenSource;
  /** Milliseconds after which a call is abandoned and counts as failed with status 0. */
  timeoutMs: number;
}

/** A member of a conversation as the connector returns it (a Teams channel account). */
export interface ConnectorAccount {
  id?: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export type ResourceOutcome = { ok: true; id: string } | CallFailure;
export type AccountOutcome = { ok: true; account: ConnectorAccount } | CallFailure;
export type MembersPage = { ok: true; members: ConnectorAccount[]; continuationToken?: string };
export type PagedMembersOutcome = MembersPage | CallFailure;

export interface ConnectorClient {
  /** POST /v3/conversations/{id}/activities */
  sendToConversation(
    serviceUrl: string,
    conversationId: string,
    activity: object,
  ): Promise<ResourceOutcome>;
  /** POST /v3/conversations/{id}/activities/{replyToId} */
  replyToActivity(
    serviceUrl: string,
    conversationId: string,
    replyToId: string,
    activity: object,
  ): Promise<ResourceOutcome>;
  /** PUT /v3/conversations/{id}/activities/{activityId} */
  updateActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: object,
  ): Promise<ResourceOutcome>;
  /** POST /v3/conversations */
  createConversation(serviceUrl: string, parameters: object): Promise<ResourceOutcome>;
  /** GET /v3/conversations/{id}/members/{memberId} */
  getMember(serviceUrl: string, conversationId: string, memberId: string): Promise<AccountOutcome>;
  /** GET /v3/conversations/{id}/pagedmembers?pageSize&continuationToken */
  getPagedMembers(
    serviceUrl: string,
    conversationId: string,
    page?: { pageSize?: number; continuationToken?: string },
  ): Promise<PagedMembersOutcome>;
}

/** What one request produced before it is turned into an outcome. */
type Answer = { ok: true; body: unknown } | { ok: false; failure: FailedCall };

export function createConnectorClient(options: ConnectorClientOptions): ConnectorClient {
  async function request(
    method: 'GET' | 'POST' | 'PUT',
    serviceUrl: string,
    path: string,
    body?: object,
  ): Promise<Answer> {
    let token: string | undefined;
    try {
      token = await options.tokens();
    } catch {
      // The identity platform did not give a token: like a connector that cannot be reached, a
      // failure with no answer, worth another try (the token source logs why).
      return { ok: false, failure: { timedOut: false } };
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const init: RequestInit = {
      method,
      headers,
      signal: AbortSignal.timeout(options.timeoutMs),
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    try {
      const response = await fetch(urlOf(serviceUrl, path), init);
      const text = await response.text();
      const parsed = parseJson(text);
      if (response.ok) return { ok: true, body: parsed };
      const failure: FailedCall = { status: response.status };
      const errorCode = teamsErrorCode(parsed);
      if (errorCode !== undefined) failure.errorCode = errorCode;
      const retryAfter = response.headers.get('retry-after');
      if (retryAfter !== null) failure.retryAfter = retryAfter;
      const retryAfterMs =
        response.headers.get('retry-after-ms') ?? response.headers.get('x-ms-retry-after-ms');
      if (retryAfterMs !== null) failure.retryAfterMs = retryAfterMs;
      return { ok: false, failure };
    } catch (error) {
      return { ok: false, failure: { timedOut: isTimeout(error) } };
    }
  }

  async function resource(
    method: 'POST' | 'PUT',
    serviceUrl: string,
    path: string,
    body: object,
    fallbackId = '',
  ): Promise<ResourceOutcome> {
    const answer = await request(method, serviceUrl, path, body);
    if (!answer.ok) return describeFailure(answer.failure);
    const id = isRecord(answer.body) ? stringField(answer.body, 'id') : undefined;
    return { ok: true, id: id || fallbackId };
  }

  return {
    sendToConversation: (serviceUrl, conversationId, activity) =>
      resource(
        'POST',
        serviceUrl,
        `v3/conversations/${segment(conversationId)}/activities`,
        activity,
      ),
    replyToActivity: (serviceUrl, conversationId, replyToId, activity) =>
      resource(
        'POST',
        serviceUrl,
        `v3/conversations/${segment(conversationId)}/activities/${segment(replyToId)}`,
        activity,
      ),
    updateActivity: (serviceUrl, conversationId, activityId, activity) =>
      resource(
        'PUT',
        serviceUrl,
        `v3/conversations/${segment(conversationId)}/activities/${segment(activityId)}`,
        activity,
        activityId,
      ),
    createConversation: (serviceUrl, parameters) =>
      resource('POST', serviceUrl, 'v3/conversations', parameters),
    async getMember(serviceUrl, conversationId, memberId) {
      const answer = await request(
        'GET',
        serviceUrl,
        `v3/conversations/${segment(conversationId)}/members/${segment(memberId)}`,
      );
      if (!answer.ok) return describeFailure(answer.failure);
      return { ok: true, account: accountOf(answer.body) };
    },
    async getPagedMembers(serviceUrl, conversationId, page = {}) {
      const query = new URLSearchParams();
      if (page.pageSize !== undefined) query.set('pageSize', String(page.pageSize));
      if (page.continuationToken !== undefined) {
        query.set('continuationToken', page.continuationToken);
      }
      const search = query.size > 0 ? `?${query.toString()}` : '';
      const answer = await request(
        'GET',
        serviceUrl,
        `v3/conversations/${segment(conversationId)}/pagedmembers${search}`,
      );
      if (!answer.ok) return describeFailure(answer.failure);
      const body = isRecord(answer.body) ? answer.body : {};
      const members = Array.isArray(body.members) ? body.members.map(accountOf) : [];
      const outcome: MembersPage = { ok: true, members };
      const token = stringField(body, 'continuationToken');
      if (token) outcome.continuationToken = token;
      return outcome;
    },
  };
}

/** The service URL as Teams gives it (usually with a trailing slash), joined with an API path. */
function urlOf(serviceUrl: string, path: string): string {
  return `${serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`}${path}`;
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Teams' error code from an error body: `{ error: { code } }`. */
function teamsErrorCode(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  return stringField(body.error, 'code');
}

function accountOf(value: unknown): ConnectorAccount {
  if (!isRecord(value)) return {};
  const account: ConnectorAccount = {};
  for (const name of [
    'id',
    'name',
    'aadObjectId',
    'email',
    'userPrincipalName',
    'tenantId',
  ] as const) {
    const field = stringField(value, name);
    if (field) account[name] = field;
  }
  return account;
}

/** Fetch's own timeout rejects with a TimeoutError; an abort by anything else is an AbortError. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
