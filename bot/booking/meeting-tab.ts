import {
  GraphConsentError,
  graphFetch,
  isConsentFailure,
  type GraphCalendarOptions,
} from './graph-calendar.js';

/*
 * The booked talk's Teams meeting gets the MUS app and its tab, so the leader and the employee find
 * the skema in the meeting without adding it by hand: the meeting's chat is found from the join
 * link, the app (by its manifest id in the tenant's catalog) is installed in that chat, and a tab
 * opening this skema is pinned there. All on the leader's behalf. It is a convenience on top of the
 * booking: any failure is reported, never undoes the booking.
 */

/** The delegated permissions this needs beyond booking's; README lists them for the administrator. */
export const MEETING_TAB_SCOPES = [
  'https://graph.microsoft.com/OnlineMeetings.ReadWrite',
  'https://graph.microsoft.com/AppCatalog.Read.All',
  'https://graph.microsoft.com/TeamsAppInstallation.ReadWriteSelfForChat',
  'https://graph.microsoft.com/TeamsTab.Create',
];

/** Where the app is: its manifest id (TEAMS_APP_ID) and the server's public address. */
export interface MeetingTabSettings {
  manifestId: string;
  publicUrl: string;
}

/** What became of the tab: in the meeting, missing consent, failed, or not set up (no TEAMS_APP_ID). */
export type MeetingTabOutcome = 'added' | 'consent_required' | 'failed' | 'not_configured';

export interface MeetingTabTarget {
  joinUrl: string | undefined;
  roundId: string;
  employeeEmail: string;
}

class GraphStepError extends Error {}

/** Adds the app and the skema's tab to the meeting chat; says how it went. */
export async function addTabToMeeting(
  options: GraphCalendarOptions & { meetingTab?: MeetingTabSettings },
  ssoToken: string,
  target: MeetingTabTarget,
): Promise<MeetingTabOutcome> {
  const settings = options.meetingTab;
  if (!settings || !target.joinUrl) return 'not_configured';
  let token: string;
  try {
    token = await options.exchange(ssoToken, MEETING_TAB_SCOPES);
  } catch (error) {
    return isConsentFailure(error) ? 'consent_required' : 'failed';
  }
  const base = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await graphFetch(options, token, method, path, body);
    // An app already in the chat is what we want.
    if (response.status === 409) return undefined as T;
    if (response.status === 401 || response.status === 403) throw new GraphConsentError();
    if (!response.ok) throw new GraphStepError(`${method} ${path}: ${response.status}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const odataString = (text: string): string => `'${text.replace(/'/g, "''")}'`;
  try {
    const meetings = await call<{ value?: { chatInfo?: { threadId?: string } }[] }>(
      'GET',
      `/v1.0/me/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq ${odataString(target.joinUrl)}`)}`,
    );
    const chatId = meetings.value?.[0]?.chatInfo?.threadId;
    const apps = await call<{ value?: { id: string }[] }>(
      'GET',
      `/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq ${odataString(settings.manifestId)}`)}`,
    );
    const catalogId = apps.value?.[0]?.id;
    if (!chatId || !catalogId) return 'failed';
    const app = `${base}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}`;
    await call('POST', `/v1.0/chats/${encodeURIComponent(chatId)}/installedApps`, {
      'teamsApp@odata.bind': app,
    });
    const skemaHash = `#/skema/${encodeURIComponent(target.roundId)}/${encodeURIComponent(target.employeeEmail)}`;
    const page = `${settings.publicUrl.replace(/\/+$/, '')}/tab/index.html`;
    await call('POST', `/v1.0/chats/${encodeURIComponent(chatId)}/tabs`, {
      displayName: 'MUS',
      'teamsApp@odata.bind': app,
      configuration: {
        entityId: `skema:${target.roundId}:${target.employeeEmail}`,
        contentUrl: `${page}${skemaHash}`,
        websiteUrl: `${page}${skemaHash}`,
      },
    });
    return 'added';
  } catch (error) {
    return error instanceof GraphConsentError ? 'consent_required' : 'failed';
  }
}
