import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The token the fake Graph accepts, and a token provider handing it out like AppCredential would. */
export const FAKE_GRAPH_TOKEN = 'fake-graph-token';
export function fakeTokenProvider(): {
  scopes: (string | string[])[];
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number }>;
} {
  const scopes: (string | string[])[] = [];
  return {
    scopes,
    getToken: (requested) => {
      scopes.push(requested);
      return Promise.resolve({
        token: FAKE_GRAPH_TOKEN,
        expiresOnTimestamp: Date.now() + 3600_000,
      });
    },
  };
}

export interface FakeGraphUser {
  id: string;
  mail?: string | null;
  userPrincipalName: string;
  displayName: string;
  department?: string | null;
  manager?: { mail?: string | null; userPrincipalName: string } | null;
}

export interface FakeGraph {
  baseUrl: string;
  /** Every request the server got: method, path with query, authorization header and body. */
  requests: { method: string; url: string; authorization: string | undefined; body: string }[];
  /** Answer the next N requests with 429 and this Retry-After (seconds, default 0). */
  throttleNext(n: number, retryAfterSeconds?: number): void;
  /** Personal installs Graph made: user id and the bound catalog app URL. */
  installs: { userId: string; bind: string }[];
  /** Answer every install with this status (403 for missing consent); undefined installs normally. */
  refuseInstalls(status: number | undefined): void;
  /** Answer every install with this server error (503); undefined installs normally. */
  failInstalls(status: number | undefined): void;
  /** The events created through POST /v1.0/me/events, as sent. */
  events: Record<string, unknown>[];
  /** Makes the on-behalf-of token endpoint refuse for want of admin consent (or allow again). */
  refuseConsent(refuse: boolean): void;
  /** Runs `action` while the next event is being created, answering only once it is done. */
  whileCreatingNextEvent(action: () => Promise<void>): void;
  /** Apps installed in chats (POST /chats/{id}/installedApps), as sent. */
  chatApps: { chatId: string; body: Record<string, unknown> }[];
  /** Tabs pinned in chats (POST /chats/{id}/tabs), as sent. */
  chatTabs: { chatId: string; body: Record<string, unknown> }[];
  /** The token exchange refuses these scopes for want of consent (an empty list grants all). */
  refuseScopes(scopes: string[]): void;
  /** The person's calendar is busy at these times (free/busy, calendar/getSchedule). */
  setBusy(address: string, times: { start: Date; end: Date }[]): void;
  /** Graph cannot read this person's free/busy (another organisation, hidden calendar). */
  hideCalendar(address: string, hidden?: boolean): void;
  close(): Promise<void>;
}

/**
 * An on-behalf-of exchange over plain HTTP (the OAuth 2.0 jwt-bearer grant) against the fake's token
 * endpoint. Production uses teamsfx's OnBehalfOfUserCredential, which speaks the same grant to Entra;
 * here it stands in because MSAL insists on discovering a real Entra authority.
 */
export function fakeOboExchange(
  baseUrl: string,
): (ssoToken: string, scopes: string[]) => Promise<string> {
  return async (ssoToken, scopes) => {
    const res = await fetch(`${baseUrl}/tenant/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
        assertion: ssoToken,
        scope: scopes.join(' '),
        client_id: 'client',
        client_secret: 'secret',
      }).toString(),
    });
    const body = (await res.json()) as {
      access_token?: string;
      error?: string;
      error_description?: string;
    };
    if (!res.ok || !body.access_token) {
      throw new Error(`${body.error ?? res.status}: ${body.error_description ?? ''}`);
    }
    return body.access_token;
  };
}

/**
 * A real HTTP server playing Microsoft Graph's /v1.0/users (paged, `pageSize` users a page, linked by
 * @odata.nextLink) and /v1.0/groups/{id}/transitiveMembers. It answers 401 without the fake token.
 */
export async function startFakeGraph(options: {
  users: () => FakeGraphUser[];
  groups?: Record<string, string[]>;
  pageSize?: number;
  /** The tenant's app catalog: catalog id and manifest (external) id. */
  teamsApps?: { id: string; externalId: string }[];
  /** Called for each personal install Graph makes (as Teams would then tell the bot). */
  onInstall?: (userId: string) => void;
  /** Users who have the app already: Graph answers their install with 409. */
  alreadyInstalled?: string[];
}): Promise<FakeGraph> {
  const requests: FakeGraph['requests'] = [];
  const installs: FakeGraph['installs'] = [];
  const installedFor = new Set<string>(options.alreadyInstalled);
  let refusal: number | undefined;
  let failure: number | undefined;
  const events: Record<string, unknown>[] = [];
  let consentRefused = false;
  let whileCreatingEvent: (() => Promise<void>) | undefined;
  const scopesNotGranted = new Set<string>();
  const chatApps: FakeGraph['chatApps'] = [];
  const chatTabs: FakeGraph['chatTabs'] = [];
  const busyTimes = new Map<string, { start: Date; end: Date }[]>();
  const hiddenCalendars = new Set<string>();
  let throttled = 0;
  let throttleSeconds = 0;
  const pageSize = options.pageSize ?? 3;
  let baseUrl = '';
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const answer = (req: IncomingMessage, res: ServerResponse, rawBody: string): void => {
    const url = new URL(req.url ?? '/', baseUrl);
    requests.push({
      method: req.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      body: rawBody,
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
      const form = new URLSearchParams(rawBody);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        send(400, { error: 'unsupported_grant_type' });
      } else if (
        consentRefused ||
        (form.get('scope') ?? '').split(' ').some((scope) => scopesNotGranted.has(scope))
      ) {
        send(400, {
          error: 'invalid_grant',
          error_description:
            'AADSTS65001: The user or administrator has not consented to use the application.',
          suberror: 'consent_required',
        });
      } else {
        send(200, { token_type: 'Bearer', access_token: FAKE_GRAPH_TOKEN, expires_in: 3600 });
      }
      return;
    }
    if (req.headers.authorization !== `Bearer ${FAKE_GRAPH_TOKEN}`) {
      send(401, {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
      });
      return;
    }
    if (throttled > 0) {
      throttled--;
      send(429, { error: { code: 'TooManyRequests' } }, { 'retry-after': String(throttleSeconds) });
      return;
    }
    if (url.pathname === '/v1.0/appCatalogs/teamsApps' && req.method === 'GET') {
      const filter = /^externalId eq '(.*)'$/.exec(url.searchParams.get('$filter') ?? '');
      const apps = (options.teamsApps ?? []).filter((a) => a.externalId === filter?.[1]);
      send(200, { value: apps.map((a) => ({ id: a.id, externalId: a.externalId })) });
      return;
    }
    const installedApps = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(url.pathname);
    if (installedApps?.[1] && req.method === 'POST') {
      const userId = decodeURIComponent(installedApps[1]);
      if (refusal !== undefined) {
        send(refusal, { error: { code: 'Forbidden', message: 'Missing role permissions' } });
        return;
      }
      if (failure !== undefined) {
        send(failure, { error: { code: 'ServiceUnavailable', message: 'try later' } });
        return;
      }
      const bind = String((JSON.parse(rawBody) as Record<string, unknown>)['teamsApp@odata.bind']);
      const catalogId = bind.split('/').pop() ?? '';
      if (!(options.teamsApps ?? []).some((a) => a.id === catalogId)) {
        send(404, { error: { code: 'NotFound', message: 'app not in the catalog' } });
        return;
      }
      if (installedFor.has(userId)) {
        send(409, { error: { code: 'Conflict', message: 'App is already installed.' } });
        return;
      }
      installedFor.add(userId);
      installs.push({ userId, bind });
      res.writeHead(201);
      res.end();
      options.onInstall?.(userId);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/v1.0/me/onlineMeetings') {
      const filter = /^JoinWebUrl eq '(.*)'$/.exec(url.searchParams.get('$filter') ?? '');
      const eventId = /meetup-join\/(.+)$/.exec(filter?.[1] ?? '')?.[1];
      send(200, {
        value: eventId ? [{ chatInfo: { threadId: `19:meeting_${eventId}@thread.v2` } }] : [],
      });
      return;
    }
    const chatPart = /^\/v1\.0\/chats\/([^/]+)\/(installedApps|tabs)$/.exec(url.pathname);
    if (chatPart?.[1] && req.method === 'POST') {
      const body = JSON.parse(rawBody) as Record<string, unknown>;
      const chatId = decodeURIComponent(chatPart[1]);
      if (chatPart[2] === 'installedApps') chatApps.push({ chatId, body });
      else chatTabs.push({ chatId, body });
      send(201, { id: `${chatPart[2]}-${chatApps.length + chatTabs.length}`, ...body });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/me/calendar/getSchedule') {
      const ask = JSON.parse(rawBody) as {
        schedules: string[];
        startTime: { dateTime: string };
        endTime: { dateTime: string };
        availabilityViewInterval: number;
      };
      const from = Date.parse(`${ask.startTime.dateTime}Z`);
      const to = Date.parse(`${ask.endTime.dateTime}Z`);
      const step = ask.availabilityViewInterval * 60_000;
      send(200, {
        value: ask.schedules.map((address) => {
          if (hiddenCalendars.has(address.toLowerCase())) {
            return {
              scheduleId: address,
              error: { message: 'no access', responseCode: 'ErrorAccessDenied' },
            };
          }
          const busy = busyTimes.get(address.toLowerCase()) ?? [];
          let view = '';
          for (let at = from; at < to; at += step) {
            view += busy.some((b) => b.start.getTime() < at + step && b.end.getTime() > at)
              ? '2'
              : '0';
          }
          return { scheduleId: address, availabilityView: view };
        }),
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/me/events') {
      const event = JSON.parse(rawBody) as Record<string, unknown>;
      events.push(event);
      const id = `event-${events.length}`;
      const created = (): void =>
        send(201, {
          ...event,
          id,
          webLink: `https://outlook.office.com/calendar/item/${id}`,
          onlineMeeting: event.isOnlineMeeting
            ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` }
            : null,
        });
      // Something the test does while Graph is making the event (another window saving the skema).
      const during = whileCreatingEvent;
      whileCreatingEvent = undefined;
      if (during) void during().finally(created);
      else created();
      return;
    }
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const page = <T>(all: T[]): { value: T[]; '@odata.nextLink'?: string } => {
      const value = all.slice(skip, skip + pageSize);
      if (skip + pageSize >= all.length) return { value };
      const next = new URL(url);
      next.searchParams.set('$skiptoken', String(skip + pageSize));
      return { value, '@odata.nextLink': next.toString() };
    };
    if (url.pathname === '/v1.0/users') {
      if (!url.searchParams.get('$expand')?.startsWith('manager(')) {
        send(400, { error: { code: 'BadRequest', message: 'expected $expand=manager' } });
        return;
      }
      send(200, page(options.users()));
      return;
    }
    const group = /^\/v1\.0\/groups\/([^/]+)\/transitiveMembers$/.exec(url.pathname);
    if (group?.[1] && options.groups?.[group[1]]) {
      const members = (options.groups[group[1]] ?? []).map((upn) => ({
        '@odata.type': '#microsoft.graph.user',
        id: upn,
        mail: upn,
        userPrincipalName: upn,
      }));
      send(200, page([...members, { '@odata.type': '#microsoft.graph.group', id: 'nested' }]));
      return;
    }
    send(404, { error: { code: 'Request_ResourceNotFound' } });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    events,
    refuseConsent: (refuse) => {
      consentRefused = refuse;
    },
    whileCreatingNextEvent: (action) => {
      whileCreatingEvent = action;
    },
    chatApps,
    chatTabs,
    refuseScopes: (scopes) => {
      scopesNotGranted.clear();
      for (const scope of scopes) scopesNotGranted.add(scope);
    },
    setBusy: (address, times) => {
      busyTimes.set(address.toLowerCase(), times);
    },
    hideCalendar: (address, hidden = true) => {
      if (hidden) hiddenCalendars.add(address.toLowerCase());
      else hiddenCalendars.delete(address.toLowerCase());
    },
    throttleNext: (n, retryAfterSeconds = 0) => {
      throttled = n;
      throttleSeconds = retryAfterSeconds;
    },
    installs,
    refuseInstalls: (status) => {
      refusal = status;
    },
    failInstalls: (status) => {
      failure = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A small tenant: a director, two managers under her, five staff; the director is the first page. */
export function fakeTenant(): FakeGraphUser[] {
  const dir = 'direktoer@tenant.example';
  const m1 = 'Mads.Drift@tenant.example';
  const m2 = 'kamma.kunde@tenant.example';
  const user = (
    upn: string,
    displayName: string,
    department: string,
    manager?: string,
    mail: string | null = upn,
  ): FakeGraphUser => ({
    id: `id-${upn}`,
    mail,
    userPrincipalName: upn,
    displayName,
    department,
    manager: manager ? { mail: manager, userPrincipalName: manager } : null,
  });
  return [
    user(dir, 'Dorthe Direktør', 'Ledelse'),
    user(m1, 'Mads Drift', 'Drift', dir),
    user(m2, 'Kamma Kunde', 'Kundeservice', dir),
    user('ib@tenant.example', 'Ib Ingeniør', 'Drift', m1),
    user('ulla@tenant.example', 'Ulla Ulstrup', 'Drift', m1, null),
    user('gert@tenant.example', 'Gert Gren', 'Kundeservice', m2),
    user('hanne.hr@tenant.example', 'Hanne HR', 'HR', dir),
    user('sif@tenant.example', 'Sif Sørensen', 'Kundeservice', m2),
  ];
}
