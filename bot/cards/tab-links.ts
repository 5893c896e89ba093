/**
 * Links that open the app's tab. In Teams they are deep links to the personal tab "Mine MUS" with a
 * sub-entity naming the skema; without a Teams app id (dev mode) they open the tab page directly.
 */
export interface TabLinkSettings {
  /** The Teams app id of the manifest (`TEAMS_APP_ID`); absent in dev mode. */
  teamsAppId?: string;
  /** Where the server is reachable, e.g. `https://mus.example.dk` or `http://127.0.0.1:3978`. */
  baseUrl: string;
}

export const PERSONAL_TAB_ENTITY_ID = 'mine-mus';

/** The sub-entity the tab reads from its context to open one skema. */
export function skemaSubEntity(roundId: string, employeeEmail: string): string {
  return `skema:${roundId}:${employeeEmail}`;
}

export function tabLink(settings: TabLinkSettings, subEntityId?: string): string {
  if (settings.teamsAppId) {
    const base = `https://teams.microsoft.com/l/entity/${encodeURIComponent(settings.teamsAppId)}/${PERSONAL_TAB_ENTITY_ID}`;
    return subEntityId
      ? `${base}?context=${encodeURIComponent(JSON.stringify({ subEntityId }))}`
      : base;
  }
  const url = new URL('/tab/index.html', settings.baseUrl);
  if (subEntityId) url.searchParams.set('subEntityId', subEntityId);
  return url.toString();
}

export function skemaTabLink(
  settings: TabLinkSettings,
  roundId: string,
  employeeEmail: string,
): string {
  return tabLink(settings, skemaSubEntity(roundId, employeeEmail));
}

/** The sub-entity the tab reads to open a team's group talk (GRUS). */
export function groupTalkSubEntity(roundId: string, leaderEmail: string): string {
  return `group:${roundId}:${leaderEmail}`;
}

export function groupTalkTabLink(
  settings: TabLinkSettings,
  roundId: string,
  leaderEmail: string,
): string {
  return tabLink(settings, groupTalkSubEntity(roundId, leaderEmail));
}
