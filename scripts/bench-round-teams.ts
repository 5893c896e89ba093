/*
 * The Teams side of `npm run bench:round`: what the Teams client and service post to the bot's
 * /api/messages (the bot added to a team, an @mention in HR's channel, Action.Execute clicks in the
 * channel or a 1:1 chat) and what the tab calls on the API, each timed from the client's side (the
 * HTTP round trip). Dev mode: no Bot Framework token; the tab names its user with the dev header.
 */

export const TENANT = '72f988bf-0000-4000-8000-00000000be4c';
export const TEAM_ID = '19:bench-team@thread.tacv2';
export const HR_CHANNEL = '19:bench-hr@thread.tacv2';
const BOT_ID = '28:bench-bot';
/** How long a client waits for an answer; Teams itself gives an invoke a few seconds. */
const CLIENT_TIMEOUT_MS = 30_000;

/** The Bot Framework user id the fake Teams gives a roster person. */
export function teamsUserId(email: string): string {
  return `29:${email}`;
}

/** One timed request: what it was, how long its answer took, and whether it was answered well. */
export interface Timed {
  kind: 'invoke' | 'api';
  what: string;
  ms: number;
  ok: boolean;
  at: number;
}

export interface InvokeAnswer {
  statusCode?: number;
  type?: string;
  value?: unknown;
}

export class TeamsClient {
  /** Every timed invoke and API call so far, in the order they were answered. */
  readonly timings: Timed[] = [];

  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
  ) {}

  /** The bot is added to the team by HR: Teams posts conversationUpdate in the team's channel. */
  async installInTeam(by: string): Promise<number> {
    const res = await this.post({
      ...this.activity(by, 'conversationUpdate', 'channel'),
      conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      membersAdded: [{ id: BOT_ID }],
      channelData: {
        tenant: { id: TENANT },
        team: { id: TEAM_ID, name: 'Hele organisationen' },
        eventType: 'teamMemberAdded',
      },
    });
    await res.arrayBuffer();
    return res.status;
  }

  /** `by` writes "@MUS <text>" in HR's channel. */
  async say(by: string, text: string): Promise<number> {
    const res = await this.post({
      ...this.activity(by, 'message', 'channel'),
      text: `<at>MUS</at> ${text}`,
      entities: [{ type: 'mention', mentioned: { id: BOT_ID, name: 'MUS' }, text: '<at>MUS</at>' }],
    });
    await res.arrayBuffer();
    return res.status;
  }

  /** `by` clicks an Action.Execute button; the answer and its round trip are recorded. */
  async click(
    by: string,
    verb: string,
    data: Record<string, unknown>,
    where: 'channel' | 'personal',
  ): Promise<InvokeAnswer | undefined> {
    const start = performance.now();
    let answer: InvokeAnswer | undefined;
    let ok = false;
    try {
      const res = await this.post({
        ...this.activity(by, 'invoke', where),
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb, data: { ...data, verb } },
          trigger: 'manual',
        },
      });
      answer = (await res.json()) as InvokeAnswer;
      ok = res.status === 200 && answer.statusCode === 200;
    } catch {
      answer = undefined;
    }
    this.timings.push({
      kind: 'invoke',
      what: verb,
      ms: performance.now() - start,
      ok,
      at: Date.now(),
    });
    return answer;
  }

  /** The tab calls the API as `by` (dev mode names the user in a header); the JSON answer. */
  async api(
    by: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    what: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const start = performance.now();
    let status = 0;
    let parsed: unknown;
    try {
      const res = await fetch(`${this.botUrl}${path}`, {
        method,
        headers: {
          'x-mus-dev-user': by,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      status = res.status;
      parsed = await res.json().catch(() => undefined);
    } catch {
      // No answer in time: recorded as status 0, a failed call.
    }
    this.timings.push({
      kind: 'api',
      what,
      ms: performance.now() - start,
      ok: status >= 200 && status < 300,
      at: Date.now(),
    });
    return { status, body: parsed };
  }

  private post(activity: Record<string, unknown>): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
  }

  private activity(
    email: string,
    type: string,
    where: 'channel' | 'personal',
  ): Record<string, unknown> {
    const userId = teamsUserId(email);
    const channel = where === 'channel';
    return {
      type,
      id: `f:${Math.random().toString(36).slice(2)}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.serviceUrl,
      channelId: 'msteams',
      from: { id: userId, name: email, aadObjectId: `aad-${email}` },
      recipient: { id: BOT_ID, name: 'MUS' },
      conversation: channel
        ? {
            id: `${HR_CHANNEL};messageid=1`,
            conversationType: 'channel',
            isGroup: true,
            tenantId: TENANT,
          }
        : { id: `a:personal-${userId}`, conversationType: 'personal', tenantId: TENANT },
      channelData: channel
        ? { tenant: { id: TENANT }, team: { id: TEAM_ID }, channel: { id: HR_CHANNEL } }
        : { tenant: { id: TENANT } },
      locale: 'da-DK',
    };
  }
}

/** The `p`-th percentile (0–100) of `values` by nearest rank; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
