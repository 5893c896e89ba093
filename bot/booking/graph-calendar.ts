import type { Bilingual } from '../mus/bilingual.js';
import { DomainError } from '../mus/errors.js';
import type { MeetingTabSettings } from './meeting-tab.js';
import { BOOKING_TEXTS } from '../../texts/booking.js';
import { fill } from '../../texts/fill.js';

/*
 * Microsoft Graph on the leader's behalf: the tab's SSO token is exchanged on-behalf-of for a Graph
 * token (teamsfx's OnBehalfOfUserCredential, loaded lazily; the architecture test allows this module),
 * and the talk becomes an event in the leader's calendar with the employee invited and a Teams
 * meeting attached. Consent problems are told apart from outages so the tab can say what the
 * administrator must grant.
 */

/** The delegated permissions booking needs; the README tells the administrator to grant them. */
export const BOOKING_SCOPES = [
  'https://graph.microsoft.com/Calendars.ReadWrite',
  'https://graph.microsoft.com/OnlineMeetings.ReadWrite',
];

export interface OboSettings {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  authorityHost?: string;
}

/** Hands out a Graph token for the user behind an SSO token. */
export type ExchangeToken = (ssoToken: string, scopes: string[]) => Promise<string>;

/** The on-behalf-of exchange through teamsfx. */
export function teamsfxExchange(settings: OboSettings): ExchangeToken {
  return async (ssoToken, scopes) => {
    const { OnBehalfOfUserCredential } = await import('@microsoft/teamsfx');
    const credential = new OnBehalfOfUserCredential(ssoToken, {
      authorityHost: settings.authorityHost ?? 'https://login.microsoftonline.com',
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      tenantId: settings.tenantId,
    });
    const token = await credential.getToken(scopes);
    if (!token) throw new Error('no token from the on-behalf-of exchange');
    return token.token;
  };
}

const CONSENT_TEXT: Bilingual = BOOKING_TEXTS.graphCalendar.consentText;

/** Graph access was refused for want of consent; the tab offers the .ics download instead. */
export class GraphConsentError extends DomainError {
  readonly status = 403;
  readonly code = 'graph_consent_required';
  constructor(options?: { cause?: unknown }) {
    super(CONSENT_TEXT, options);
  }
}

/** Graph could not be reached or failed; nothing was booked. */
export class GraphCalendarError extends DomainError {
  readonly status = 502;
  readonly code = 'graph_unavailable';
  constructor(message: Bilingual, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Whether an error from the token exchange means "not consented" rather than "broken". */
export function isConsentFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /consent_required|invalid_grant|interaction_required|AADSTS65001|UiRequired/i.test(text);
}

export interface NewTalkEvent {
  subject: string;
  bodyHtml: string;
  start: Date;
  minutes: number;
  attendee: { email: string; name: string };
}

export interface CreatedEvent {
  id: string;
  webLink?: string;
  joinUrl?: string;
}

export interface GraphCalendarOptions {
  exchange: ExchangeToken;
  /** Where the app is, so a booked meeting gets the MUS tab (absent: the leader adds it by hand). */
  meetingTab?: MeetingTabSettings;
  /** Defaults to https://graph.microsoft.com; tests point it at the fake Graph. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** A Graph token for the leader, or the error the tab can explain. */
async function leaderToken(options: GraphCalendarOptions, ssoToken: string): Promise<string> {
  try {
    return await options.exchange(ssoToken, BOOKING_SCOPES);
  } catch (error) {
    if (isConsentFailure(error)) throw new GraphConsentError({ cause: error });
    throw new GraphCalendarError(BOOKING_TEXTS.graphCalendar.appCouldNotGet, { cause: error });
  }
}

/** One HTTP request to Graph with the leader's token (no interpretation of the answer). */
export function graphFetch(
  options: Pick<GraphCalendarOptions, 'baseUrl' | 'fetch'>,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Response> {
  const base = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  return (options.fetch ?? fetch)(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** One Graph call as the leader; 401/403 are consent problems, other failures outages. */
async function callGraph<T>(
  options: GraphCalendarOptions,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await graphFetch(options, token, method, path, body);
  } catch (error) {
    throw new GraphCalendarError(BOOKING_TEXTS.graphCalendar.microsoftGraphCouldNot, {
      cause: error,
    });
  }
  if (response.status === 401 || response.status === 403) {
    const detail = await response.text().catch(() => '');
    throw new GraphConsentError({ cause: new Error(`Graph ${response.status}: ${detail}`) });
  }
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new GraphCalendarError(
      fill(BOOKING_TEXTS.graphCalendar.microsoftGraphAnsweredWith, { status: response.status }),
      { cause: new Error(detail.slice(0, 500)) },
    );
  }
  return (await response.json()) as T;
}

/** Creates the event in the signed-in leader's calendar as a Teams meeting, the employee invited. */
export async function createTalkEvent(
  options: GraphCalendarOptions,
  ssoToken: string,
  event: NewTalkEvent,
): Promise<CreatedEvent> {
  const token = await leaderToken(options, ssoToken);
  const end = new Date(event.start.getTime() + event.minutes * 60_000);
  const created = await callGraph<{
    id: string;
    webLink?: string;
    onlineMeeting?: { joinUrl?: string } | null;
  }>(options, token, 'POST', '/v1.0/me/events', {
    subject: event.subject,
    body: { contentType: 'HTML', content: event.bodyHtml },
    start: { dateTime: event.start.toISOString().replace('Z', ''), timeZone: 'UTC' },
    end: { dateTime: end.toISOString().replace('Z', ''), timeZone: 'UTC' },
    attendees: [
      {
        emailAddress: { address: event.attendee.email, name: event.attendee.name },
        type: 'required',
      },
    ],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: true,
  });
  return { id: created.id, webLink: created.webLink, joinUrl: created.onlineMeeting?.joinUrl };
}

/** Free/busy of some calendars: one availability view each (see free-slots.ts), by address. */
export interface FreeBusy {
  start: Date;
  intervalMinutes: number;
  /** Lower-cased address → view; a calendar Graph could not read is absent. */
  views: Map<string, string>;
}

/** Asks Graph when the leader and the employee are free (calendar/getSchedule, as the leader). */
export async function readFreeBusy(
  options: GraphCalendarOptions,
  ssoToken: string,
  query: { addresses: string[]; start: Date; days: number },
): Promise<FreeBusy> {
  const token = await leaderToken(options, ssoToken);
  const intervalMinutes = 15;
  const end = new Date(query.start.getTime() + query.days * 86_400_000);
  const answer = await callGraph<{
    value?: { scheduleId?: string; availabilityView?: string; error?: unknown }[];
  }>(options, token, 'POST', '/v1.0/me/calendar/getSchedule', {
    schedules: query.addresses,
    startTime: { dateTime: query.start.toISOString().replace('Z', ''), timeZone: 'UTC' },
    endTime: { dateTime: end.toISOString().replace('Z', ''), timeZone: 'UTC' },
    availabilityViewInterval: intervalMinutes,
  });
  const views = new Map<string, string>();
  for (const schedule of answer.value ?? []) {
    if (schedule.scheduleId && schedule.availabilityView && !schedule.error) {
      views.set(schedule.scheduleId.toLowerCase(), schedule.availabilityView);
    }
  }
  return { start: query.start, intervalMinutes, views };
}
