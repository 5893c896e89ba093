import type { Versioned } from '../mus/errors.js';
import type { Person, TeamsIdentity } from '../mus/person.js';
import type {
  PersonRepository,
  RosterWriteResult,
  TeamsIdentityUpdate,
} from '../mus/repositories.js';
import { ttlCache } from '../ttl-cache.js';

/**
 * How long a person read by e-mail or Teams id is reused. Every API request and card click first
 * finds out who is asking; a roster change made by another instance reaches this one within this.
 */
const PEOPLE_CACHE_MS = 30_000;

/**
 * The roster with its hottest reads cached: who a Teams user is (findByTeamsId, on every request of
 * the tab) and a person by e-mail. A write through this process forgets what it may have changed;
 * people not found are not remembered (the roster may be imported any moment).
 */
export class CachedPersonRepository implements PersonRepository {
  private readonly cached = ttlCache(PEOPLE_CACHE_MS, Date.now, (found) => found === undefined);

  constructor(private readonly people: PersonRepository) {}

  get(orgId: string, email: string): Promise<Versioned<Person> | undefined> {
    return this.cached(`get\n${orgId}\n${email}`, () => this.people.get(orgId, email));
  }

  findByTeamsId(
    orgId: string,
    id: { aadObjectId?: string; userId?: string },
  ): Promise<Person | undefined> {
    const key = `teams\n${orgId}\n${id.aadObjectId ?? ''}\n${id.userId ?? ''}`;
    return this.cached(key, () => this.people.findByTeamsId(orgId, id));
  }

  list(orgId: string): Promise<Person[]> {
    return this.people.list(orgId);
  }

  listTeam(orgId: string, leaderEmail: string): Promise<Person[]> {
    return this.people.listTeam(orgId, leaderEmail);
  }

  async upsertRoster(orgId: string, people: Person[]): Promise<RosterWriteResult> {
    try {
      return await this.people.upsertRoster(orgId, people);
    } finally {
      this.cached.clear();
    }
  }

  async setTeamsIdentity(orgId: string, email: string, identity: TeamsIdentity): Promise<void> {
    try {
      await this.people.setTeamsIdentity(orgId, email, identity);
    } finally {
      this.cached.clear();
    }
  }

  listVersions(orgId: string): Promise<Versioned<Person>[]> {
    return this.people.listVersions(orgId);
  }

  async setTeamsIdentities(
    orgId: string,
    updates: readonly TeamsIdentityUpdate[],
  ): Promise<Versioned<Person>[]> {
    try {
      return await this.people.setTeamsIdentities(orgId, updates);
    } finally {
      this.cached.clear();
    }
  }

  async remove(orgId: string, email: string): Promise<void> {
    try {
      await this.people.remove(orgId, email);
    } finally {
      this.cached.clear();
    }
  }
}
