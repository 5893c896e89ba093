import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startApp } from './app.js';
import { AlreadyRunningError } from './storage/connect-storage.js';

/* Composition root: read config, start the app, print where it listens, stop cleanly on signals. */

const demo = process.argv.includes('--demo');
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const log = createLogger(config.logLevel);

try {
  const app = await startApp(config, { demo, log });
  const lines = [
    `MUS for Teams lytter på / listens on ${app.url}`,
    `  Bot Framework:  POST ${app.url}/api/messages`,
    `  Sundhed/health: GET  ${app.url}/healthz`,
    `  Fanen/tab:      ${app.url}/tab/index.html`,
    config.devMode
      ? '  Udviklingstilstand / dev mode: ingen botlegitimation, Bot Framework-godkendelse er slået fra, kun 127.0.0.1 / no bot credentials, Bot Framework auth off, loopback only'
      : `  Bot: ${config.bot?.appId ?? ''} (${config.bot?.appType ?? ''})`,
    `  Lagring / storage: ${config.storage.kind === 'embedded' ? `indlejret Azurite / embedded Azurite, ${config.dataDir}` : config.storage.kind}`,
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopper / stopping …`);
    app
      .stop()
      .then(() => {
        console.log('Stoppet; data er gemt. / Stopped; data saved.');
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  if (error instanceof AlreadyRunningError) {
    console.error(error.message);
    process.exit(1);
  }
  log.fatal({ err: error }, 'start failed');
  console.error(
    'MUS for Teams kunne ikke starte / could not start. Se loggen ovenfor / see the log above.',
  );
  process.exit(1);
}
