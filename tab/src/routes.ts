/*
 * The tab's screens, kept in the URL's hash so the browser's back button and reloads work:
 *   #/                              the overview (current round)
 *   #/round/<roundId>               the overview of another round
 *   #/skema/<roundId>/<email>       one skema
 *   #/group/<roundId>/<leaderEmail> a team's group talk (GRUS)
 *   #/setup, #/setup/<roundId>      HR's setup: core task, HR contact, a round's skema and dates
 *   #/aftaler                       "Mine aftaler": the viewer's agreements across rounds
 *   #/print/<roundId>/<email>       the agreed part of a finalised talk, to print or save as PDF
 *   #privatliv, #vilkaar            privacy and terms (linked from the app manifest)
 */

export type Route =
  | { name: 'home'; roundId?: string }
  | { name: 'skema'; roundId: string; email: string }
  | { name: 'group'; roundId: string; leaderEmail: string }
  | { name: 'setup'; roundId?: string }
  | { name: 'agreements' }
  | { name: 'print'; roundId: string; email: string }
  | { name: 'privacy' }
  | { name: 'terms' };

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h === 'privatliv') return { name: 'privacy' };
  if (h === 'vilkaar') return { name: 'terms' };
  const parts = h.replace(/^\//, '').split('/').map(safeDecode);
  if (parts[0] === 'skema' && parts[1] && parts[2]) {
    return { name: 'skema', roundId: parts[1], email: parts[2] };
  }
  if (parts[0] === 'group' && parts[1] && parts[2]) {
    return { name: 'group', roundId: parts[1], leaderEmail: parts[2] };
  }
  if (parts[0] === 'round' && parts[1]) return { name: 'home', roundId: parts[1] };
  if (parts[0] === 'aftaler') return { name: 'agreements' };
  if (parts[0] === 'print' && parts[1] && parts[2]) {
    return { name: 'print', roundId: parts[1], email: parts[2] };
  }
  if (parts[0] === 'setup')
    return parts[1] ? { name: 'setup', roundId: parts[1] } : { name: 'setup' };
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'privacy':
      return '#privatliv';
    case 'terms':
      return '#vilkaar';
    case 'skema':
      return `#/skema/${encodeURIComponent(route.roundId)}/${encodeURIComponent(route.email)}`;
    case 'group':
      return `#/group/${encodeURIComponent(route.roundId)}/${encodeURIComponent(route.leaderEmail)}`;
    case 'home':
      return route.roundId ? `#/round/${encodeURIComponent(route.roundId)}` : '#/';
    case 'setup':
      return route.roundId ? `#/setup/${encodeURIComponent(route.roundId)}` : '#/setup';
    case 'agreements':
      return '#/aftaler';
    case 'print':
      return `#/print/${encodeURIComponent(route.roundId)}/${encodeURIComponent(route.email)}`;
  }
}

/**
 * A deep link's sub-entity `skema:<roundId>:<email>` or `group:<roundId>:<leaderEmail>` (see
 * bot/cards/tab-links.ts).
 */
export function routeFromSubEntity(subEntityId: string | undefined): Route | undefined {
  const group = /^group:([^:]+):(.+)$/.exec(subEntityId ?? '');
  if (group?.[1] && group[2]) return { name: 'group', roundId: group[1], leaderEmail: group[2] };
  const match = /^skema:([^:]+):(.+)$/.exec(subEntityId ?? '');
  return match?.[1] && match[2] ? { name: 'skema', roundId: match[1], email: match[2] } : undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
