import type { Person } from '../mus/person.js';
import type { Repositories, StoredConversation } from '../mus/repositories.js';

/*
 * Who a card goes to and where: the recipient, their leader and their 1:1 chat. A step sent to a
 * whole organisation asks this for thousands of people within minutes; reading each one with point
 * reads costs three or four storage requests per card. Once an organisation is busy (many lookups in
 * a short time), the directory reads its people and 1:1 chats in a few range reads instead and
 * answers from that snapshot for `snapshotMs`, then reads it again. A quiet organisation (a reminder
 * here, a summary there) keeps using point reads, so one card never loads a whole roster.
 *
 * A snapshot is renewed once it is `snapshotMs` (2 minutes) old, in the background: lookups go on
 * answering from the old one until the new one is read, and only one read runs at a time. (Waiting for
 * each renewal would stop every send for as long as reading 10,000 people and chats takes; on a busy
 * storage that can take longer than the lifetime itself, and renewals started on each expiry would
 * pile up and starve the sends altogether.) A renamed person may show their old name in a card sent
 * meanwhile; reading the roster more often costs more than that is worth.
 * Someone missing from it (added since) is read with a point read; a 1:1 chat created since is found
 * by the same fallback, and one we create ourselves is added with `remember`. Erasing a person
 * removes their outbox rows, so a stale entry is not sent to.
 */

export interface RecipientDirectoryOptions {
  /** How long a snapshot is used before it is read again. */
  snapshotMs?: number;
  /** Lookups within `busyWindowMs` after which an organisation counts as busy. */
  busyAfter?: number;
  busyWindowMs?: number;
  now?: () => number;
}

interface Snapshot {
  people: Map<string, Person>;
  conversations: Map<string, StoredConversation>;
}

interface OrgState {
  windowStart: number;
  lookups: number;
  /** The last snapshot read, and when its read finished. */
  snapshot?: { at: number; value: Snapshot };
  /** The read under way, if any: the one every lookup without a snapshot waits for. */
  loading?: Promise<Snapshot>;
}

export class RecipientDirectory {
  private readonly orgs = new Map<string, OrgState>();
  private readonly snapshotMs: number;
  private readonly busyAfter: number;
  private readonly busyWindowMs: number;
  private readonly now: () => number;

  constructor(
    private readonly repositories: Pick<Repositories, 'people' | 'conversations'>,
    options: RecipientDirectoryOptions = {},
  ) {
    this.snapshotMs = options.snapshotMs ?? 120_000;
    this.busyAfter = options.busyAfter ?? 100;
    this.busyWindowMs = options.busyWindowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async person(orgId: string, email: string): Promise<Person | undefined> {
    const snapshot = await this.snapshotFor(orgId);
    return snapshot?.people.get(email) ?? (await this.repositories.people.get(orgId, email))?.value;
  }

  async conversation(orgId: string, email: string): Promise<StoredConversation | undefined> {
    const snapshot = await this.snapshotFor(orgId);
    return (
      snapshot?.conversations.get(email) ??
      this.repositories.conversations.getPersonal(orgId, email)
    );
  }

  /** A 1:1 chat we just created and stored, so the snapshot does not send us to create it again. */
  remember(conversation: StoredConversation): void {
    if (!conversation.personEmail) return;
    const state = this.orgs.get(conversation.orgId);
    state?.snapshot?.value.conversations.set(conversation.personEmail, conversation);
    void state?.loading?.then(
      (s) => s.conversations.set(conversation.personEmail!, conversation),
      () => undefined,
    );
  }

  /** The organisation's snapshot when it is busy (read now if there is none), else undefined. */
  private async snapshotFor(orgId: string): Promise<Snapshot | undefined> {
    const t = this.now();
    let state = this.orgs.get(orgId);
    if (!state) {
      state = { windowStart: t, lookups: 0 };
      this.orgs.set(orgId, state);
    }
    if (t - state.windowStart > this.busyWindowMs) {
      state.windowStart = t;
      state.lookups = 0;
    }
    state.lookups++;
    const busy = state.lookups > this.busyAfter;
    if (state.snapshot) {
      if (t - state.snapshot.at >= this.snapshotMs) {
        if (!busy) {
          // Quiet again: point reads, and the next busy spell reads a new snapshot.
          state.snapshot = undefined;
          return undefined;
        }
        // Renewed in the background (startLoad handles its failure); the old one answers meanwhile.
        void this.startLoad(orgId, state);
      }
      return state.snapshot?.value;
    }
    if (!busy) return undefined;
    return this.startLoad(orgId, state).catch(() => undefined);
  }

  /** Starts a read unless one runs; the snapshot is replaced when it is done. */
  private startLoad(orgId: string, state: OrgState): Promise<Snapshot> {
    if (state.loading) return state.loading;
    const loading = this.load(orgId).then(
      (value) => {
        state.snapshot = { at: this.now(), value };
        state.loading = undefined;
        return value;
      },
      (error: unknown) => {
        // A failed read is not kept: the next lookup tries again (and meanwhile uses what it has).
        state.loading = undefined;
        throw error;
      },
    );
    state.loading = loading;
    // A background renewal that fails is only tried again later; nobody awaits it.
    loading.catch(() => undefined);
    return loading;
  }

  private async load(orgId: string): Promise<Snapshot> {
    const [people, conversations] = await Promise.all([
      this.repositories.people.list(orgId),
      this.repositories.conversations.listPersonal(orgId),
    ]);
    return {
      people: new Map(people.map((p) => [p.email, p])),
      conversations: new Map(
        conversations.map((c): [string, StoredConversation] => [c.personEmail ?? '', c]),
      ),
    };
  }
}
