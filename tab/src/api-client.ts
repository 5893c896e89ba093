import type {
  AgreementStatus,
  AgreementView,
  ApiErrorBody,
  BookedTalk,
  BookingSuggestions,
  DevPerson,
  GroupTalkView,
  HrContact,
  Me,
  MyAgreements,
  OrganisationView,
  PrivateNoteView,
  RoundOverview,
  RoundKind,
  RoundSetupView,
  RoundSummary,
  SavedSkema,
  SkemaTemplate,
  SkemaView,
  StepTwoInvitation,
  TalkClockAction,
  TalkClockAnswer,
  TeamOverview,
  UnitEvaluation,
} from './api-types.js';
import { t, tr } from './i18n.js';

/*
 * The tab's HTTP client: one place that signs every request (a Teams SSO token as Bearer, or in dev
 * mode the chosen roster person) and turns error answers into ApiError with the server's message in
 * the user's language.
 */

/** How a request proves who is asking. */
export interface Identity {
  /** Headers for the next request; may fetch a fresh token. */
  headers(): Promise<Record<string, string>>;
  /** Called after a 401, so the next headers() fetches a new token. */
  forget(): void;
}

/** A failed API call. `message` is already in the user's language and safe to show. */
/** Asks a save to answer with the new version only (RFC 7240), not the whole view. */
const RETURN_MINIMAL = { prefer: 'return=minimal' };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: ApiErrorBody['error'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The stored version sent with a 412, typed by the caller. */
  current<T>(): T | undefined {
    return this.body?.current as T | undefined;
  }

  changed(): string[] {
    return this.body?.changed ?? [];
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (!value || typeof value !== 'object' || !('error' in value)) return false;
  const { error } = value;
  return !!error && typeof error === 'object' && 'message' in error && 'code' in error;
}

export class ApiClient {
  private readonly prefetched = new Map<string, Promise<unknown>>();

  constructor(
    private readonly identity: Identity,
    private readonly baseUrl = '',
  ) {}

  /**
   * Starts a GET now so the first screen does not wait for /api/me first; the next GET of the same
   * path takes this answer (once).
   */
  prefetch(path: string): void {
    const pending = this.request('GET', path);
    pending.catch(() => undefined); // a failure surfaces when the screen asks for it
    this.prefetched.set(path, pending);
  }

  private get<T>(path: string): Promise<T> {
    const pending = this.prefetched.get(path);
    this.prefetched.delete(path);
    return (pending as Promise<T> | undefined) ?? this.request<T>('GET', path);
  }

  /** Sends a signed request; after a 401 it fetches a fresh token and tries once more. */
  private async send(
    method: string,
    path: string,
    accept: string,
    body?: unknown,
    retried = false,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      accept,
      ...extra,
      ...(await this.identity.headers()),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      const text = body === undefined ? undefined : JSON.stringify(body);
      res = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: text,
        cache: 'no-store',
        // While the page is hidden or closing (the side panel closes), a save must outlive it: the
        // browser finishes keepalive requests after the page is gone (their bodies are capped at 64 KB).
        keepalive: leaving() && (text?.length ?? 0) < KEEPALIVE_MAX_BYTES,
      });
    } catch {
      throw new ApiError(0, 'network', t('networkError'));
    }
    if (res.status === 401 && !retried) {
      // A token can expire between two calls: get a fresh one once before giving up.
      this.identity.forget();
      return this.send(method, path, accept, body, true, extra);
    }
    return res;
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    extra?: Record<string, string>,
  ): Promise<T> {
    const res = await this.send(method, path, 'application/json', body, false, extra);
    if (res.status === 204) return undefined as T;
    const json = parseJson(await res.text());
    if (!res.ok) throw errorFrom(res.status, json);
    return json as T;
  }

  me(): Promise<Me> {
    return this.get('/api/me');
  }

  async rounds(): Promise<RoundSummary[]> {
    return (await this.get<{ rounds: RoundSummary[] }>(ROUNDS_PATH)).rounds;
  }

  team(roundId: string): Promise<TeamOverview> {
    return this.request('GET', `/api/rounds/${encodeURIComponent(roundId)}/team`);
  }

  /** HR's overview of a round: statuses and counts, never what a skema says (403 for others). */
  overview(roundId: string): Promise<RoundOverview> {
    return this.request('GET', overviewPath(roundId));
  }

  /**
   * The overview as a CSV file, fetched with the same sign-in as every other call: a plain
   * `<a download>` cannot carry the bearer token, so the tab saves the bytes itself.
   */
  overviewCsv(roundId: string): Promise<Blob> {
    return this.download(overviewPath(roundId, '.csv'), 'text/csv');
  }

  /** A leader's unit's evaluation results, as far as HR's overview releases them. */
  unitEvaluation(roundId: string): Promise<UnitEvaluation> {
    return this.get(`/api/rounds/${encodeURIComponent(roundId)}/evaluation`);
  }

  /** Who has had their talk, per leader (HR only), as a CSV file. */
  talksCsv(roundId: string): Promise<Blob> {
    return this.download(`/api/rounds/${encodeURIComponent(roundId)}/talks.csv`, 'text/csv');
  }

  private async download(path: string, accept: string): Promise<Blob> {
    const res = await this.send('GET', path, accept);
    if (!res.ok) throw errorFrom(res.status, parseJson(await res.text()));
    return res.blob();
  }

  /** The signed-in person's own data (a request of access), as a JSON file to save. */
  myData(): Promise<Blob> {
    return this.download('/api/me/export', 'application/json');
  }

  private skemaPath(roundId: string, email: string, rest = ''): string {
    return skemaPath(roundId, email, rest);
  }

  skema(roundId: string, email: string): Promise<SkemaView> {
    return this.get(this.skemaPath(roundId, email));
  }

  saveAnswers(
    ref: SkemaKey,
    body: { answers: Record<string, string>; submit?: boolean; etag: string },
  ): Promise<SkemaView> {
    return this.request('PUT', this.skemaPath(ref.roundId, ref.email, '/answers'), body);
  }

  /**
   * An autosave of the employee's draft: answered with the new version only (the whole view comes
   * only with a 412, when someone else saved in between).
   */
  autosaveAnswers(
    ref: SkemaKey,
    body: { answers: Record<string, string>; etag: string },
  ): Promise<SavedSkema> {
    return this.request(
      'PUT',
      this.skemaPath(ref.roundId, ref.email, '/answers'),
      body,
      RETURN_MINIMAL,
    );
  }

  /** "Mine aftaler": agreements from the viewer's talks and those they carry out, across rounds. */
  myAgreements(): Promise<MyAgreements> {
    return this.request('GET', '/api/agreements');
  }

  /** The talk's clock, as the server counts it now. */
  talkClock(ref: SkemaKey): Promise<TalkClockAnswer> {
    return this.request('GET', this.skemaPath(ref.roundId, ref.email, '/talk-clock'));
  }

  changeTalkClock(ref: SkemaKey, action: TalkClockAction): Promise<TalkClockAnswer> {
    return this.request('POST', this.skemaPath(ref.roundId, ref.email, '/talk-clock'), {
      action,
    });
  }

  /** Times in the next two weeks when leader and employee are both free (Graph free/busy). */
  bookingSuggestions(ref: SkemaKey): Promise<BookingSuggestions> {
    return this.request('GET', this.skemaPath(ref.roundId, ref.email, '/booking/suggestions'));
  }

  /** Books the talk in the leader's Outlook as a Teams meeting with the employee invited. */
  bookTalk(
    ref: SkemaKey,
    body: { startsAt: string; minutes: number; etag: string },
  ): Promise<BookedTalk> {
    return this.request('POST', this.skemaPath(ref.roundId, ref.email, '/booking'), body);
  }

  /** The talk as a calendar file, for a leader whose calendar the app may not book in. */
  talkIcs(ref: SkemaKey, startsAt: string, minutes: number): Promise<Blob> {
    const query = `?startsAt=${encodeURIComponent(startsAt)}&minutes=${minutes}`;
    return this.download(
      this.skemaPath(ref.roundId, ref.email, `/booking.ics${query}`),
      'text/calendar',
    );
  }

  startTalk(ref: SkemaKey, etag: string): Promise<SkemaView> {
    return this.request('POST', this.skemaPath(ref.roundId, ref.email, '/start'), { etag });
  }

  /** An autosave of the leader's talk notes: answered with the new version only, as above. */
  autosaveTalkNotes(
    ref: SkemaKey,
    body: {
      talkNotes?: Record<string, string>;
      understandings?: boolean[];
      talkAt?: string | null;
      etag: string;
    },
  ): Promise<SavedSkema> {
    return this.request(
      'PUT',
      this.skemaPath(ref.roundId, ref.email, '/talk-notes'),
      body,
      RETURN_MINIMAL,
    );
  }

  savePrivateNote(
    ref: SkemaKey,
    body: { text: string; etag: string | null },
  ): Promise<PrivateNoteView> {
    return this.request('PUT', this.skemaPath(ref.roundId, ref.email, '/private-note'), body);
  }

  addAgreement(
    ref: SkemaKey,
    body: { what: string; ownerEmail: string; dueDate: string },
  ): Promise<AgreementView> {
    return this.request('POST', this.skemaPath(ref.roundId, ref.email, '/agreements'), body);
  }

  updateAgreement(
    ref: SkemaKey,
    id: string,
    body: { status?: AgreementStatus; what?: string; dueDate?: string; etag: string },
  ): Promise<AgreementView> {
    return this.request(
      'PATCH',
      this.skemaPath(ref.roundId, ref.email, `/agreements/${encodeURIComponent(id)}`),
      body,
    );
  }

  removeAgreement(ref: SkemaKey, id: string): Promise<void> {
    return this.request(
      'DELETE',
      this.skemaPath(ref.roundId, ref.email, `/agreements/${encodeURIComponent(id)}`),
    );
  }

  finalise(ref: SkemaKey, body: { etag: string; followUpDate?: string }): Promise<SkemaView> {
    return this.request('POST', this.skemaPath(ref.roundId, ref.email, '/finalise'), body);
  }

  acknowledge(ref: SkemaKey, body: { etag: string; comment?: string }): Promise<SkemaView> {
    return this.request('POST', this.skemaPath(ref.roundId, ref.email, '/acknowledge'), body);
  }

  groupTalk(roundId: string, leaderEmail: string): Promise<GroupTalkView> {
    return this.get(groupTalkPath(roundId, leaderEmail));
  }

  saveGroupNotes(
    key: GroupKey,
    body: { notes?: Record<string, string>; followUpDate?: string | null; etag: string },
  ): Promise<GroupTalkView> {
    return this.request('PUT', groupTalkPath(key.roundId, key.leaderEmail, '/notes'), body);
  }

  groupAction(
    key: GroupKey,
    action: 'start' | 'finalise' | 'acknowledge',
    etag?: string,
  ): Promise<GroupTalkView> {
    return this.request(
      'POST',
      groupTalkPath(key.roundId, key.leaderEmail, `/${action}`),
      etag === undefined ? {} : { etag },
    );
  }

  /** HR: the organisation's core task and HR contact (403 for others). */
  organisation(): Promise<OrganisationView> {
    return this.request('GET', ORGANISATION_PATH);
  }

  /** HR: writes the core task and contact over the version read (`etag`); 412 when stale. */
  saveOrganisation(
    body: { coreTask: string; hrContact: HrContact | null },
    etag: string,
  ): Promise<OrganisationView> {
    return this.request('PUT', ORGANISATION_PATH, body, { 'if-match': etag });
  }

  /** HR: a new round of `kind` with its kind's default template and deadlines. */
  createRound(body: { name: string; kind: RoundKind }): Promise<RoundSetupView> {
    return this.request('POST', ROUNDS_PATH, body);
  }

  /** HR: a round's setup (template, deadlines, step-2 text) with the round's ETag. */
  roundSetup(roundId: string): Promise<RoundSetupView> {
    return this.request('GET', setupPath(roundId, 'template'));
  }

  saveTemplate(roundId: string, template: SkemaTemplate, etag: string): Promise<RoundSetupView> {
    return this.request('PUT', setupPath(roundId, 'template'), template, { 'if-match': etag });
  }

  /** Five dates, keyed by step "1" … "5". */
  saveDeadlines(
    roundId: string,
    deadlines: Record<string, string>,
    etag: string,
  ): Promise<RoundSetupView> {
    return this.request('PUT', setupPath(roundId, 'deadlines'), deadlines, { 'if-match': etag });
  }

  saveInvitation(
    roundId: string,
    invitation: StepTwoInvitation,
    etag: string,
  ): Promise<RoundSetupView> {
    return this.request(
      'PUT',
      setupPath(roundId, 'invitation'),
      { text: invitation.text ?? null, questions: invitation.questions },
      { 'if-match': etag },
    );
  }

  /** Dev mode only: the roster to pick an identity from. */
  async devPeople(): Promise<DevPerson[]> {
    return (await this.request<{ people: DevPerson[] }>('GET', '/api/dev/people')).people;
  }
}

export const ROUNDS_PATH = '/api/rounds';
export const ORGANISATION_PATH = '/api/organisation';

function setupPath(roundId: string, part: 'template' | 'deadlines' | 'invitation'): string {
  return `${ROUNDS_PATH}/${encodeURIComponent(roundId)}/${part}`;
}

/** Keepalive requests may carry at most 64 KB together; leave room for headers. */
const KEEPALIVE_MAX_BYTES = 60_000;

let pageLeaving = false;

/** The page is closing or hidden (pagehide, visibilitychange): saves from now on use keepalive. */
export function setPageLeaving(value: boolean): void {
  pageLeaving = value;
}

function leaving(): boolean {
  return pageLeaving || (typeof document !== 'undefined' && document.visibilityState === 'hidden');
}

export function overviewPath(roundId: string, suffix: '' | '.csv' = ''): string {
  return `/api/rounds/${encodeURIComponent(roundId)}/overview${suffix}`;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A failed answer as an ApiError, in the user's language. */
function errorFrom(status: number, json: unknown): ApiError {
  if (isErrorBody(json)) {
    const issues = json.error.issues?.map((i) => tr(i.message)) ?? [];
    const message = [tr(json.error.message), ...issues].join(' ');
    return new ApiError(status, json.error.code, message, json.error);
  }
  return new ApiError(status, 'unexpected', t('unexpected'));
}

export function skemaPath(roundId: string, email: string, rest = ''): string {
  return `/api/rounds/${encodeURIComponent(roundId)}/skemas/${encodeURIComponent(email)}${rest}`;
}

export function groupTalkPath(roundId: string, leaderEmail: string, rest = ''): string {
  return `/api/rounds/${encodeURIComponent(roundId)}/group-talks/${encodeURIComponent(leaderEmail)}${rest}`;
}

/** Names one group talk: the round and the team's leader. */
export interface GroupKey {
  roundId: string;
  leaderEmail: string;
}

/** Names one skema: the round and the employee. */
export interface SkemaKey {
  roundId: string;
  email: string;
}

/** What to tell the user about a failure: the server's own words, or a generic text. */
export function userMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : t('unexpected');
}
