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
 * A snapshot may be up to `snapshotMs` (2 minutes) old: a renamed person may show their old name in a
 * card sent meanwhile; reading 10,000 people and chats more often costs more than that is worth.
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
  snapshot?: { at: number; value: Promise<Snapshot> };
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
    const snapshot = this.orgs.get(conversation.orgId)?.snapshot;
    void snapshot?.value.then(
      (s) => s.conversations.set(conversation.personEmail!, conversation),
      () => undefined,
    );
  }

  /** The organisation's snapshot when it is busy (read now if missing or old), else undefined. */
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
    const fresh = state.snapshot && t - state.snapshot.at < this.snapshotMs;
    if (fresh) return state.snapshot!.value;
    if (!busy) {
      state.snapshot = undefined;
      return undefined;
    }
    const value = this.load(orgId);
    const entry = { at: t, value };
    state.snapshot = entry;
    // A failed read is not kept: the next lookup tries again (and meanwhile uses point reads).
    value.catch(() => {
      if (state.snapshot === entry) state.snapshot = undefined;
    });
    return value.catch(() => undefined);
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
