import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { NotFoundError } from '../mus/errors.js';
import type { Versioned } from '../mus/errors.js';
import type { Person, TeamsIdentity } from '../mus/person.js';
import type {
  PersonRepository,
  RosterWriteResult,
  TeamsIdentityUpdate,
} from '../mus/repositories.js';
import { rolesSchema } from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { encodeKeyPart, partitionFilter, rowKeyPrefixFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import {
  definedProperties,
  deleteIfPresent,
  mapWithLimit,
  MAX_BATCH_OPERATIONS,
  queryEntities,
  readEntity,
  statusOf,
  submitGroups,
  type RawEntity,
} from './table-operations.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `people`. One partition per organisation, so a person and all their index rows change in
 * one transaction:
 *   PK = <orgId>   RK = p|<email>                   the person
 *                  RK = t|<leaderEmail>|<email>     a copy of the person under their leader, so a
 *                                                   leader's team is one range query, not a scan
 *                  RK = a|<aadObjectId>             points to the email (SSO `oid` → person)
 *                  RK = u|<botUserId>               points to the email (Bot Framework id → person)
 * Key parts are encoded with encodeKeyPart. Person and team rows are written together, the person
 * row guarded by its ETag, so a concurrent setTeamsIdentity and roster import never lose each other's
 * changes: the loser's transaction fails as a whole and is retried on fresh data.
 */

const PERSON = 'p|';
const TEAM = 't|';
const AAD = 'a|';
const USER = 'u|';
const WHAT = ERRORS_TEXTS.storage.whatPerson;
/** Retries of a read-modify-write that lost a race; more than a few means something is wrong. */
const MAX_ATTEMPTS = 5;
/** Point reads and transactions in flight at once when many people's Teams ids are written. */
const READS_IN_FLIGHT = 32;
const WRITES_IN_FLIGHT = 4;

const personEntity = z.object({
  etag: z.string(),
  email: z.string(),
  name: z.string(),
  department: z.string(),
  leaderEmail: z.string().optional(),
  teamsUserId: z.string().optional(),
  aadObjectId: z.string().optional(),
  tenantId: z.string().optional(),
});

const pointerEntity = z.object({ email: z.string() });

function personKey(email: string): string {
  return PERSON + encodeKeyPart(email);
}

function teamKey(leaderEmail: string, email: string): string {
  return `${TEAM}${encodeKeyPart(leaderEmail)}|${encodeKeyPart(email)}`;
}

function teamPrefix(leaderEmail: string): string {
  return `${TEAM}${encodeKeyPart(leaderEmail)}|`;
}

function identityKeys(teams: TeamsIdentity | undefined): string[] {
  const keys: string[] = [];
  if (teams?.aadObjectId) keys.push(AAD + encodeKeyPart(teams.aadObjectId));
  if (teams?.userId) keys.push(USER + encodeKeyPart(teams.userId));
  return keys;
}

function toPerson(orgId: string, raw: RawEntity): Versioned<Person> {
  // Spreading the parsed row keeps absent optional fields absent rather than `undefined`.
  const { etag, teamsUserId, aadObjectId, tenantId, ...row } = parseEntity(
    'people',
    raw,
    personEntity,
  );
  const teams: TeamsIdentity = definedProperties({ userId: teamsUserId, aadObjectId, tenantId });
  return {
    etag,
    value: {
      orgId,
      ...row,
      roles: readJsonProperty(raw, 'roles', rolesSchema),
      ...(Object.keys(teams).length ? { teams } : {}),
    },
  };
}

function personProperties(person: Person): Record<string, string> {
  return {
    ...definedProperties({
      email: person.email,
      name: person.name,
      department: person.department,
      leaderEmail: person.leaderEmail,
      teamsUserId: person.teams?.userId,
      aadObjectId: person.teams?.aadObjectId,
      tenantId: person.teams?.tenantId,
    }),
    ...jsonProperties('roles', person.roles),
  };
}

/** Compares what we store of two versions of a person; key order in `teams` does not matter. */
function samePerson(a: Person, b: Person): boolean {
  return (
    a.name === b.name &&
    a.department === b.department &&
    (a.leaderEmail ?? '') === (b.leaderEmail ?? '') &&
    JSON.stringify(a.roles) === JSON.stringify(b.roles) &&
    (a.teams?.userId ?? '') === (b.teams?.userId ?? '') &&
    (a.teams?.aadObjectId ?? '') === (b.teams?.aadObjectId ?? '') &&
    (a.teams?.tenantId ?? '') === (b.teams?.tenantId ?? '')
  );
}

/** Whether a failed transaction lost a race (someone wrote or created a row in between). */
function lostRace(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 412;
}

export class PersonTable implements PersonRepository {
  constructor(private readonly client: TableClient) {}

  async get(orgId: string, email: string): Promise<Versioned<Person> | undefined> {
    const raw = await readEntity(this.client, encodeKeyPart(orgId), personKey(email));
    return raw ? toPerson(orgId, raw) : undefined;
  }

  async list(orgId: string): Promise<Person[]> {
    const rows = await queryEntities(this.client, rowKeyPrefixFilter(encodeKeyPart(orgId), PERSON));
    return rows.map((raw) => toPerson(orgId, raw).value);
  }

  async listTeam(orgId: string, leaderEmail: string): Promise<Person[]> {
    const rows = await queryEntities(
      this.client,
      rowKeyPrefixFilter(encodeKeyPart(orgId), teamPrefix(leaderEmail)),
    );
    return rows.map((raw) => toPerson(orgId, raw).value);
  }

  async findByTeamsId(
    orgId: string,
    id: { aadObjectId?: string; userId?: string },
  ): Promise<Person | undefined> {
    const candidates: [string, (p: Person) => boolean][] = [];
    if (id.aadObjectId) {
      const oid = id.aadObjectId;
      candidates.push([AAD + encodeKeyPart(oid), (p) => p.teams?.aadObjectId === oid]);
    }
    if (id.userId) {
      const userId = id.userId;
      candidates.push([USER + encodeKeyPart(userId), (p) => p.teams?.userId === userId]);
    }
    for (const [rowKey, matches] of candidates) {
      const pointer = await readEntity(this.client, encodeKeyPart(orgId), rowKey);
      if (!pointer) continue;
      const { email } = parseEntity('people', pointer, pointerEntity);
      const person = await this.get(orgId, email);
      // The pointer is written with the person, but checking costs nothing and guards old data.
      if (person && matches(person.value)) return person.value;
    }
    return undefined;
  }

  async upsertRoster(orgId: string, people: Person[]): Promise<RosterWriteResult> {
    const incoming = new Map(people.map((p) => [p.email, { ...p, orgId }]));
    // Counted against the first read, so a retry after a lost race does not count anyone twice.
    let existedAtStart: Set<string> | undefined;
    const written = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const { people: storedPeople, rowKeys } = await this.partition(orgId);
      const stored = new Map(storedPeople.map((p) => [p.value.email, p]));
      existedAtStart ??= new Set(stored.keys());
      const groups: TransactionAction[][] = [];
      for (const person of incoming.values()) {
        const before = stored.get(person.email);
        // Identities learnt from Teams are ours, not the roster's: keep them, adding only what the
        // roster knows and Teams has not told us yet (the Entra object id from Entra ID).
        const teams =
          before?.value.teams && person.teams
            ? { ...person.teams, ...before.value.teams }
            : (before?.value.teams ?? person.teams);
        const after: Person = { ...person, ...(teams ? { teams } : {}) };
        if (before && samePerson(before.value, after)) continue;
        groups.push(this.writeActions(after, before, rowKeys));
        written.add(person.email);
      }
      try {
        await submitGroups(this.client, groups);
        break;
      } catch (error) {
        if (!lostRace(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
    const existed = existedAtStart ?? new Set<string>();
    const created = [...written].filter((email) => !existed.has(email)).length;
    return {
      created,
      updated: written.size - created,
      unchanged: incoming.size - written.size,
    };
  }

  async setTeamsIdentity(orgId: string, email: string, identity: TeamsIdentity): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.get(orgId, email);
      if (!before) throw new NotFoundError();
      const teams: TeamsIdentity = { ...before.value.teams, ...definedProperties({ ...identity }) };
      const after: Person = { ...before.value, teams };
      if (samePerson(before.value, after)) return;
      const rowKeys = await this.existingRowKeys(orgId, identityKeys(before.value.teams));
      try {
        await this.client.submitTransaction(this.writeActions(after, before, rowKeys));
        return;
      } catch (error) {
        if (!lostRace(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async listVersions(orgId: string): Promise<Versioned<Person>[]> {
    const rows = await queryEntities(this.client, rowKeyPrefixFilter(encodeKeyPart(orgId), PERSON));
    return rows.map((raw) => toPerson(orgId, raw));
  }

  async setTeamsIdentities(
    orgId: string,
    updates: readonly TeamsIdentityUpdate[],
  ): Promise<Versioned<Person>[]> {
    const unique = [...new Map(updates.map((u) => [u.email, u])).values()];
    // A version the caller already read (a roster listing) saves a point read per person: on the
    // embedded storage each point read scans the organisation's partition. Its ETag still guards
    // the write, so a stale one only sends that person down the slow path below.
    const befores = await mapWithLimit(unique, READS_IN_FLIGHT, (u) =>
      u.known ? Promise.resolve(u.known) : this.get(orgId, u.email),
    );
    const changes: { before: Versioned<Person>; after: Person }[] = [];
    unique.forEach(({ identity }, i) => {
      const before = befores[i];
      if (!before) return;
      const teams: TeamsIdentity = { ...before.value.teams, ...definedProperties({ ...identity }) };
      const after: Person = { ...before.value, teams };
      if (!samePerson(before.value, after)) changes.push({ before, after });
    });
    // Old index rows are deleted only when they exist (a missing one fails the transaction), so
    // the ones a change drops are looked up first; a first-time identity drops none.
    const dropped = changes.flatMap(({ before, after }) => {
      const kept = identityKeys(after.teams);
      return identityKeys(before.value.teams).filter((key) => !kept.includes(key));
    });
    const existing = await this.existingRowKeys(orgId, dropped);
    // A person's rows go in one transaction; about 25 people share one, a few transactions at once.
    const groups = changes.map((c) => ({
      change: c,
      actions: this.writeActions(c.after, c.before, existing),
    }));
    const batches: { groups: typeof groups; size: number; rowKeys: Set<string> }[] = [];
    for (const group of groups) {
      const keys = group.actions.map(([, entity]) => String(entity.rowKey));
      const last = batches.at(-1);
      // A transaction may hold a row only once (two people claiming one Teams id: their own).
      const fits =
        last &&
        last.size + keys.length <= MAX_BATCH_OPERATIONS &&
        keys.every((k) => !last.rowKeys.has(k));
      if (fits) {
        last.groups.push(group);
        last.size += keys.length;
        for (const k of keys) last.rowKeys.add(k);
      } else batches.push({ groups: [group], size: keys.length, rowKeys: new Set(keys) });
    }
    const written: Versioned<Person>[] = [];
    await mapWithLimit(batches, WRITES_IN_FLIGHT, async (batch) => {
      try {
        const response = await this.client.submitTransaction(
          batch.groups.flatMap((g) => g.actions),
        );
        const etags = new Map(response.subResponses.map((r) => [r.rowKey, r.etag]));
        for (const { change } of batch.groups) {
          const etag = etags.get(personKey(change.after.email));
          if (etag) written.push({ value: change.after, etag });
        }
      } catch (error) {
        if (!lostRace(error)) throw error;
        // Someone changed one of them meanwhile (all or nothing): each again on its own.
        for (const { change } of batch.groups) {
          await this.setTeamsIdentity(orgId, change.after.email, change.after.teams ?? {});
        }
      }
    });
    return written;
  }

  async remove(orgId: string, email: string): Promise<void> {
    const before = await this.get(orgId, email);
    if (!before) return;
    const pk = encodeKeyPart(orgId);
    // Index rows first: a crash in between leaves a person without index rows, which the next
    // roster import or identity update rewrites, never an index row pointing at nobody's data.
    const indexKeys = [...identityKeys(before.value.teams)];
    if (before.value.leaderEmail) indexKeys.push(teamKey(before.value.leaderEmail, email));
    for (const rowKey of indexKeys) await deleteIfPresent(this.client, pk, rowKey);
    await deleteIfPresent(this.client, pk, personKey(email));
  }

  /** The whole organisation partition: its people, and which row keys exist (index rows too). */
  private async partition(
    orgId: string,
  ): Promise<{ people: Versioned<Person>[]; rowKeys: Set<string> }> {
    const rows = await queryEntities(this.client, partitionFilter(encodeKeyPart(orgId)));
    const people: Versioned<Person>[] = [];
    const rowKeys = new Set<string>();
    for (const raw of rows) {
      const rowKey = raw.rowKey;
      if (typeof rowKey !== 'string') continue;
      rowKeys.add(rowKey);
      if (rowKey.startsWith(PERSON)) people.push(toPerson(orgId, raw));
    }
    return { people, rowKeys };
  }

  private async existingRowKeys(orgId: string, rowKeys: string[]): Promise<Set<string>> {
    const pk = encodeKeyPart(orgId);
    const found = await mapWithLimit(rowKeys, READS_IN_FLIGHT, (rk) =>
      readEntity(this.client, pk, rk),
    );
    return new Set(rowKeys.filter((_, i) => found[i] !== undefined));
  }

  /**
   * The actions that write `after` and its index rows, replacing `before`: one transaction, with
   * the person row guarded by `before`'s ETag (or created, when new). Index rows are deleted only
   * when they exist, since one missing row would fail the whole transaction.
   */
  private writeActions(
    after: Person,
    before: Versioned<Person> | undefined,
    existing: ReadonlySet<string>,
  ): TransactionAction[] {
    const pk = encodeKeyPart(after.orgId);
    const properties = personProperties(after);
    const row: EntityToWrite = { partitionKey: pk, rowKey: personKey(after.email), ...properties };
    assertWithinTableLimits(row, WHAT);
    const actions: TransactionAction[] = [
      before ? ['update', row, 'Replace', { etag: before.etag }] : ['create', row],
    ];
    const oldLeader = before?.value.leaderEmail;
    if (oldLeader && oldLeader !== after.leaderEmail) {
      const rowKey = teamKey(oldLeader, after.email);
      if (existing.has(rowKey)) actions.push(['delete', { partitionKey: pk, rowKey }]);
    }
    if (after.leaderEmail) {
      const teamRow = {
        partitionKey: pk,
        rowKey: teamKey(after.leaderEmail, after.email),
        ...properties,
      };
      actions.push(['upsert', teamRow, 'Replace']);
    }
    const newIdentityKeys = identityKeys(after.teams);
    for (const rowKey of identityKeys(before?.value.teams)) {
      if (!newIdentityKeys.includes(rowKey) && existing.has(rowKey)) {
        actions.push(['delete', { partitionKey: pk, rowKey }]);
      }
    }
    for (const rowKey of newIdentityKeys) {
      actions.push(['upsert', { partitionKey: pk, rowKey, email: after.email }, 'Replace']);
    }
    return actions;
  }
}
