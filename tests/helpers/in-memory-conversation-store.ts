import type { ConversationStore, StoredConversation } from '../../bot/mus/repositories.js';

/** A ConversationStore kept in a Map, for tests of the Teams transport. */
export class InMemoryConversationStore implements ConversationStore {
  private readonly rows = new Map<string, StoredConversation>();
  /** When set, every put throws it (to test failure handling). */
  failPutsWith: Error | undefined;

  put(conversation: StoredConversation): Promise<void> {
    if (this.failPutsWith) return Promise.reject(this.failPutsWith);
    this.rows.set(rowKey(conversation.orgId, conversation.key), structuredClone(conversation));
    return Promise.resolve();
  }

  get(orgId: string, key: string): Promise<StoredConversation | undefined> {
    return Promise.resolve(clone(this.rows.get(rowKey(orgId, key))));
  }

  getPersonal(orgId: string, personEmail: string): Promise<StoredConversation | undefined> {
    const found = [...this.rows.values()].find(
      (row) =>
        row.orgId === orgId && row.personEmail === personEmail && row.key.startsWith('personal:'),
    );
    return Promise.resolve(clone(found));
  }

  async listPersonal(orgId: string): Promise<StoredConversation[]> {
    const emails = new Set(
      [...this.rows.values()].flatMap((row) => (row.orgId === orgId ? [row.personEmail] : [])),
    );
    const found = await Promise.all(
      [...emails].flatMap((email) => (email ? [this.getPersonal(orgId, email)] : [])),
    );
    return found.filter((row): row is StoredConversation => row !== undefined);
  }

  remove(orgId: string, key: string): Promise<void> {
    this.rows.delete(rowKey(orgId, key));
    return Promise.resolve();
  }

  listForPerson(orgId: string, personEmail: string): Promise<StoredConversation[]> {
    const found = [...this.rows.values()].filter(
      (row) => row.orgId === orgId && row.personEmail === personEmail,
    );
    return Promise.resolve(found.map((row) => structuredClone(row)));
  }

  removePerson(orgId: string, personEmail: string): Promise<void> {
    for (const [key, row] of this.rows) {
      if (row.orgId === orgId && row.personEmail === personEmail) this.rows.delete(key);
    }
    return Promise.resolve();
  }

  /** Everything stored, for assertions. */
  all(): StoredConversation[] {
    return [...this.rows.values()].map((row) => structuredClone(row));
  }
}

function rowKey(orgId: string, key: string): string {
  return `${orgId}\u0000${key}`;
}

function clone(row: StoredConversation | undefined): StoredConversation | undefined {
  return row === undefined ? undefined : structuredClone(row);
}
