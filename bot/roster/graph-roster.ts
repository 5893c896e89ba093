import type { Bilingual } from '../mus/bilingual.js';
import { DomainError } from '../mus/errors.js';
import { normaliseEmail } from '../mus/person.js';
import type { PersonRepository, RosterWriteResult } from '../mus/repositories.js';
import type { RosterRow } from '../mus/roster-validation.js';
import { importRoster } from './import-roster.js';
import { ROSTER_TEXTS } from '../../texts/roster.js';
import { fill } from '../../texts/fill.js';

/*
 * The roster read from Microsoft Entra ID through Microsoft Graph: everybody in the tenant, with their
 * manager. Managers become leaders, everybody is an employee, and HR keeps the HR role it already has
 * in storage (Entra does not know who runs MUS) or gets it from membership of a configured group.
 * The result goes through the same validation and the same idempotent upsert as a CSV file.
 *
 * This is the only module of ours that touches @microsoft/teamsfx for Graph; it is loaded lazily so
 * that tests (with a fake token provider) and the CSV path never load it.
 */

export const GRAPH_BASE_URL = 'https://graph.microsoft.com';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Anything that hands out bearer tokens for Graph; teamsfx's AppCredential is one. */
export interface GraphTokenProvider {
  getToken(scopes: string | string[]): Promise<{ token: string } | null>;
}

/** Client-credential settings of the Entra app registration (needs User.Read.All, application). */
export interface GraphAppSettings {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** Defaults to https://login.microsoftonline.com. */
  authorityHost?: string;
}

/** A token provider using the app's own identity (client credentials) via teamsfx's AppCredential. */
export async function createAppCredential(settings: GraphAppSettings): Promise<GraphTokenProvider> {
  const { AppCredential } = await import('@microsoft/teamsfx');
  return new AppCredential({
    authorityHost: settings.authorityHost ?? 'https://login.microsoftonline.com',
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    tenantId: settings.tenantId,
  });
}

/**
 * The same app identity as a token provider that loads teamsfx only when a token is first asked for,
 * so that a feature which is configured but never used (proactive installation) costs nothing.
 */
export function lazyAppCredential(settings: GraphAppSettings): GraphTokenProvider {
  let credential: Promise<GraphTokenProvider> | undefined;
  return {
    getToken: async (scopes) => {
      credential ??= createAppCredential(settings);
      return (await credential).getToken(scopes);
    },
  };
}

export interface GraphRosterOptions {
  tokenProvider: GraphTokenProvider;
  /** Defaults to https://graph.microsoft.com; tests point it at a fake Graph server. */
  baseUrl?: string;
  /** Members (direct or nested) of this Entra group get the HR role. */
  hrGroupId?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** How many times a throttled or unavailable Graph request is retried. */
  maxRetries?: number;
}

/** Graph could not be read; carries a message for the user and the technical cause for the log. */
export class GraphRosterError extends DomainError {
  readonly status = 502;
  readonly code = 'graph_unavailable';
  constructor(message: Bilingual, options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface GraphUser {
  id: string;
  mail?: string | null;
  userPrincipalName?: string | null;
  displayName?: string | null;
  department?: string | null;
  manager?: { mail?: string | null; userPrincipalName?: string | null } | null;
}

interface GraphDirectoryObject {
  '@odata.type'?: string;
  id?: string;
  mail?: string | null;
  userPrincipalName?: string | null;
}

/** The user's address: mail when set, else the UPN; the same rule for managers keeps links intact. */
function addressOf(user: { mail?: string | null; userPrincipalName?: string | null }): string {
  return normaliseEmail(user.mail || user.userPrincipalName || '');
}

/** Reads every page of a Graph collection, following @odata.nextLink. */
async function readAllPages<T>(firstUrl: string, options: GraphRosterOptions): Promise<T[]> {
  const base = new URL(options.baseUrl ?? GRAPH_BASE_URL);
  const doFetch = options.fetch ?? fetch;
  const maxRetries = options.maxRetries ?? 3;
  const token = await options.tokenProvider.getToken(GRAPH_SCOPE).catch((error: unknown) => {
    throw new GraphRosterError(ROSTER_TEXTS.graphRoster.appCouldNotSign, { cause: error });
  });
  if (!token) {
    throw new GraphRosterError(ROSTER_TEXTS.graphRoster.microsoftEntraIdGave);
  }

  const items: T[] = [];
  let url: string | undefined = firstUrl;
  while (url) {
    // The bearer token goes to Graph only, never to wherever a nextLink might point.
    if (new URL(url).origin !== base.origin) {
      throw new GraphRosterError(ROSTER_TEXTS.graphRoster.microsoftGraphPointedAnother);
    }
    const page = (await getJson(doFetch, url, token.token, maxRetries)) as {
      value?: T[];
      '@odata.nextLink'?: string;
    };
    items.push(...(page.value ?? []));
    url = page['@odata.nextLink'];
  }
  return items;
}

async function getJson(
  doFetch: typeof fetch,
  url: string,
  token: string,
  maxRetries: number,
): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
    } catch (error) {
      throw new GraphRosterError(ROSTER_TEXTS.graphRoster.microsoftGraphCouldNot, { cause: error });
    }
    if (response.ok) return response.json();
    const transient = response.status === 429 || response.status >= 500;
    if (transient && attempt < maxRetries) {
      const retryAfter = Number(response.headers.get('retry-after'));
      const waitMs =
        Number.isFinite(retryAfter) && retryAfter > 0
          ? Math.min(retryAfter, 60) * 1000
          : 250 * 2 ** attempt;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      continue;
    }
    const detail = await response.text().catch(() => '');
    const cause = new Error(`GET ${url} → ${response.status}: ${detail.slice(0, 500)}`);
    if (response.status === 401 || response.status === 403) {
      throw new GraphRosterError(ROSTER_TEXTS.graphRoster.appNotAllowedRead, { cause });
    }
    throw new GraphRosterError(
      fill(ROSTER_TEXTS.graphRoster.microsoftGraphAnsweredWith, { status: response.status }),
      { cause },
    );
  }
}

/**
 * Reads all users of the tenant with their managers and turns them into roster rows: everybody is
 * an employee, anybody who is somebody's manager is also a leader, and HR is whoever `isHr` says.
 */
export async function readGraphRoster(
  options: GraphRosterOptions,
  isHr: (email: string) => boolean = () => false,
): Promise<RosterRow[]> {
  const base = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  const users = await readAllPages<GraphUser>(
    `${base}/v1.0/users?$select=id,mail,userPrincipalName,displayName,department` +
      `&$expand=manager($select=mail,userPrincipalName)&$top=999`,
    options,
  );
  let hrMembers = new Set<string>();
  if (options.hrGroupId) {
    const members = await readAllPages<GraphDirectoryObject>(
      `${base}/v1.0/groups/${encodeURIComponent(options.hrGroupId)}/transitiveMembers` +
        `?$select=id,mail,userPrincipalName&$top=999`,
      options,
    );
    // Nested groups and devices are members too; only users can hold a role.
    hrMembers = new Set(
      members
        .filter((m) => (m['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user')
        .map(addressOf)
        .filter(Boolean),
    );
  }
  return usersToRows(users, (email) => hrMembers.has(email) || isHr(email));
}

/** Maps Graph users to roster rows; `line` is the user's position, `where` names the user. */
export function usersToRows(
  users: readonly GraphUser[],
  isHr: (email: string) => boolean,
): RosterRow[] {
  const managers = new Set(
    users.map((u) => (u.manager ? addressOf(u.manager) : '')).filter((m) => m !== ''),
  );
  return users.map((user, i) => {
    const email = addressOf(user);
    const roles = ['employee'];
    if (managers.has(email)) roles.push('leader');
    if (email && isHr(email)) roles.push('hr');
    return {
      line: i + 1,
      where: `Entra: ${user.userPrincipalName || user.mail || user.id}`,
      email,
      name: user.displayName ?? '',
      leaderEmail: user.manager ? addressOf(user.manager) : '',
      department: user.department ?? '',
      roles: roles.join(';'),
      // Kept with the person: proactive installation asks Graph by this id.
      ...(user.id ? { aadObjectId: user.id } : {}),
    };
  });
}

/**
 * Synchronises the stored roster with Entra ID: reads all users, keeps the HR role of those who have
 * it today, and imports all or nothing like a CSV file.
 * @throws ValidationError listing every user that cannot be imported; GraphRosterError if Graph fails.
 */
export async function syncGraphRoster(
  people: PersonRepository,
  orgId: string,
  options: GraphRosterOptions,
): Promise<RosterWriteResult> {
  const storedHr = new Set(
    (await people.list(orgId)).filter((p) => p.roles.includes('hr')).map((p) => p.email),
  );
  const rows = await readGraphRoster(options, (email) => storedHr.has(email));
  return importRoster(people, orgId, rows);
}
