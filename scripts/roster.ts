/*
 * Roster import from the command line.
 *
 *   npm run roster -- import FILE.csv [--org ORGID]
 *   npm run roster -- sync-graph [--org ORGID] [--hr-group GROUPID]
 *
 * Storage: the running app's (when `npm start` runs on embedded storage it leaves running.json in the
 * data folder; a second Azurite on the same folder would corrupt it), else STORAGE_CONNECTION_STRING /
 * STORAGE_ACCOUNT_URL, else an embedded Azurite on DATA_DIR (default .data), stopped with SIGINT so it
 * saves. Graph (sync-graph) uses the app registration's client credentials from M365_CLIENT_ID,
 * M365_CLIENT_SECRET, M365_TENANT_ID (and optionally M365_AUTHORITY_HOST, GRAPH_BASE_URL,
 * ROSTER_HR_GROUP_ID), or a ready token in GRAPH_ACCESS_TOKEN.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_ORG_ID, type StorageConfig } from '../bot/config.js';
import { DomainError, ValidationError } from '../bot/mus/errors.js';
import type { PersonRepository, RosterWriteResult } from '../bot/mus/repositories.js';
import { importRosterCsv } from '../bot/roster/csv-roster.js';
import {
  createAppCredential,
  syncGraphRoster,
  type GraphRosterOptions,
  type GraphTokenProvider,
} from '../bot/roster/graph-roster.js';
import { isAlive, readRunningApp } from '../bot/running-file.js';
import { connectStorage } from '../bot/storage/connect-storage.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';

const USAGE = `Brug / usage:
  npm run roster -- import FILE.csv [--org ORGID]
  npm run roster -- sync-graph [--org ORGID] [--hr-group GROUPID]`;

class UsageError extends Error {}

interface OpenedPeople {
  people: PersonRepository;
  description: string;
  close(): Promise<void>;
}

async function openPeople(env: NodeJS.ProcessEnv): Promise<OpenedPeople> {
  const dataDir = resolve(env.DATA_DIR?.trim() || '.data');
  const running = readRunningApp(dataDir);
  if (running && isAlive(running.appPid)) {
    const { repositories } = await openTableStorage({ connectionString: running.connectionString });
    return {
      people: repositories.people,
      description: `den kørende apps lager / the running app's storage (pid ${running.appPid})`,
      close: () => Promise.resolve(),
    };
  }
  const connectionString = env.STORAGE_CONNECTION_STRING?.trim();
  const accountUrl = env.STORAGE_ACCOUNT_URL?.trim();
  const config: StorageConfig = connectionString
    ? { kind: 'connection-string', connectionString }
    : accountUrl
      ? { kind: 'account-url', accountUrl, managedIdentityClientId: env.AZURE_CLIENT_ID?.trim() }
      : { kind: 'embedded', dataDir };
  const storage = await connectStorage(config);
  return {
    people: storage.repositories.people,
    description: storage.description,
    close: async () => {
      await storage.azurite?.stop();
    },
  };
}

function graphOptions(env: NodeJS.ProcessEnv, hrGroupId: string | undefined): GraphRosterOptions {
  const staticToken = env.GRAPH_ACCESS_TOKEN?.trim();
  let tokenProvider: GraphTokenProvider;
  if (staticToken) {
    tokenProvider = { getToken: () => Promise.resolve({ token: staticToken }) };
  } else {
    const clientId = env.M365_CLIENT_ID?.trim();
    const clientSecret = env.M365_CLIENT_SECRET?.trim();
    const tenantId = env.M365_TENANT_ID?.trim();
    const missing = [
      !clientId && 'M365_CLIENT_ID',
      !clientSecret && 'M365_CLIENT_SECRET',
      !tenantId && 'M365_TENANT_ID',
    ].filter(Boolean);
    if (!clientId || !clientSecret || !tenantId) {
      throw new UsageError(
        `sync-graph kræver appregistreringens legitimation; mangler / needs the app registration's credentials; missing: ${missing.join(', ')}`,
      );
    }
    const settings = {
      clientId,
      clientSecret,
      tenantId,
      authorityHost: env.M365_AUTHORITY_HOST?.trim() || undefined,
    };
    // Created on first use, so a failing credential surfaces inside the sync's own error handling.
    let credential: Promise<GraphTokenProvider> | undefined;
    tokenProvider = {
      getToken: async (scopes) => {
        credential ??= createAppCredential(settings);
        return (await credential).getToken(scopes);
      },
    };
  }
  const options: GraphRosterOptions = { tokenProvider };
  const baseUrl = env.GRAPH_BASE_URL?.trim();
  if (baseUrl) options.baseUrl = baseUrl;
  const group = hrGroupId ?? env.ROSTER_HR_GROUP_ID?.trim();
  if (group) options.hrGroupId = group;
  return options;
}

function printResult(result: RosterWriteResult, orgId: string, where: string): void {
  console.log(
    `Personlisten er importeret / The roster was imported (org ${orgId}; ${where}):\n` +
      `  nye / created: ${result.created}\n` +
      `  ændrede / updated: ${result.updated}\n` +
      `  uændrede / unchanged: ${result.unchanged}`,
  );
}

function printFailure(error: unknown): void {
  if (error instanceof DomainError) {
    console.error(`${error.userMessage.da}\n${error.userMessage.en}`);
    if (error instanceof ValidationError) {
      for (const issue of error.issues) {
        console.error(`  ${issue.where}: ${issue.message.da}\n      ${issue.message.en}`);
      }
    } else if (error.cause) {
      // The operator running the CLI may see the technical detail; users of the app never do.
      const cause =
        error.cause instanceof Error ? error.cause.message : JSON.stringify(error.cause);
      console.error(`  (${cause})`);
    }
    return;
  }
  console.error('Uventet fejl / Unexpected error:', error);
}

async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: string | undefined;
  let positionals: string[];
  let values: { org?: string; 'hr-group'?: string };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { org: { type: 'string' }, 'hr-group': { type: 'string' } },
    });
    [command, ...positionals] = parsed.positionals;
    values = parsed.values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const orgId = values.org?.trim() || DEV_ORG_ID;

  let work: (people: PersonRepository) => Promise<RosterWriteResult>;
  try {
    if (command === 'import' && positionals.length === 1 && positionals[0]) {
      const file = positionals[0];
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new UsageError(
          `Filen kan ikke læses / The file cannot be read: ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        );
      });
      work = (people) => importRosterCsv(people, orgId, bytes);
    } else if (command === 'sync-graph' && positionals.length === 0) {
      const options = graphOptions(env, values['hr-group']?.trim() || undefined);
      work = (people) => syncGraphRoster(people, orgId, options);
    } else {
      throw new UsageError(USAGE);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }

  const storage = await openPeople(env);
  try {
    printResult(await work(storage.people), orgId, storage.description);
    return 0;
  } catch (error) {
    printFailure(error);
    return 1;
  } finally {
    await storage.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error('Uventet fejl / Unexpected error:', error);
  process.exitCode = 1;
}
