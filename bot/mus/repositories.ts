import type { Agreement } from './agreement.js';
import type { Versioned } from './errors.js';
import type { EvaluationAnswer, EvaluationReceipt } from './evaluation.js';
import type { Organisation } from './organisation.js';
import type { Person, TeamsIdentity } from './person.js';
import type { Round } from './round.js';
import type { PrivateNote, Skema } from './skema.js';

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

export interface PersonRepository {
  get(orgId: string, email: string): Promise<Versioned<Person> | undefined>;
  /** Everybody in the organisation, in email order. */
  list(orgId: string): Promise<Person[]>;
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
  get(orgId: string, roundId: string, employeeEmail: string): Promise<Versioned<Skema> | undefined>;
  listByRound(orgId: string, roundId: string): Promise<Skema[]>;
  /** A leader's skemas in a round, without scanning the round. */
  listByLeader(orgId: string, roundId: string, leaderEmail: string): Promise<Versioned<Skema>[]>;
  update(skema: Skema, etag: string): Promise<Versioned<Skema>>;
  remove(orgId: string, roundId: string, employeeEmail: string): Promise<void>;
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
}

export interface EvaluationRepository {
  /**
   * Stores the receipt and the anonymous answer. Throws ConflictError if the person already answered
   * in this round. The answer's key is random; nothing links it to the receipt.
   */
  submit(receipt: EvaluationReceipt, answer: EvaluationAnswer): Promise<void>;
  hasAnswered(orgId: string, roundId: string, personEmail: string): Promise<boolean>;
  listAnswers(orgId: string, roundId: string): Promise<EvaluationAnswer[]>;
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
  remove(orgId: string, key: string): Promise<void>;
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
}
