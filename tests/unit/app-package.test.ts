import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import sinon from 'sinon';
import yauzl from 'yauzl';
import { PERSONAL_TAB_ENTITY_ID } from '../../bot/cards/tab-links.js';
import { COMMANDS, parseCommand } from '../../bot/teams/parse-command.js';
import {
  buildAppPackage,
  readEnvFiles,
  schemaProblems,
  UnresolvedPlaceholdersError,
} from '../../scripts/package-app.js';
import { PLAYGROUND_ROLES, playgroundConfig, readRosterPeople } from '../../scripts/playground.js';

/*
 * The Teams app package as an admin uploads it, checked offline against the official schemas bundled
 * in @microsoft/app-manifest, plus the deployment files that fill its placeholders (teamsapp.yml,
 * infra/azure.bicep), which no compiler checks here.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The ids a provision would write, for an environment made up for the test. */
const TEST_ENV = [
  'TEAMSFX_ENV=test',
  'APP_NAME_SUFFIX=" (test)"',
  'TEAMS_APP_ID=11111111-1111-4111-8111-111111111111',
  'BOT_ID=22222222-2222-4222-8222-222222222222',
  'BOT_DOMAIN=mus-test.azurewebsites.net',
].join('\n');
const TEST_ENV_USER = 'AAD_APP_CLIENT_ID=33333333-3333-4333-8333-333333333333\n';

function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: Command[] }[];
  }[];
  staticTabs: { entityId: string; name: string; contentUrl: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[]; context: string[] }[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
}

describe('Teams app package', () => {
  let tmp: string;
  let files: Map<string, Buffer>;
  let manifest: Manifest;
  let english: Record<string, string>;
  const sandbox = sinon.createSandbox();

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'mus-app-package-'));
    writeFileSync(join(tmp, '.env.test'), TEST_ENV);
    writeFileSync(join(tmp, '.env.test.user'), TEST_ENV_USER);
    const zipPath = await buildAppPackage({
      envName: 'test',
      envDir: tmp,
      outDir: join(tmp, 'build'),
      environment: {},
    });
    assert.equal(zipPath, join(tmp, 'build', 'appPackage.test.zip'));
    files = await unzip(zipPath);
    manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    english = JSON.parse(files.get('en-us.json')!.toString('utf8')) as Record<string, string>;
  });

  afterEach(() => sandbox.restore());
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds exactly the manifest, its English localization and the two icons', () => {
    assert.deepEqual(
      [...files.keys()].sort(),
      ['color.png', 'en-us.json', 'manifest.json', 'outline.png'].sort(),
    );
  });

  it('fills every placeholder from env/.env.<name> and its .user file', () => {
    for (const [name, content] of files) {
      if (name.endsWith('.json')) assert.doesNotMatch(content.toString('utf8'), /\$\{\{/, name);
    }
    assert.equal(manifest.name.short, 'MUS for Teams (test)');
    assert.equal(manifest.bots[0]!.botId, '22222222-2222-4222-8222-222222222222');
    assert.deepEqual(manifest.webApplicationInfo, {
      id: '33333333-3333-4333-8333-333333333333',
      resource: 'api://mus-test.azurewebsites.net/33333333-3333-4333-8333-333333333333',
    });
    assert.deepEqual(manifest.validDomains, ['mus-test.azurewebsites.net']);
  });

  it('refuses to package the local environment before provision, naming every missing value', async () => {
    await assert.rejects(
      buildAppPackage({ envName: 'local', outDir: join(tmp, 'never'), environment: {} }),
      (error: unknown) => {
        assert.ok(error instanceof UnresolvedPlaceholdersError);
        assert.deepEqual(error.names, [
          'AAD_APP_CLIENT_ID',
          'BOT_DOMAIN',
          'BOT_ID',
          'TEAMS_APP_ID',
        ]);
        assert.match(error.message, /env\/\.env\.local/);
        return true;
      },
    );
  });

  it('validates against the official manifest schema bundled with @microsoft/app-manifest, offline', async () => {
    // Any attempt to fetch the schema from the web fails the test.
    sandbox.stub(globalThis, 'fetch').rejects(new Error('no network in this test'));
    assert.match(manifest.$schema, /\/teams\/v1\.22\/MicrosoftTeams\.schema\.json$/);
    assert.equal(manifest.manifestVersion, '1.22');
    assert.deepEqual(await schemaProblems(manifest), []);
    // The validator is real: a broken manifest is caught.
    const broken = { ...manifest, name: { short: 'x'.repeat(31) }, accentColor: 'teal' };
    const problems = await schemaProblems(broken);
    assert.ok(problems.some((p) => p.startsWith('/name/short')));
    assert.ok(problems.some((p) => p.startsWith('/accentColor')));
  });

  it('validates the English localization file against its official schema', async () => {
    assert.deepEqual(manifest.localizationInfo, {
      defaultLanguageTag: 'da-dk',
      additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }],
    });
    assert.match(english.$schema!, /\/v1\.22\/MicrosoftTeams\.Localization\.schema\.json$/);
    assert.deepEqual(await schemaProblems(english), []);
    assert.ok(
      (await schemaProblems({ ...english, ['no.such.key']: 'x' } as { $schema?: string })).length >
        0,
    );
  });

  it('translates every name, description and command the Danish manifest shows', () => {
    const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
    manifest.staticTabs.forEach((_, i) => keys.push(`staticTabs[${i}].name`));
    manifest.bots[0]!.commandLists.forEach((list, l) =>
      list.commands.forEach((_, c) => {
        keys.push(`bots[0].commandLists[${l}].commands[${c}].title`);
        keys.push(`bots[0].commandLists[${l}].commands[${c}].description`);
      }),
    );
    assert.deepEqual(
      Object.keys(english)
        .filter((k) => k !== '$schema')
        .sort(),
      keys.sort(),
    );
    assert.equal(english['staticTabs[0].name'], 'My MUS');
    assert.notEqual(english['description.full'], manifest.description.full);
  });

  it('describes the method in both languages within the length limits', () => {
    for (const [short, full] of [
      [manifest.description.short, manifest.description.full],
      [english['description.short']!, english['description.full']!],
    ] as const) {
      assert.ok(short.length <= 80, short);
      assert.ok(full.length <= 4000);
      assert.match(short, /kerneopgave|core task/);
    }
    assert.match(manifest.description.full, /kerneopgave/);
    assert.match(manifest.description.full, /arbejdsfællesskab/);
    assert.match(manifest.description.full, /fem trin/);
    assert.match(manifest.description.full, /tre faser/);
    assert.match(english['description.full']!, /five steps/);
    assert.match(english['description.full']!, /three phases/);
  });

  it('lists only commands the bot answers, in Danish and in English', () => {
    const lists = manifest.bots[0]!.commandLists;
    const titles = lists.flatMap((l) => l.commands.map((c) => c.title));
    const englishTitles = Object.entries(english)
      .filter(([key]) => key.endsWith('.title'))
      .map(([, title]) => title);
    for (const title of [...titles, ...englishTitles]) {
      assert.notEqual(parseCommand(title).kind, 'unknown', title);
    }
    const team = lists.find((l) => l.scopes.includes('team'))!;
    assert.deepEqual(
      team.commands.map((c) => c.title),
      COMMANDS.map((c) => c.da),
    );
    const personal = lists.find((l) => l.scopes.includes('personal'))!;
    assert.deepEqual(
      personal.commands.map((c) => c.title),
      COMMANDS.filter((c) => !c.hrOnly).map((c) => c.da),
    );
    const englishTeam = team.commands.map(
      (_, c) => english[`bots[0].commandLists[0].commands[${c}].title`],
    );
    assert.deepEqual(
      englishTeam,
      COMMANDS.map((c) => c.en),
    );
  });

  it('offers the bot in 1:1 chats, teams and group chats, able to hold a conversation', () => {
    const bot = manifest.bots[0]!;
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot.supportsFiles, false);
    assert.equal(bot.isNotificationOnly, false);
  });

  it('has the personal tab "Mine MUS" that the bot\'s deep links open, and a tab for channels and meetings', () => {
    assert.deepEqual(manifest.staticTabs, [
      {
        entityId: PERSONAL_TAB_ENTITY_ID,
        name: 'Mine MUS',
        contentUrl: 'https://mus-test.azurewebsites.net/tab/index.html',
        scopes: ['personal'],
      },
    ]);
    const [tab] = manifest.configurableTabs;
    assert.equal(tab?.configurationUrl, 'https://mus-test.azurewebsites.net/tab/config.html');
    assert.deepEqual(tab?.scopes, ['team', 'groupChat']);
    assert.deepEqual([...(tab?.context ?? [])].sort(), [
      'channelTab',
      'meetingChatTab',
      'meetingDetailsTab',
      'meetingSidePanel',
      'privateChatTab',
    ]);
    // The page the configuration URL names exists, and is built next to the tab.
    assert.match(read('tab/public/config.html'), /src="config\.js"/);
    assert.match(read('scripts/build-tab.ts'), /config: join\(tabDir, 'src', 'config\.ts'\)/);
  });

  it('draws a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    const color = PNG.sync.read(files.get('color.png')!);
    assert.equal(color.width, 192);
    assert.equal(color.height, 192);
    const colours = new Set<string>();
    for (let i = 0; i < color.data.length; i += 4) {
      assert.equal(color.data[i + 3], 255, 'the colour icon is opaque');
      colours.add(color.data.subarray(i, i + 3).toString('hex'));
    }
    assert.ok(colours.size > 4, 'the colour icon is in colour');

    const outline = PNG.sync.read(files.get('outline.png')!);
    assert.equal(outline.width, 32);
    assert.equal(outline.height, 32);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is white`);
        white++;
      }
    }
    assert.ok(transparent > 100 && white > 100, 'the outline has a drawing and a background');
    // The outline must be transparent at its corners, not a white square.
    assert.equal(outline.data[3], 0);
  });
});

describe('deployment files', () => {
  const bicep = read('infra/azure.bicep');
  const teamsappYml = read('teamsapp.yml');
  const localYml = read('teamsapp.local.yml');
  const bicepOutputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
  const bicepParams = [...bicep.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => ({
    name: m[1]!,
    optional: Boolean(m[2]),
  }));

  it('azure.parameters.json is JSON and sets only parameters the Bicep file declares, all required ones included', () => {
    const parameters = JSON.parse(read('infra/azure.parameters.json')) as {
      parameters: Record<string, { value: unknown }>;
    };
    const given = Object.keys(parameters.parameters);
    const declared = bicepParams.map((p) => p.name);
    assert.deepEqual(
      given.filter((name) => !declared.includes(name)),
      [],
    );
    assert.deepEqual(
      bicepParams.filter((p) => !p.optional && !given.includes(p.name)).map((p) => p.name),
      [],
    );
  });

  it('the Bicep file outputs the env keys the app package and zipDeploy consume', () => {
    for (const key of ['BOT_DOMAIN', 'BOT_ID', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) {
      assert.ok(bicepOutputs.includes(key), key);
    }
    assert.ok(bicepOutputs.includes('STORAGE_ACCOUNT_URL'));
    assert.ok(bicepOutputs.includes('AZURE_CLIENT_ID'));
  });

  it('every ${{NAME}} the deployment files use is written by an action, a Bicep output or an env file', () => {
    const builtIn = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'TEAMSFX_ENV'];
    const written = (yml: string): string[] =>
      [...yml.matchAll(/^\s+\w+: ([A-Z][A-Z0-9_]+)\s*$/gm)].map((m) => m[1]!);
    const used = (text: string): string[] =>
      [...text.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
    const packageFiles = ['appPackage/manifest.json', 'appPackage/en-us.json', 'aad.manifest.json'];
    // What the developer fills in by hand before provisioning (README, "Deploy to Azure and Teams").
    const cases = [
      {
        env: 'dev',
        yml: teamsappYml,
        extra: ['infra/azure.parameters.json'],
        outputs: bicepOutputs,
        byHand: ['RESOURCE_SUFFIX'],
      },
      {
        env: 'local',
        yml: localYml,
        extra: [],
        outputs: [],
        byHand: ['BOT_DOMAIN', 'BOT_ENDPOINT'],
      },
    ];
    for (const { env, yml, extra, outputs, byHand } of cases) {
      // Keys an env file only lists empty (to be filled by provision) do not count as a source.
      const setInEnvFile = Object.entries(readEnvFiles(join(root, 'env'), env))
        .filter(([, value]) => value !== '')
        .map(([key]) => key);
      const known = new Set([
        ...builtIn,
        ...written(yml),
        ...outputs,
        ...byHand,
        ...setInEnvFile,
        'APP_NAME_SUFFIX',
        // teamsApp/* actions write the tenant; aadApp/update generates the scope id.
        'TEAMS_APP_TENANT_ID',
        'AAD_APP_ACCESS_AS_USER_PERMISSION_ID',
      ]);
      const names = [yml, ...[...packageFiles, ...extra].map(read)].flatMap(used);
      const unknown = [...new Set(names)].filter((name) => !known.has(name));
      assert.deepEqual(unknown, [], `${env}: nothing fills ${unknown.join(', ')}`);
    }
  });

  it('provisions in the order the values appear: Teams app, SSO app, Azure, SSO update, package', () => {
    const order = [
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
      'cli/runNpmCommand',
      'azureAppService/zipDeploy',
      'teamsApp/publishAppPackage',
    ];
    const positions = order.map((action) => teamsappYml.indexOf(`uses: ${action}`));
    assert.ok(
      positions.every((p) => p > 0),
      'every action is used',
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
    assert.match(localYml, /uses: botAadApp\/create/);
    assert.match(localYml, /uses: botFramework\/create/);
    assert.match(localYml, /uses: file\/createOrUpdateEnvironmentFile/);
  });

  it('keeps secrets out of committed files: the Azure bot signs in with a managed identity', () => {
    assert.doesNotMatch(bicep, /listKeys|connectionString|AccountKey|MicrosoftAppPassword/i);
    assert.match(bicep, /allowSharedKeyAccess: false/);
    assert.match(bicep, /msaAppType: 'UserAssignedMSI'/);
    assert.match(bicep, /0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3/);
    assert.doesNotMatch(teamsappYml, /SECRET_/);
    for (const env of ['dev', 'local']) {
      const values = readEnvFiles(join(root, 'env'), env);
      assert.deepEqual(
        Object.keys(values).filter((k) => k.startsWith('SECRET_')),
        [],
        `env/.env.${env}`,
      );
    }
  });

  it('the SSO app exposes access_as_user at api://<domain>/<client id> to the Teams clients', () => {
    const aad = JSON.parse(read('aad.manifest.json')) as {
      identifierUris: string[];
      oauth2Permissions: { value: string }[];
      preAuthorizedApplications: { appId: string }[];
    };
    assert.deepEqual(aad.identifierUris, ['api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    assert.deepEqual(
      aad.oauth2Permissions.map((p) => p.value),
      ['access_as_user'],
    );
    assert.deepEqual(aad.preAuthorizedApplications.map((a) => a.appId).sort(), [
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    ]);
  });
});

describe('Agents Playground config', () => {
  const people = readRosterPeople(read('tests/fixtures/roster-sample.csv'));

  it('signs in as a demo roster person for each role, with five other people around', () => {
    for (const email of Object.values(PLAYGROUND_ROLES)) {
      const config = JSON.parse(playgroundConfig(people, email).replace(/^#.*\n/, '')) as {
        currentUser: { email: string; userPrincipleName: string };
        users: unknown[];
      };
      assert.equal(config.currentUser.email, email);
      assert.equal(config.currentUser.userPrincipleName, email);
      assert.equal(config.users.length, 5);
    }
  });

  it('refuses someone who is not in the roster', () => {
    assert.throws(() => playgroundConfig(people, 'nobody@example.com'), /not in the demo roster/);
  });
});
