import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Server } from 'restify';
import { createAuthenticator, DEV_USER_HEADER } from '../../bot/api/authenticate.js';
import { registerMeRoutes } from '../../bot/api/me-routes.js';
import { DEV_ORG_ID } from '../../bot/config.js';
import { importRosterCsv } from '../../bot/roster/csv-roster.js';
import { createServer, type ServerDeps } from '../../bot/server.js';
import { buildTab } from '../../scripts/build-tab.js';
import { testStorage, type TestStorage } from '../helpers/azurite.js';
import { memoryLogger } from '../helpers/memory-logger.js';

/*
 * The one HTTP server, built by createServer exactly as the app builds it, on port 0 against real
 * Azurite-backed storage. Only the bot endpoint is a stand-in: these tests are about the server's own
 * routes and error shape, not Bot Framework.
 */

const tabDist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tab', 'dist');
const HR_EMAIL = 'lone.hvid@vandvaerk.example';

interface ErrorBody {
  error: { code: string; message: { da: string; en: string } };
}

function assertBilingualError(body: unknown, code: string): ErrorBody {
  const { error } = body as ErrorBody;
  assert.equal(error.code, code);
  assert.equal(typeof error.message.da, 'string');
  assert.equal(typeof error.message.en, 'string');
  assert.ok(error.message.da.length > 0 && error.message.en.length > 0);
  assert.notEqual(error.message.da, error.message.en, 'Danish and English, not one text twice');
  return body as ErrorBody;
}

describe('the HTTP server (createServer)', function () {
  this.timeout(60_000);
  let storage: TestStorage;
  const servers: Server[] = [];
  let botRequests: number;

  before(async () => {
    storage = await testStorage();
    await importRosterCsv(
      storage.repositories.people,
      DEV_ORG_ID,
      readFileSync('tests/fixtures/roster-sample.csv'),
    );
    await buildTab();
  });

  beforeEach(() => {
    botRequests = 0;
  });

  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  /** The app's server with real storage; `overrides` replace single dependencies. */
  async function start(overrides: Partial<ServerDeps> = {}): Promise<string> {
    const { log } = memoryLogger();
    const authenticate = createAuthenticator({
      devMode: true,
      devOrgId: DEV_ORG_ID,
      people: storage.repositories.people,
    });
    const server = createServer({
      devMode: true,
      log,
      storageReachable: () => storage.ping(),
      handleBotRequest: (_req, res) => {
        botRequests++;
        res.send(200);
        return Promise.resolve();
      },
      tabDir: tabDist,
      registerApi: [(s) => registerMeRoutes(s, { authenticate, log })],
      ...overrides,
    });
    servers.push(server);
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${server.address().port}`;
  }

  describe('GET /healthz', () => {
    it('answers 200 when the Table service answers', async () => {
      const url = await start();
      const res = await fetch(`${url}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', storage: 'reachable', mode: 'dev' });
    });

    it('answers 503 when the storage ping fails', async () => {
      const url = await start({ storageReachable: () => Promise.resolve(false) });
      const res = await fetch(`${url}/healthz`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), {
        status: 'degraded',
        storage: 'unreachable',
        mode: 'dev',
      });
    });

    it('answers 503, not 500, when the storage ping throws', async () => {
      const url = await start({
        storageReachable: () => Promise.reject(new Error('ECONNREFUSED')),
      });
      const res = await fetch(`${url}/healthz`);
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { storage: string }).storage, 'unreachable');
    });

    it('says production mode when not in dev mode', async () => {
      const url = await start({ devMode: false });
      const res = await fetch(`${url}/healthz`);
      assert.equal(((await res.json()) as { mode: string }).mode, 'production');
    });
  });

  it('an unknown route answers 404 as JSON with a message in Danish and English', async () => {
    const url = await start();
    const res = await fetch(`${url}/api/nothing-here`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const { error } = assertBilingualError(await res.json(), 'not_found');
    assert.deepEqual(error.message, { da: 'Siden findes ikke.', en: 'Not found.' });
  });

  describe('GET /api/me', () => {
    it('without an identity answers 401 with a message in Danish and English', async () => {
      const url = await start();
      const res = await fetch(`${url}/api/me`);
      assert.equal(res.status, 401);
      assertBilingualError(await res.json(), 'unauthorized');
    });

    it('with a dev-user header naming nobody on the roster answers 401', async () => {
      const url = await start();
      const res = await fetch(`${url}/api/me`, {
        headers: { [DEV_USER_HEADER]: 'nobody@vandvaerk.example' },
      });
      assert.equal(res.status, 401);
      assertBilingualError(await res.json(), 'unauthorized');
    });

    it('with a dev-user header naming a roster person answers who they are, read from storage', async () => {
      const url = await start();
      const res = await fetch(`${url}/api/me`, {
        headers: { [DEV_USER_HEADER]: ' Lone.Hvid@Vandvaerk.example ' },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), {
        email: HR_EMAIL,
        name: 'Lone Hvid',
        department: 'HR',
        roles: ['employee', 'hr'],
        leaderEmail: 'mette.kjaer@vandvaerk.example',
      });
    });
  });

  it('a body over 2 MB is refused with 413 before it reaches the bot', async () => {
    const url = await start();
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(2 * 1024 * 1024 + 1) });
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    assert.equal(res.status, 413);
    const { error } = assertBilingualError(await res.json(), 'too_large');
    assert.match(error.message.en, /2 MB/);
    assert.equal(botRequests, 0);

    // A body of ordinary size does reach it.
    const ok = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hej' }),
    });
    assert.equal(ok.status, 200);
    assert.equal(botRequests, 1);
  });

  it('an unreadable JSON body answers 400 with a message in Danish and English', async () => {
    const url = await start();
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    assert.equal(res.status, 400);
    assertBilingualError(await res.json(), 'bad_request');
    assert.equal(botRequests, 0);
  });

  describe('the tab page', () => {
    /** A raw GET with exactly the Accept-Encoding given (fetch would add and undo its own). */
    function rawGet(
      url: string,
      path: string,
      acceptEncoding?: string,
    ): Promise<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: Buffer;
    }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          `${url}${path}`,
          { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      });
    }

    /** The hashed script index.html loads. */
    function mainScript(): string {
      const html = readFileSync(join(tabDist, 'index.html'), 'utf8');
      const name = /<script type="module" src="(main-[A-Z0-9]{8}\.js)"><\/script>/.exec(html)?.[1];
      assert.ok(name, 'index.html names a hashed main script');
      return name;
    }

    it('is served at /tab/index.html from the built tab/dist, with its hashed script', async () => {
      const url = await start();
      const page = await fetch(`${url}/tab/index.html`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      const html = await page.text();
      assert.match(html, /<script type="module" src="main-[A-Z0-9]{8}\.js"><\/script>/);
      assert.match(html, /<link rel="stylesheet" href="styles-[A-Z0-9]{8}\.css" \/>/);

      const script = await fetch(`${url}/tab/${mainScript()}`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      assert.equal(await script.text(), readFileSync(join(tabDist, mainScript()), 'utf8'));
    });

    it('/ redirects to it', async () => {
      const url = await start();
      const res = await fetch(`${url}/`, { redirect: 'manual' });
      assert.equal(res.status, 302);
      assert.equal(res.headers.get('location'), '/tab/index.html');
    });

    it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and plain text otherwise', async () => {
      const url = await start({ devMode: false });
      const path = `/tab/${mainScript()}`;
      const plain = readFileSync(join(tabDist, mainScript()));

      const br = await rawGet(url, path, 'gzip, deflate, br');
      assert.equal(br.headers['content-encoding'], 'br');
      assert.ok(br.body.length < plain.length / 2, `${br.body.length} of ${plain.length} bytes`);
      assert.deepEqual(brotliDecompressSync(br.body), plain);

      const gzip = await rawGet(url, path, 'gzip;q=1.0, br;q=0');
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.deepEqual(gunzipSync(gzip.body), plain);

      const none = await rawGet(url, path);
      assert.equal(none.headers['content-encoding'], undefined);
      assert.deepEqual(none.body, plain);

      for (const res of [br, gzip, none]) {
        assert.equal(res.status, 200);
        assert.match(String(res.headers.vary), /Accept-Encoding/i);
      }
    });

    it('lets browsers keep hashed files for a year, and revalidate index.html every time', async () => {
      for (const url of [await start(), await start({ devMode: false })]) {
        const script = await rawGet(url, `/tab/${mainScript()}`, 'br');
        assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
        const page = await rawGet(url, '/tab/index.html', 'br');
        assert.equal(page.headers['cache-control'], 'no-cache');
        assert.match(String(page.headers.vary), /Accept-Encoding/i);
        assert.equal(page.headers['content-encoding'], 'br');
        assert.ok(page.headers['content-security-policy'], 'the page keeps its CSP');
        assert.equal(page.headers['x-content-type-options'], 'nosniff');
      }
    });

    it('answers an unknown file, or the old unhashed name, with a bilingual 404', async () => {
      const url = await start();
      for (const path of ['/tab/nothing-here.js', '/tab/main.js', '/tab/index.html.br']) {
        const res = await fetch(`${url}${path}`);
        assert.equal(res.status, 404, path);
        assertBilingualError(await res.json(), 'not_found');
      }
    });

    it('is a 404 when the tab has not been built', async () => {
      const missing = mkdtempSync(join(tmpdir(), 'mus-no-tab-'));
      rmSync(missing, { recursive: true });
      const url = await start({ tabDir: missing });
      const res = await fetch(`${url}/tab/index.html`);
      assert.equal(res.status, 404);
      assertBilingualError(await res.json(), 'not_found');
    });

    it('does not serve files outside tab/dist', async () => {
      const url = await start();
      for (const path of ['/tab/..%2f..%2fpackage.json', '/tab/%2e%2e/%2e%2e/package.json']) {
        const res = await fetch(`${url}${path}`);
        assert.ok([403, 404].includes(res.status), `${path}: ${res.status}`);
        assert.doesNotMatch(await res.text(), /mus-for-teams/, path);
      }
    });
  });

  describe('safety against attacks', () => {
    /** A raw request, so the Host header can be anything (fetch sets its own). */
    function rawGet(
      url: string,
      path: string,
      headers: Record<string, string>,
    ): Promise<{ status: number; body: string }> {
      const { port } = new URL(url);
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: Number(port), path, method: 'GET', headers },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    }

    it('in dev mode, refuses the dev identity when the Host header is not loopback (DNS rebinding, tunnels)', async () => {
      const url = await start();
      const attacked = await rawGet(url, '/api/me', {
        host: 'attacker.example',
        [DEV_USER_HEADER]: HR_EMAIL,
      });
      assert.equal(attacked.status, 403);
      assert.doesNotMatch(attacked.body, /lone\.hvid|Lone/i);
      assertBilingualError(JSON.parse(attacked.body), 'dev_mode_loopback_only');
      for (const host of ['127.0.0.1:3978', 'localhost:3978', '[::1]:3978', 'LOCALHOST']) {
        const ok = await rawGet(url, '/api/me', { host, [DEV_USER_HEADER]: HR_EMAIL });
        assert.equal(ok.status, 200, host);
      }
    });

    it('in production, any Host reaches the server (behind App Service) and the dev identity is not involved', async () => {
      const url = await start({ devMode: false });
      const res = await rawGet(url, '/healthz', { host: 'mus.azurewebsites.net' });
      assert.equal(res.status, 200);
    });

    it('sends nosniff and a referrer policy everywhere, no-store on the API, and a CSP that lets only Teams frame the tab', async () => {
      const url = await start();
      const api = await fetch(`${url}/api/me`, { headers: { [DEV_USER_HEADER]: HR_EMAIL } });
      assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(api.headers.get('cache-control'), 'no-store');
      assert.ok(api.headers.get('referrer-policy'));
      const tab = await fetch(`${url}/tab/index.html`);
      assert.equal(tab.headers.get('x-content-type-options'), 'nosniff');
      const csp = tab.headers.get('content-security-policy') ?? '';
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
      assert.ok(ancestors.includes('https://teams.microsoft.com'), csp);
      assert.ok(!ancestors.includes('*') && !ancestors.some((a) => a.startsWith('http:')), csp);
      assert.match(csp, /script-src 'self'/);
    });

    it('an unexpected error answers "Noget gik galt / Something went wrong" with a correlation id that is in the log, and no internal text', async () => {
      const { log, lines } = memoryLogger();
      const url = await start({
        log,
        registerApi: [
          (s) =>
            s.get('/api/boom', async () => {
              await Promise.resolve();
              throw new Error('secret internal detail: table mus-skemas at 10.0.0.4');
            }),
        ],
      });
      const res = await fetch(`${url}/api/boom`);
      assert.equal(res.status, 500);
      const text = await res.text();
      assert.doesNotMatch(text, /secret|10\.0\.0\.4|Error/);
      const body = JSON.parse(text) as ErrorBody & { error: { correlationId: string } };
      assert.match(body.error.message.da, /Noget gik galt/);
      assert.match(body.error.message.en, /Something went wrong/);
      assert.match(body.error.correlationId, /^[0-9a-f]{12}$/);
      assert.ok(
        lines.some((l) => JSON.stringify(l).includes(body.error.correlationId)),
        'the correlation id is in the log',
      );
    });
  });
});
