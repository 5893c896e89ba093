import { DefaultAzureCredential } from '@azure/identity';
import { join } from 'node:path';
import type { StorageConfig } from '../config.js';
import type { Repositories } from '../mus/repositories.js';
import type { DeliveryStore } from '../rollout/delivery.js';
import type { TenantLeaseStore } from '../rollout/tenant-lease.js';
import type { InstallAttemptStore } from '../rollout/install-attempts.js';
import { interruptPid } from '../process-signals.js';
import { isAlive, readRunningApp } from '../running-file.js';
import { startAzurite, type EmbeddedAzurite } from './embedded-azurite.js';
import { openTableStorage } from './open-table-storage.js';

export interface ConnectedStorage {
  repositories: Repositories;
  deliveries: DeliveryStore;
  /** Which instance sends each tenant's cards (several instances on one storage account). */
  tenantLeases: TenantLeaseStore;
  /** Proactive installation's attempts (used only when PROACTIVE_INSTALL=on). */
  installAttempts: InstallAttemptStore;
  ping(): Promise<boolean>;
  /** Present when we started Azurite ourselves. */
  azurite?: EmbeddedAzurite;
  /** Where the data lives, for the start-up message. */
  description: string;
  connectionString?: string;
}

export class AlreadyRunningError extends Error {
  constructor(
    readonly appPid: number,
    readonly url: string,
  ) {
    super(
      `MUS for Teams kører allerede på ${url} (pid ${appPid}). Stop den først. / ` +
        `MUS for Teams is already running at ${url} (pid ${appPid}). Stop it first.`,
    );
  }
}

/**
 * Connects to the configured storage. On the embedded default it starts Azurite on the data folder,
 * after making sure no other app instance uses that folder and stopping an Azurite left behind by a
 * crashed one (with SIGINT, so it saves).
 */
export async function connectStorage(config: StorageConfig): Promise<ConnectedStorage> {
  if (config.kind === 'connection-string') {
    const opened = await openTableStorage({ connectionString: config.connectionString });
    return {
      ...opened,
      description: 'STORAGE_CONNECTION_STRING',
      connectionString: config.connectionString,
    };
  }
  if (config.kind === 'account-url') {
    const credential = new DefaultAzureCredential(
      config.managedIdentityClientId
        ? { managedIdentityClientId: config.managedIdentityClientId }
        : {},
    );
    const opened = await openTableStorage({ accountUrl: config.accountUrl, credential });
    return {
      ...opened,
      description: `${config.accountUrl} (managed identity)`,
    };
  }
  const previous = readRunningApp(config.dataDir);
  if (previous && isAlive(previous.appPid) && previous.appPid !== process.pid) {
    throw new AlreadyRunningError(previous.appPid, previous.url);
  }
  if (previous && isAlive(previous.azuritePid)) await interruptPid(previous.azuritePid);
  const azurite = await startAzurite({ location: join(config.dataDir, 'azurite') });
  try {
    const opened = await openTableStorage({ connectionString: azurite.connectionString });
    return {
      ...opened,
      azurite,
      description: `Azurite (indlejret / embedded) på 127.0.0.1:${azurite.port}, data i ${config.dataDir}`,
      connectionString: azurite.connectionString,
    };
  } catch (error) {
    await azurite.stop();
    throw error;
  }
}
