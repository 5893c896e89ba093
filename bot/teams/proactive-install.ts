import type { Bilingual } from '../mus/bilingual.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import type { DeliveryStore } from '../rollout/delivery.js';
import { GRAPH_BASE_URL, type GraphTokenProvider } from '../roster/graph-roster.js';

/*
 * Proactive installation (off by default). With the application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All, granted by a tenant admin, the app installs itself
 * as a personal app for people whose cards wait for the app. Teams then tells the bot about the
 * personal install (installationUpdate), which the bot already turns into a stored 1:1 chat and a
 * retry of the waiting cards: this module only asks Graph for the install and never sends a card.
 */

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** What one install request came to. */
export type InstallOutcome =
  | 'installed'
  /** Graph answered 409: the person already has the app; counts as installed. */
  | 'already-installed'
  /** Graph answered 401/403: the permission or the admin consent is missing. */
  | 'no-consent'
  /** Graph does not know the user (404). */
  | 'unknown-user'
  /** Throttled past the retries, or Graph unavailable: tried again after the window. */
  | 'failed';

export function countsAsInstalled(outcome: InstallOutcome): boolean {
  return outcome === 'installed' || outcome === 'already-installed';
}

export interface InstallAttempt {
  outcome: InstallOutcome;
  at: string;
}

/** Where attempts are remembered, so nobody is asked for twice within the window. */
export interface InstallAttemptStore {
  get(orgId: string, email: string): Promise<InstallAttempt | undefined>;
  record(orgId: string, email: string, attempt: InstallAttempt): Promise<void>;
}

/** Attempts kept in the process; enough for one instance, lost at restart (then asked once more). */
export class MemoryInstallAttemptStore implements InstallAttemptStore {
  private readonly attempts = new Map<string, InstallAttempt>();
  get(orgId: string, email: string): Promise<InstallAttempt | undefined> {
    return Promise.resolve(this.attempts.get(`${orgId}|${email}`));
  }
  record(orgId: string, email: string, attempt: InstallAttempt): Promise<void> {
    this.attempts.set(`${orgId}|${email}`, attempt);
    return Promise.resolve();
  }
}

export type InstallDecision = 'install' | 'no-object-id' | 'tried-recently' | 'installed-before';

/**
 * Whether to ask Graph to install the app for this person now: only with their Entra object id (the
 * roster or Teams gave it), never twice within `windowMs`, and never again once Graph said it is
 * installed (a waiting card then waits for Teams' install event, not for another request).
 */
export function decideInstall(
  person: Pick<Person, 'teams'>,
  last: InstallAttempt | undefined,
  now: Date,
  windowMs: number,
): InstallDecision {
  if (!person.teams?.aadObjectId) return 'no-object-id';
  if (!last) return 'install';
  if (countsAsInstalled(last.outcome)) return 'installed-before';
  if (now.getTime() - new Date(last.at).getTime() < windowMs) return 'tried-recently';
  return 'install';
}

/** Seconds from a Retry-After header (seconds or HTTP date), else `fallback`. */
export function retryAfterMs(header: string | null, now: Date, fallbackMs: number): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now.getTime());
}

export interface GraphAppInstallerOptions {
  tokenProvider: GraphTokenProvider;
  /** Defaults to https://graph.microsoft.com; tests point it at a fake Graph server. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Waits between requests and for Retry-After; a seam for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** How many times a throttled (429) or unavailable (5xx) request is tried again. */
  maxRetries?: number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** The two Graph calls proactive installation needs, with Retry-After honoured. */
export class GraphAppInstaller {
  private readonly base: string;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetries: number;
  private readonly catalogIds = new Map<string, string>();

  constructor(private readonly options: GraphAppInstallerOptions) {
    this.base = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/$/, '');
    this.doFetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.maxRetries = options.maxRetries ?? 3;
  }

  /**
   * The app's id in the tenant's catalog, looked up once by the manifest id: an app uploaded by an
   * admin gets a catalog id of its own. Undefined when the tenant's catalog does not have the app.
   */
  async catalogAppId(manifestId: string): Promise<string | undefined> {
    const known = this.catalogIds.get(manifestId);
    if (known) return known;
    const filter = encodeURIComponent(`externalId eq '${manifestId.replace(/'/g, "''")}'`);
    const res = await this.request('GET', `/v1.0/appCatalogs/teamsApps?$filter=${filter}`);
    if (res.status === 401 || res.status === 403) throw new InstallConsentError(res.status);
    if (!res.ok) throw new Error(`Graph answered ${res.status} to the app catalog lookup`);
    const body = (await res.json()) as { value?: { id?: string }[] };
    const id = body.value?.[0]?.id;
    if (id) this.catalogIds.set(manifestId, id);
    return id;
  }

  /** Installs the catalog app as a personal app for one user (by Entra object id). */
  async install(userObjectId: string, catalogAppId: string): Promise<InstallOutcome> {
    const res = await this.request(
      'POST',
      `/v1.0/users/${encodeURIComponent(userObjectId)}/teamwork/installedApps`,
      { 'teamsApp@odata.bind': `${this.base}/v1.0/appCatalogs/teamsApps/${catalogAppId}` },
    );
    if (res.ok) return 'installed';
    if (res.status === 409) return 'already-installed';
    if (res.status === 401 || res.status === 403) return 'no-consent';
    if (res.status === 404) return 'unknown-user';
    return 'failed';
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const token = await this.options.tokenProvider.getToken(GRAPH_SCOPE);
    if (!token) throw new InstallConsentError(401);
    for (let attempt = 0; ; attempt++) {
      const res = await this.doFetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const retryable = res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= this.maxRetries) return res;
      await res.body?.cancel();
      await this.sleep(retryAfterMs(res.headers.get('retry-after'), new Date(), 1000));
    }
  }
}

/** The app registration lacks the permission or the tenant admin's consent. */
export class InstallConsentError extends Error {
  constructor(readonly status: number) {
    super(`Graph refused the app installation (${status}): permission or admin consent missing`);
  }
}

/** How far proactive installation has come for one step's waiting cards; shown on HR's round card. */
export interface InstallReport {
  /** People whose cards were waiting for the app when the installer last looked. */
  waiting: number;
  /** Of those, how many Graph installed the app for (or who had it already). */
  installed: number;
  /** Graph refused for lack of permission or admin consent; nothing is tried until the window passes. */
  consentMissing: boolean;
}

export interface ProactiveInstallerOptions {
  graph: Pick<GraphAppInstaller, 'catalogAppId' | 'install'>;
  attempts: InstallAttemptStore;
  repositories: Pick<Repositories, 'people'>;
  deliveries: Pick<DeliveryStore, 'list'>;
  /** The id in the app's manifest.json. */
  manifestId: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Least time between two install requests; 250 ms keeps to a few a second. */
  minGapMs?: number;
  /** Nobody is asked for twice within this time; default one day. */
  windowMs?: number;
}

/** Installs the app for the people whose cards of a step are waiting for it, paced. */
export class ProactiveInstaller {
  private readonly reports = new Map<string, InstallReport>();
  private readonly consentMissingAt = new Map<string, number>();
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly minGapMs: number;
  private readonly windowMs: number;
  private lastRequestAt = 0;

  constructor(private readonly options: ProactiveInstallerOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? defaultSleep;
    this.minGapMs = options.minGapMs ?? 250;
    this.windowMs = options.windowMs ?? 24 * 3600_000;
  }

  /** The last report for a step of a round, if the installer has looked at it. */
  report(orgId: string, roundId: string, step: StepNumber): InstallReport | undefined {
    return this.reports.get(`${orgId}|${roundId}|${step}`);
  }

  async installForWaiting(
    orgId: string,
    roundId: string,
    step: StepNumber,
  ): Promise<InstallReport> {
    const key = `${orgId}|${roundId}|${step}`;
    const rows = await this.options.deliveries.list(orgId, roundId, step);
    const waiting = [
      ...new Set(rows.filter((r) => r.status === 'waiting').map((r) => r.recipientEmail)),
    ];
    const report: InstallReport = { waiting: waiting.length, installed: 0, consentMissing: false };
    const refusedAt = this.consentMissingAt.get(orgId);
    if (refusedAt !== undefined && this.now().getTime() - refusedAt < this.windowMs) {
      report.consentMissing = true;
    }
    let catalogId: string | undefined;
    for (const email of waiting) {
      const last = await this.options.attempts.get(orgId, email);
      if (last && countsAsInstalled(last.outcome)) {
        report.installed++;
        continue;
      }
      if (report.consentMissing) continue;
      const person = (await this.options.repositories.people.get(orgId, email))?.value;
      if (!person || decideInstall(person, last, this.now(), this.windowMs) !== 'install') continue;
      try {
        catalogId ??= await this.options.graph.catalogAppId(this.options.manifestId);
      } catch (error) {
        if (!(error instanceof InstallConsentError)) throw error;
        this.refuse(orgId, report);
        continue;
      }
      if (!catalogId) break;
      await this.pace();
      const outcome = await this.options.graph.install(person.teams?.aadObjectId ?? '', catalogId);
      await this.options.attempts.record(orgId, email, {
        outcome,
        at: this.now().toISOString(),
      });
      if (countsAsInstalled(outcome)) report.installed++;
      if (outcome === 'no-consent') this.refuse(orgId, report);
    }
    this.reports.set(key, report);
    return report;
  }

  private refuse(orgId: string, report: InstallReport): void {
    report.consentMissing = true;
    this.consentMissingAt.set(orgId, this.now().getTime());
  }

  private async pace(): Promise<void> {
    const wait = this.lastRequestAt + this.minGapMs - Date.now();
    if (wait > 0) await this.sleep(wait);
    this.lastRequestAt = Date.now();
  }
}

/** HR's line on the round card: how many waiting people have the app now, or why none. */
export function installReportText(report: InstallReport, n: (value: number) => string): Bilingual {
  if (report.consentMissing) {
    return {
      da: 'Appen kan ikke installere sig selv: en administrator skal give samtykke til tilladelsen TeamsAppInstallation.ReadWriteSelfForUser.All.',
      en: 'The app cannot install itself: an administrator must consent to the permission TeamsAppInstallation.ReadWriteSelfForUser.All.',
    };
  }
  return {
    da: `Appen installeret for ${n(report.installed)} af ${n(report.waiting)}`,
    en: `App installed for ${n(report.installed)} of ${n(report.waiting)}`,
  };
}
