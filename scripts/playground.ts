import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * `npm run playground -- [--as hr|leader|employee] [--demo]`: chat with the bot in the Microsoft 365
 * Agents Playground, without a tenant or a tunnel. Starts the app in dev mode (unless one already
 * answers on the port), writes a playground config whose signed-in user is a person of the demo
 * roster in the chosen role, and starts the playground against http://127.0.0.1:<PORT>/api/messages.
 * The bot knows people by email/UPN, which the playground reports for its user from that config.
 */

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_ROSTER = join(projectRoot, 'tests', 'fixtures', 'roster-sample.csv');

/** Who to be in each role: people of the demo roster (npm start -- --demo). */
export const PLAYGROUND_ROLES = {
  hr: 'lone.hvid@vandvaerk.example',
  leader: 'mette.kjaer@vandvaerk.example',
  employee: 'jens.madsen@vandvaerk.example',
} as const;
export type PlaygroundRole = keyof typeof PLAYGROUND_ROLES;

interface RosterPerson {
  email: string;
  name: string;
}

/** The people of a roster CSV (email,name,...), emails lower-cased as the roster import does. */
export function readRosterPeople(csv: string): RosterPerson[] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [email = '', name = ''] = line.split(',');
      return { email: email.trim().toLowerCase(), name: name.trim() };
    });
}

/** A stable fake GUID per roster row, so a person keeps their ids across runs. */
function fakeGuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function playgroundUser(person: RosterPerson, index: number): Record<string, string> {
  const [givenName = person.name, ...rest] = person.name.split(' ');
  return {
    id: `29:mus-demo-${index}`,
    name: person.name,
    // "userPrincipleName" (sic) is the playground's key; it reports it as userPrincipalName.
    userPrincipleName: person.email,
    aadObjectId: fakeGuid(index + 1),
    givenName,
    surname: rest.join(' ') || givenName,
    email: person.email,
  };
}

/**
 * The playground's config (schema 0.1.1) with `email` as the signed-in user and five other roster
 * people in the team and the group chat (the schema wants exactly five).
 */
export function playgroundConfig(people: RosterPerson[], email: string): string {
  const me = people.findIndex((p) => p.email === email);
  if (me < 0) throw new Error(`${email} er ikke i demo-rosteret / is not in the demo roster`);
  const others = people
    .map((person, index) => ({ person, index }))
    .filter(({ index }) => index !== me)
    .slice(0, 5);
  const config = {
    version: '0.1.1',
    tenantId: fakeGuid(0xbeef),
    bot: { id: '28:mus-for-teams', name: 'MUS for Teams' },
    currentUser: playgroundUser(people[me]!, me),
    users: others.map(({ person, index }) => playgroundUser(person, index)),
    personalChat: { id: 'personal-chat-mus' },
    groupChat: { id: 'group-chat-mus', name: 'MUS-gruppechat' },
    team: {
      id: 'team-mus-hr',
      name: 'HR og ledere',
      aadGroupId: fakeGuid(0xfeed),
      channels: [{ id: 'channel-mus', name: 'MUS' }],
    },
  };
  // YAML is a superset of JSON, so the playground reads this as it is.
  return `# Skrevet af / written by scripts/playground.ts\n${JSON.stringify(config, null, 2)}\n`;
}

function headless(): boolean {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('Appen stoppede / the app exited');
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Appen svarede ikke / the app did not answer on ${url}`);
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asIndex = args.indexOf('--as');
  const role = (asIndex >= 0 ? args.splice(asIndex, 2)[1] : 'hr') as PlaygroundRole;
  if (!(role in PLAYGROUND_ROLES)) {
    console.error('Brug / use: npm run playground -- [--as hr|leader|employee] [--demo]');
    process.exit(2);
  }
  if (process.env.MicrosoftAppId) {
    console.error(
      'Playground kræver udviklingstilstand: fjern MicrosoftAppId. / The playground needs dev mode: unset MicrosoftAppId.',
    );
    process.exit(2);
  }

  const port = process.env.PORT ?? '3978';
  const base = `http://127.0.0.1:${port}`;
  const configPath = join(projectRoot, 'devTools', `playground.${role}.yml`);
  mkdirSync(dirname(configPath), { recursive: true });
  const people = readRosterPeople(readFileSync(DEMO_ROSTER, 'utf8'));
  writeFileSync(configPath, playgroundConfig(people, PLAYGROUND_ROLES[role]));

  let app: ChildProcess | undefined;
  if (await answers(`${base}/healthz`)) {
    console.log(`Bruger den app, der allerede kører / using the app already running on ${base}`);
  } else {
    app = spawn(process.execPath, ['--import', 'tsx', join('bot', 'index.ts'), ...args], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, PORT: port },
    });
    try {
      await waitFor(`${base}/healthz`, app);
    } catch (error) {
      await stop(app);
      throw error;
    }
  }

  const require = createRequire(import.meta.url);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const playground = spawn(
    process.execPath,
    [
      cli,
      '--app-endpoint',
      `${base}/api/messages`,
      '--channel-id',
      'msteams',
      '--disable-telemetry',
    ],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        // Without a desktop the playground's attempt to open a browser (xdg-open) crashes it.
        TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? (headless() ? 'none' : ''),
      },
    },
  );
  console.log(
    `Playground som / as ${role} (${PLAYGROUND_ROLES[role]}); konfiguration / config: ${configPath}`,
  );

  let stopping = false;
  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    // The playground first, then the app, which saves its Azurite data on SIGTERM.
    void stop(playground)
      .then(() => stop(app))
      .then(() => process.exit(code));
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  playground.once('exit', (code) => shutdown(code ?? 0));
  app?.once('exit', (code) => shutdown(code ?? 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
