import type { Logger } from '../logger.js';
import type { Repositories } from '../mus/repositories.js';
import type { DeliveryStore } from '../rollout/delivery.js';
import {
  DEFAULT_INSTALL_POLICY,
  claim,
  givenUp,
  nextStep,
  settle,
  tallyInstalls,
  type InstallAttemptStore,
  type InstallOutcome,
  type InstallPolicy,
  type InstallTally,
} from '../rollout/install-attempts.js';
import { GRAPH_BASE_URL, type GraphTokenProvider } from '../roster/graph-roster.js';

/*
 * Proactive installation (off by default). With the application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All, granted by a tenant admin, the app installs itself
 * as a personal app for people whose cards wait for the app. Teams then tells the bot about the
 * personal install (installationUpdate), which the bot already turns into a stored 1:1 chat and a
 * retry of the waiting cards: this module only asks Graph for the install and never sends a card.
 * The rules (one claim per person per round, bounded retries with backoff) are in
 * bot/rollout/install-attempts.ts; the rows that make them hold across instances in storage.
 */

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Seconds from a Retry-After header (seconds or HTTP date), else `fallbackMs`. */
export function retryAfterMs(header: string | null, now: Date, fallbackMs: number): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now.getTime());
}

/** What one install request came to; `retryAfterMs` when Graph kept throttling. */
export interface InstallResult {
  outcome: InstallOutcome;
  retryAfterMs?: number;
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
  async install(userObjectId: string, catalogAppId: string): Promise<InstallResult> {
    let res: Response;
    try {
      res = await this.request(
        'POST',
        `/v1.0/users/${encodeURIComponent(userObjectId)}/teamwork/installedApps`,
        { 'teamsApp@odata.bind': `${this.base}/v1.0/appCatalogs/teamsApps/${catalogAppId}` },
      );
    } catch (error) {
      if (error instanceof InstallConsentError) return { outcome: 'no-consent' };
      // Graph unreachable: the person's attempt fails and is tried again after a pause.
      return { outcome: 'failed' };
    }
    await res.body?.cancel();
    if (res.ok) return { outcome: 'installed' };
    if (res.status === 409) return { outcome: 'already-installed' };
    if (res.status === 401 || res.status === 403) return { outcome: 'no-consent' };
    if (res.status === 404) return { outcome: 'unknown-user' };
    if (res.status === 429) {
      return {
        outcome: 'throttled',
        retryAfterMs: retryAfterMs(res.headers.get('retry-after'), new Date(), 60_000),
      };
    }
    return { outcome: 'failed' };
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

export interface ProactiveInstallerOptions {
  /** The Graph calls for one tenant (each tenant's admin consents for their own tenant). */
  graphFor: (orgId: string) => Pick<GraphAppInstaller, 'catalogAppId' | 'install'>;
  attempts: InstallAttemptStore;
  repositories: Pick<Repositories, 'people' | 'rounds'>;
  deliveries: Pick<DeliveryStore, 'list'>;
  /** The id in the app's manifest.json. */
  manifestId: string;
  log: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Least time between two install requests of this instance; 250 ms keeps to four a second. */
  minGapMs?: number;
  policy?: InstallPolicy;
  /** Told when a round's installs have moved on, so HR's round card is updated. */
  onProgress?: (orgId: string, roundId: string) => void;
}

/**
 * Installs the app for the people whose cards wait for it ("venter på appen") in the open rounds,
 * paced, each person claimed in storage before Graph is asked, so a second instance or a restart
 * never asks for the same person at the same time and a failed request is retried a bounded number
 * of times. A throttled tenant (429) or one without consent is left alone for the time Graph asks.
 */
export class ProactiveInstaller {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly minGapMs: number;
  private readonly policy: InstallPolicy;
  /** Tenants Graph throttled or refused, and until when they are left alone. */
  private readonly pausedUntil = new Map<string, number>();
  private lastRequestAt = 0;

  constructor(private readonly options: ProactiveInstallerOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? defaultSleep;
    this.minGapMs = options.minGapMs ?? 250;
    this.policy = options.policy ?? DEFAULT_INSTALL_POLICY;
  }

  /** How proactive installation is going in a round, for HR's round card. */
  async tally(orgId: string, roundId: string): Promise<InstallTally> {
    return tallyInstalls(await this.options.attempts.list(orgId, roundId));
  }

  /** Asks for installs for everybody waiting in the organisation's open rounds; returns how many. */
  async installForOrganisation(orgId: string): Promise<number> {
    let requested = 0;
    for (const round of await this.options.repositories.rounds.list(orgId)) {
      if (round.closedAt || !round.steps.some((s) => s.launchedAt)) continue;
      requested += await this.installForRound(orgId, round.id);
    }
    return requested;
  }

  /** Asks for installs for everybody whose cards of the round wait for the app; returns how many. */
  async installForRound(orgId: string, roundId: string): Promise<number> {
    const round = await this.options.repositories.rounds.get(orgId, roundId);
    if (!round || round.value.closedAt) return 0;
    const waiting = new Set<string>();
    for (const step of round.value.steps) {
      if (!step.launchedAt) continue;
      for (const row of await this.options.deliveries.list(orgId, roundId, step.step)) {
        if (row.status === 'waiting') waiting.add(row.recipientEmail);
      }
    }
    let requested = 0;
    if (waiting.size === 0) return 0;
    const shared = await this.options.attempts.pausedUntil(orgId);
    if (shared)
      this.pausedUntil.set(orgId, Math.max(this.pausedUntil.get(orgId) ?? 0, Date.parse(shared)));
    for (const email of waiting) {
      if (this.paused(orgId)) break;
      if (await this.installForPerson(orgId, roundId, email)) requested++;
    }
    if (requested > 0) this.options.onProgress?.(orgId, roundId);
    return requested;
  }

  private paused(orgId: string): boolean {
    return (this.pausedUntil.get(orgId) ?? 0) > this.now().getTime();
  }

  private async pause(orgId: string, ms: number): Promise<void> {
    const until = this.now().getTime() + ms;
    this.pausedUntil.set(orgId, until);
    await this.options.attempts.pause(orgId, new Date(until).toISOString());
  }

  /** One person: claim, ask Graph, settle. False when nothing was asked. */
  private async installForPerson(orgId: string, roundId: string, email: string): Promise<boolean> {
    const { attempts, repositories, log } = this.options;
    const person = (await repositories.people.get(orgId, email))?.value;
    const objectId = person?.teams?.aadObjectId;
    // Graph installs by Entra object id; without one (a CSV roster, never seen in Teams) we cannot.
    if (!objectId) return false;
    const current = await attempts.get(orgId, roundId, email);
    const step = nextStep(current?.value, this.now(), this.policy);
    if (step === 'leave') return false;
    if (step === 'give-up' && current) {
      await attempts.write(givenUp(current.value, this.now()), current.etag);
      return false;
    }
    const claimed = claim({ orgId, roundId, email }, current?.value, this.now(), this.policy);
    const etag = await attempts.write(claimed, current?.etag);
    // Another instance claimed the person first: it asks Graph, not us.
    if (etag === undefined) return false;

    const graph = this.options.graphFor(orgId);
    let result: InstallResult;
    try {
      const catalogId = await graph.catalogAppId(this.options.manifestId);
      if (catalogId) {
        await this.pace();
        result = await graph.install(objectId, catalogId);
      } else {
        log.warn(
          { orgId, manifestId: this.options.manifestId },
          "the app is not in the tenant's app catalog; an admin must upload it before it can install itself",
        );
        result = { outcome: 'failed' };
      }
    } catch (error) {
      if (error instanceof InstallConsentError) result = { outcome: 'no-consent' };
      else {
        log.warn({ err: error, orgId }, 'asking Graph to install the app failed');
        result = { outcome: 'failed' };
      }
    }
    const settled = settle(claimed, result.outcome, this.now(), this.policy, result.retryAfterMs);
    if (result.outcome === 'throttled') await this.pause(orgId, result.retryAfterMs ?? 60_000);
    if (result.outcome === 'no-consent') {
      await this.pause(orgId, this.policy.consentPauseMs);
      log.warn(
        { orgId },
        'Graph refused to install the app: TeamsAppInstallation.ReadWriteSelfForUser.All needs admin consent',
      );
    }
    // Lost only if our claim lapsed and another instance took the person over; theirs then stands.
    await attempts.write(settled, etag);
    return true;
  }

  private async pace(): Promise<void> {
    const wait = this.lastRequestAt + this.minGapMs - Date.now();
    if (wait > 0) await this.sleep(wait);
    this.lastRequestAt = Date.now();
  }
}
