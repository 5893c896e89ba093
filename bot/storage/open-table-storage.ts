import { odata, TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import type { Repositories } from '../mus/repositories.js';
import type { DeliveryStore } from '../rollout/delivery.js';
import { AgreementTable } from './agreement-table.js';
import { AuditTable } from './audit-table.js';
import { TenantLeaseTable } from './tenant-lease-table.js';
import { InstallAttemptTable } from './install-attempt-table.js';
import type { InstallAttemptStore } from '../rollout/install-attempts.js';
import type { TenantLeaseStore } from '../rollout/tenant-lease.js';
import { DeliveryTable } from './delivery-table.js';
import { ConversationTable } from './conversation-table.js';
import { EvaluationTable } from './evaluation-table.js';
import { GroupTalkTable } from './group-talk-table.js';
import { OrganisationTable } from './organisation-table.js';
import { PersonTable } from './person-table.js';
import { CachedPersonRepository } from './cached-people.js';
import { PrivateNoteTable } from './private-note-table.js';
import { RoundTable } from './round-table.js';
import { SkemaTable } from './skema-table.js';
import { statusOf } from './table-operations.js';

/** Our tables, by role. The stored name is `<tablePrefix><name>`. */
export const TABLE_NAMES = {
  organisations: 'organisations',
  people: 'people',
  rounds: 'rounds',
  skemas: 'skemas',
  privateNotes: 'privatenotes',
  agreements: 'agreements',
  evaluationReceipts: 'evaluationreceipts',
  evaluationAnswers: 'evaluationanswers',
  conversations: 'conversations',
  deliveries: 'deliveries',
  dispatchQueue: 'dispatchqueue',
  auditLog: 'auditlog',
  groupTalks: 'grouptalks',
  installAttempts: 'installattempts',
} as const;

export type TableRole = keyof typeof TABLE_NAMES;

export interface TableStorageOptions {
  /** A storage connection string (Azurite or an account key). */
  connectionString?: string;
  /** `https://<account>.table.core.windows.net`, used with `credential`. */
  accountUrl?: string;
  /** e.g. DefaultAzureCredential for a managed identity; required with `accountUrl`. */
  credential?: TokenCredential;
  /** Prepended to every table name; lets tests and several environments share one account. */
  tablePrefix?: string;
}

export interface TableStorage {
  repositories: Repositories;
  /** The rollout's outbox. */
  deliveries: DeliveryStore;
  /** Which instance sends each tenant's cards. */
  tenantLeases: TenantLeaseStore;
  /** Proactive installation's attempts, one row per person per round. */
  installAttempts: InstallAttemptStore;
  /** True when the Table service answers (for GET /healthz); never throws. */
  ping: () => Promise<boolean>;
}

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
const PING_TIMEOUT_MS = 5_000;

/** The full table name for a role; throws if the prefix makes it invalid for Azure. */
export function tableName(role: TableRole, tablePrefix = ''): string {
  const name = `${tablePrefix}${TABLE_NAMES[role]}`;
  if (!TABLE_NAME.test(name)) {
    throw new Error(
      `Table name "${name}" is not valid: letters and digits only, starting with a letter, 3–63 characters.`,
    );
  }
  return name;
}

function usesHttp(options: TableStorageOptions): boolean {
  if (options.accountUrl) return options.accountUrl.toLowerCase().startsWith('http:');
  const cs = options.connectionString ?? '';
  return (
    /TableEndpoint=http:/i.test(cs) ||
    /DefaultEndpointsProtocol=http(;|$)/i.test(cs) ||
    /UseDevelopmentStorage=true/i.test(cs)
  );
}

function clientFactory(
  options: TableStorageOptions,
): (table: string, extra?: TableServiceClientOptions) => TableClient {
  // Plain http is only ever Azurite on this machine; a real account is always https.
  const base: TableServiceClientOptions = usesHttp(options)
    ? { allowInsecureConnection: true }
    : {};
  const { connectionString, accountUrl, credential } = options;
  if (connectionString) {
    return (table, extra) =>
      TableClient.fromConnectionString(connectionString, table, { ...base, ...extra });
  }
  if (accountUrl && credential) {
    return (table, extra) => new TableClient(accountUrl, table, credential, { ...base, ...extra });
  }
  throw new Error('Table storage needs a connectionString, or an accountUrl with a credential.');
}

async function createIfMissing(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (error) {
    // The SDK already ignores TableAlreadyExists, but older service versions answer 409 directly.
    if (statusOf(error) !== 409) throw error;
  }
}

/**
 * Opens the app's Azure Table storage: creates one TableClient per table (created in the account
 * if missing) and wires them into the repositories. Call once at start-up.
 */
export async function openTableStorage(options: TableStorageOptions): Promise<TableStorage> {
  const create = clientFactory(options);
  const client = (role: TableRole): TableClient => create(tableName(role, options.tablePrefix));
  const clients = {
    organisations: client('organisations'),
    people: client('people'),
    rounds: client('rounds'),
    skemas: client('skemas'),
    privateNotes: client('privateNotes'),
    agreements: client('agreements'),
    evaluationReceipts: client('evaluationReceipts'),
    evaluationAnswers: client('evaluationAnswers'),
    conversations: client('conversations'),
    deliveries: client('deliveries'),
    dispatchQueue: client('dispatchQueue'),
    auditLog: client('auditLog'),
    groupTalks: client('groupTalks'),
    installAttempts: client('installAttempts'),
  } satisfies Record<TableRole, TableClient>;
  await Promise.all(Object.values(clients).map(createIfMissing));

  const repositories: Repositories = {
    organisations: new OrganisationTable(clients.organisations),
    people: new CachedPersonRepository(new PersonTable(clients.people)),
    rounds: new RoundTable(clients.rounds),
    skemas: new SkemaTable(clients.skemas),
    privateNotes: new PrivateNoteTable(clients.privateNotes),
    agreements: new AgreementTable(clients.agreements),
    evaluations: new EvaluationTable(clients.evaluationReceipts, clients.evaluationAnswers),
    conversations: new ConversationTable(clients.conversations),
    audit: new AuditTable(clients.auditLog),
    groupTalks: new GroupTalkTable(clients.groupTalks),
  };

  // Its own client without retries, so a health check of a dead service answers within seconds.
  const pingClient = create(tableName('organisations', options.tablePrefix), {
    retryOptions: { maxRetries: 0 },
  });
  const ping = async (): Promise<boolean> => {
    try {
      const pages = pingClient
        .listEntities({
          queryOptions: { filter: odata`PartitionKey eq ${'healthz'}`, select: ['PartitionKey'] },
          abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS),
        })
        .byPage({ maxPageSize: 1 });
      await pages.next();
      return true;
    } catch {
      return false;
    }
  };

  const deliveries = new DeliveryTable(clients.deliveries, clients.dispatchQueue);
  const tenantLeases = new TenantLeaseTable(clients.dispatchQueue);
  const installAttempts = new InstallAttemptTable(clients.installAttempts);
  return { repositories, deliveries, tenantLeases, installAttempts, ping };
}
