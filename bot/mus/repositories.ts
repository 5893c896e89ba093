import type { Agreement } from './agreement.js';
import type { AuditEntry } from './audit.js';
import type { Versioned } from './errors.js';
import type { EvaluationAnswer, EvaluationReceipt } from './evaluation.js';
import type { GroupTalk } from './group-talk.js';
import type { Organisation } from './organisation.js';
import type { Person, TeamsIdentity } from './person.js';
import type { Round } from './round.js';
import type { PrivateNote, Skema, SkemaStatus } from './skema.js';

/*
 * Storage seen from the domain, in the domain's words. The Azure Table implementations live in
 * bot/storage/. Every `update` takes the ETag the value was read at and throws ConflictError (carrying
 * the current version) when somebody else wrote in between; nothing is silently overwritten.
 */

export interface OrganisationRepository {
  get(orgId: string): Promise<Versioned<Organisation> | undefined>;
  /** Creates the organisation if it does not exist yet; returns what is stored either way. */
  ensure(org: Organisation): Promise<Versioned<Organisation>>;
  update(org: Organisation, etag: string): Promise<Versioned<Organisation>>;
  /** Every organisation's id, for daily jobs. */
  listIds(): Promise<string[]>;
}

/** Result of writing a whole roster. */
export interface RosterWriteResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Teams ids learnt for one person; `known` is the version the caller read, if it read one. */
export interface TeamsIdentityUpdate {
  email: string;
  identity: TeamsIdentity;
  known?: Versioned<Person>;
}

export interface PersonRepository {
  get(orgId: string, email: string): Promise<Versioned<Person> | undefined>;
  /** Everybody in the organisation, in email order. */
  list(orgId: string): Promise<Person[]>;
  /** The same with each person's ETag, for writes that follow a whole listing. */
  listVersions(orgId: string): Promise<Versioned<Person>[]>;
  /** The people whose leader is `leaderEmail`, without scanning the organisation. */
  listTeam(orgId: string, leaderEmail: string): Promise<Person[]>;
  /** Finds a person by their Entra object id (SSO `oid`) or Bot Framework user id. */
  findByTeamsId(
    orgId: string,
    id: { aadObjectId?: string; userId?: string },
  ): Promise<Person | undefined>;
  /**
   * Writes a validated roster: creates new people, updates changed ones in place, leaves unchanged ones
   * alone (so a re-import writes nothing). Keeps known Teams ids.
   */
  upsertRoster(orgId: string, people: Person[]): Promise<RosterWriteResult>;
  /** Records the Teams ids the bot learnt for a person. */
  setTeamsIdentity(orgId: string, email: string, identity: TeamsIdentity): Promise<void>;
  /**
   * The same for many people at once (a team roster's page): reads and writes in bulk, so a team of
   * thousands is learnt in seconds. An update may carry the version its caller already read (with
   * its ETag), which saves reading it again. People no longer on the roster are skipped. Returns
   * the new versions of the people whose ids changed (those that needed a retry on their own are
   * written but left out).
   */
  setTeamsIdentities(
    orgId: string,
    updates: readonly TeamsIdentityUpdate[],
  ): Promise<Versioned<Person>[]>;
  remove(orgId: string, email: string): Promise<void>;
}

export interface RoundRepository {
  /** Throws ConflictError if a round with this id exists. */
  create(round: Round): Promise<Versioned<Round>>;
  get(orgId: string, roundId: string): Promise<Versioned<Round> | undefined>;
  /** Newest first. */
  list(orgId: string): Promise<Round[]>;
  update(round: Round, etag: string): Promise<Versioned<Round>>;
}

export interface SkemaRepository {
  /** Creates the skema unless one exists for this employee and round; returns what is stored. */
  createIfAbsent(skema: Skema): Promise<{ created: boolean; skema: Versioned<Skema> }>;
  /**
   * createIfAbsent for many skemas (e.g. all of step 3), in few transactions: a team's skemas are
   * written together with their counts. Returns how many were new.
   */
  createMany(skemas: Skema[]): Promise<number>;
  get(orgId: string, roundId: string, employeeEmail: string): Promise<Versioned<Skema> | undefined>;
  listByRound(orgId: string, roundId: string): Promise<Skema[]>;
  /** A leader's skemas in a round, without scanning the round. */
  listByLeader(orgId: string, roundId: string, leaderEmail: string): Promise<Versioned<Skema>[]>;
  /**
   * `previous` is the version stored at `etag`, when the caller has it: if status, leader and
   * department are unchanged, no index or count row moves and the write is one guarded Replace.
   */
  update(skema: Skema, etag: string, previous?: Skema): Promise<Versioned<Skema>>;
  remove(orgId: string, roundId: string, employeeEmail: string): Promise<void>;
  /**
   * How many skemas of the round are in each status, per leader and department: a projection kept
   * up to date by every write above, so HR's overview never reads the skemas themselves.
   */
  statusTally(orgId: string, roundId: string): Promise<SkemaStatusTally[]>;
  /** Every skema of the round as a record of the talk (who, status, dates), without its texts. */
  listTalkRecords(orgId: string, roundId: string): Promise<TalkRecord[]>;
}

/** What HR may know of one talk: who, where it stands and when things happened; never its texts. */
export type TalkRecord = Pick<
  Skema,
  | 'employeeEmail'
  | 'leaderEmail'
  | 'department'
  | 'status'
  | 'talkAt'
  | 'heldAt'
  | 'finalisedAt'
  | 'acknowledgedAt'
>;

/** One leader's skemas in one department (the employee's, when sent), counted by status. */
export interface SkemaStatusTally {
  leaderEmail: string;
  department: string;
  byStatus: Record<SkemaStatus, number>;
}

export interface PrivateNoteRepository {
  get(
    orgId: string,
    roundId: string,
    employeeEmail: string,
  ): Promise<Versioned<PrivateNote> | undefined>;
  /** Pass `etag` undefined to create; ConflictError if one exists or the version is stale. */
  save(note: PrivateNote, etag: string | undefined): Promise<Versioned<PrivateNote>>;
  remove(orgId: string, roundId: string, employeeEmail: string): Promise<void>;
}

export interface AgreementRepository {
  add(agreement: Agreement): Promise<Versioned<Agreement>>;
  get(
    orgId: string,
    roundId: string,
    employeeEmail: string,
    id: string,
  ): Promise<Versioned<Agreement> | undefined>;
  /** One employee's agreements in a round. */
  listForSkema(
    orgId: string,
    roundId: string,
    employeeEmail: string,
  ): Promise<Versioned<Agreement>[]>;
  update(agreement: Agreement, etag: string): Promise<Versioned<Agreement>>;
  remove(orgId: string, roundId: string, employeeEmail: string, id: string): Promise<void>;
  /** Every agreement of a round (one partition), e.g. to copy them into the next round's skemas. */
  listByRound(orgId: string, roundId: string): Promise<Versioned<Agreement>[]>;
  /** A round's agreements due between two ISO dates (both included), for the follow-up reminders. */
  listDueBetween(
    orgId: string,
    roundId: string,
    from: string,
    to: string,
  ): Promise<Versioned<Agreement>[]>;
}

export interface EvaluationRepository {
  /**
   * Stores the receipt and the anonymous answer. Throws ConflictError if the person already answered
   * in this round. The answer's key is random; nothing links it to the receipt.
   */
  submit(receipt: EvaluationReceipt, answer: EvaluationAnswer): Promise<void>;
  hasAnswered(orgId: string, roundId: string, personEmail: string): Promise<boolean>;
  listAnswers(orgId: string, roundId: string): Promise<EvaluationAnswer[]>;
  /** How many answers the round has (listAnswers(…).length, without reading them). */
  countAnswers(orgId: string, roundId: string): Promise<number>;
  /**
   * Rewrites every answer of the round unchanged, so that the storage's own write time of each is
   * the same and no answer can be paired with a receipt by when it was written. Returns how many.
   */
  restampAnswers(orgId: string, roundId: string): Promise<number>;
  /** Erasure: forgets that the person answered. Their anonymous answer stays, unlinked. */
  removeReceipt(orgId: string, roundId: string, personEmail: string): Promise<void>;
}

/** A stored Bot Framework conversation reference, kept as opaque JSON by the domain. */
export interface StoredConversation {
  orgId: string;
  /** Person's email when matched to the roster; otherwise the key below stands alone. */
  personEmail?: string;
  /** `personal:<userId>` or `channel:<conversationId>`. */
  key: string;
  reference: unknown;
  updatedAt: string;
}

export interface ConversationStore {
  put(conversation: StoredConversation): Promise<void>;
  get(orgId: string, key: string): Promise<StoredConversation | undefined>;
  /** The personal (1:1) conversation with a person, when the bot knows one. */
  getPersonal(orgId: string, personEmail: string): Promise<StoredConversation | undefined>;
  /** Every person's 1:1 conversation in the organisation, as getPersonal would give it. */
  listPersonal(orgId: string): Promise<StoredConversation[]>;
  remove(orgId: string, key: string): Promise<void>;
  /** Every conversation reference that names the person (for export). */
  listForPerson(orgId: string, personEmail: string): Promise<StoredConversation[]>;
  /** Erasure: removes every conversation reference naming the person and the pointer to their chat. */
  removePerson(orgId: string, personEmail: string): Promise<void>;
}

/** The stored audit trail: who opened whose skema, readable by the person it is about. */
export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  /** The trail about one person, newest first, at most `limit` lines. */
  listAbout(orgId: string, employeeEmail: string, limit: number): Promise<AuditEntry[]>;
  /** Erasure: removes the person's own trail; returns how many lines. */
  removeAbout(orgId: string, employeeEmail: string): Promise<number>;
  /**
   * Erasure of a viewer: removes their name and email from the lines in other people's trails, which
   * keep the time of the read; returns how many lines.
   */
  anonymiseViewer(orgId: string, viewerEmail: string): Promise<number>;
  /** The audit trail's own retention: removes the organisation's lines from before `before`. */
  removeOlderThan(orgId: string, before: Date): Promise<number>;
}

/** A GRUS round's group talks: one per (round, leader). */
export interface GroupTalkRepository {
  /** Creates the group talk unless one exists for this round and leader; returns what is stored. */
  createIfAbsent(talk: GroupTalk): Promise<{ created: boolean; talk: Versioned<GroupTalk> }>;
  get(
    orgId: string,
    roundId: string,
    leaderEmail: string,
  ): Promise<Versioned<GroupTalk> | undefined>;
  /** Every group talk of a round (one partition), e.g. for export and erasure. */
  listByRound(orgId: string, roundId: string): Promise<Versioned<GroupTalk>[]>;
  update(talk: GroupTalk, etag: string): Promise<Versioned<GroupTalk>>;
  remove(orgId: string, roundId: string, leaderEmail: string): Promise<void>;
}

/** Everything the services need from storage, built once at start-up. */
export interface Repositories {
  organisations: OrganisationRepository;
  people: PersonRepository;
  rounds: RoundRepository;
  skemas: SkemaRepository;
  privateNotes: PrivateNoteRepository;
  agreements: AgreementRepository;
  evaluations: EvaluationRepository;
  conversations: ConversationStore;
  audit: AuditRepository;
  groupTalks: GroupTalkRepository;
}
