import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/*
 * The boundaries docs/architecture.md draws, checked on the source itself: the domain stays pure TypeScript, and
 * each SDK past Microsoft's end of support (botbuilder, @microsoft/teamsfx) sits behind one module of
 * ours, so moving to the Microsoft 365 Agents SDK touches that module only. eslint.config.js enforces
 * the same while editing; this test also sees dynamic imports and `import('x').Type` types.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The code that ships; tests may use any SDK to build their fakes. */
const SHIPPED = ['bot', 'scripts', join('tab', 'src'), 'texts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(c|m)?(t|j)sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier a file names: static, type-only, re-exports, dynamic import(), require(). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const files = SHIPPED.flatMap(sourceFiles).map((file) => ({
  path: file.split(sep).join('/'),
  imports: importsOf(file),
}));

/** The shipped files that name a module `matches` accepts, sorted. */
function importersOf(matches: (specifier: string) => boolean): string[] {
  return files
    .filter((f) => f.imports.some(matches))
    .map((f) => f.path)
    .sort();
}

const isBotFrameworkSdk = (s: string): boolean =>
  /^(botbuilder(-[\w-]+)?|botframework-[\w-]+)(\/|$)/.test(s);
const isTeamsFx = (s: string): boolean => /^@microsoft\/teamsfx(\/|$)/.test(s);
const isTransportOrCloudSdk = (s: string): boolean =>
  isBotFrameworkSdk(s) || /^(restify(-[\w-]+)?|@azure\/.+|@microsoft\/.+)(\/|$)/.test(s);

/**
 * Modules allowed to import @microsoft/teamsfx: the Graph roster (app identity), the booking's Graph
 * calendar (on-behalf-of the leader), and a tab-SSO/identity module if one comes.
 */
const TEAMSFX_ALLOWED = [
  /^bot\/roster\/graph-roster\.ts$/,
  /^bot\/booking\/graph-calendar\.ts$/,
  /^bot\/api\/sso-[\w-]+\.ts$/,
  /^bot\/(api\/)?identity[\w-]*\.ts$/,
];

describe('architecture: who may import what', () => {
  it('finds the shipped sources and reads their imports, dynamic ones included', () => {
    assert.ok(files.length > 50, `only ${files.length} files found`);
    const graph = files.find((f) => f.path === 'bot/roster/graph-roster.ts');
    // graph-roster.ts loads teamsfx with a dynamic import(); a scanner that misses it proves nothing.
    assert.ok(graph?.imports.includes('@microsoft/teamsfx'), 'the dynamic import is seen');
  });

  it('no file of the domain (bot/mus, bot/rollout) imports botbuilder, restify, @azure/* or @microsoft/*', () => {
    const offenders = files
      .filter((f) => /^bot\/(mus|rollout)\//.test(f.path))
      .flatMap((f) => f.imports.filter(isTransportOrCloudSdk).map((s) => `${f.path} → ${s}`));
    assert.deepEqual(offenders, []);
  });

  it('no file of bot/mus reaches outside bot/mus by a relative import, but for the text catalogue (texts/)', () => {
    const mus = resolve(repoRoot, 'bot', 'mus');
    const texts = resolve(repoRoot, 'texts');
    const offenders = files
      .filter((f) => f.path.startsWith('bot/mus/'))
      .flatMap((f) =>
        f.imports
          .filter((s) => s.startsWith('.'))
          .filter((s) => {
            const target = resolve(repoRoot, dirname(f.path), s);
            return (
              relative(mus, target).startsWith('..') && relative(texts, target).startsWith('..')
            );
          })
          .map((s) => `${f.path} → ${s}`),
      );
    assert.deepEqual(offenders, []);
  });

  it('the text catalogue (texts/) imports no package and nothing of ours but the Bilingual type, so the tab can bundle it', () => {
    const catalogue = files.filter((f) => f.path.startsWith('texts/'));
    assert.ok(catalogue.length > 1, 'the catalogue modules are found');
    const offenders = catalogue.flatMap((f) =>
      f.imports
        .filter((s) => !s.startsWith('./') && s !== '../bot/mus/bilingual.js')
        .map((s) => `${f.path} → ${s}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('only bot/teams/bot-framework.ts imports the Bot Framework SDK (botbuilder)', () => {
    assert.deepEqual(importersOf(isBotFrameworkSdk), ['bot/teams/bot-framework.ts']);
  });

  it('the Bot Connector client and its token cache use no SDK: only Node, jose and our own modules', () => {
    const client = ['bot/teams/connector-client.ts', 'bot/teams/token-cache.ts'];
    const found = files.filter((f) => client.includes(f.path));
    assert.equal(found.length, client.length, 'both modules are where this rule expects them');
    const offenders = found.flatMap((f) =>
      f.imports
        .filter((s) => !s.startsWith('./') && !s.startsWith('node:') && s !== 'jose')
        .map((s) => `${f.path} → ${s}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('only bot/roster/graph-roster.ts, bot/booking/graph-calendar.ts (or a future SSO/identity module) import @microsoft/teamsfx', () => {
    const importers = importersOf(isTeamsFx);
    assert.ok(importers.includes('bot/roster/graph-roster.ts'));
    const unexpected = importers.filter((path) => !TEAMSFX_ALLOWED.some((ok) => ok.test(path)));
    assert.deepEqual(unexpected, []);
  });

  it('only bot/app.ts wires the app: the server, the API routes, the rollout, the router and the scheduler', () => {
    const wiring = (s: string): boolean =>
      /(^|\/)(server|rollout-wiring|scheduler|mus-bot-router|[\w-]+-routes)\.js$/.test(s);
    const wirers = files
      .filter((f) => f.imports.some(wiring))
      .map((f) => `${f.path}: ${f.imports.filter(wiring).join(', ')}`)
      .filter((line) => !line.startsWith('bot/app.ts:'))
      // A route module may share another route module's body schema (booking reads skema fields).
      .filter((line) => !/^bot\/api\/[\w-]+-routes\.ts: (\.\/[\w-]+-routes\.js(, )?)+$/.test(line));
    assert.deepEqual(wirers, []);
  });
});

/** The modules a file imports values from (`import type` and type-only names left out). */
function valueImportsOf(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(repoRoot, file), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  return source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      return [];
    const clause = statement.importClause;
    if (clause?.isTypeOnly) return [];
    const bindings = clause?.namedBindings;
    const onlyTypes =
      clause &&
      !clause.name &&
      bindings &&
      ts.isNamedImports(bindings) &&
      bindings.elements.every((e) => e.isTypeOnly);
    return onlyTypes ? [] : [statement.moduleSpecifier.text];
  });
}

describe('architecture: the test harnesses build the app with buildApp', () => {
  const harnesses = [
    'tests/helpers/rollout-harness.ts',
    'tests/helpers/test-app.ts',
    'tests/integration/api/api-test-app.ts',
    'tests/integration/overview/overview-test-app.ts',
    'tests/integration/privacy/privacy-api-app.ts',
    'tests/e2e/harness/tab-test-app.ts',
    'scripts/bench-submit.ts',
  ];

  it('no harness copies the wiring: none names the server, a route module, the rollout wiring or a use-case factory', () => {
    const copied = (s: string): boolean =>
      /(^|\/)(server|rollout-wiring|scheduler|mus-bot-router|mus-activity-handler|skema-services|[\w-]+-routes|authenticate)\.js$/.test(
        s,
      );
    const offenders = harnesses.flatMap((path) =>
      valueImportsOf(path)
        .filter(copied)
        .map((s) => `${path} → ${s}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('every harness reaches buildApp, directly or through tests/helpers/test-app.ts', () => {
    const missing = harnesses.filter(
      (path) => !importsOf(path).some((s) => /(^|\/)(app|test-app)\.js$/.test(s)),
    );
    assert.deepEqual(missing, []);
  });
});
