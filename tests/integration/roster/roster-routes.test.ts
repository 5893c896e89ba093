import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import restify, { type Request, type Server } from 'restify';
import { UnauthorizedError } from '../../../bot/api/error-responses.js';
import { registerRosterRoutes } from '../../../bot/api/roster-routes.js';
import type { Person } from '../../../bot/mus/person.js';
import type { PersonRepository } from '../../../bot/mus/repositories.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import { createServer } from '../../../bot/server.js';
import { testStorage } from '../../helpers/azurite.js';
import { memoryLogger } from '../../helpers/memory-logger.js';

const ORG = 'vandvaerk';
const HR = 'lone.hvid@vandvaerk.example';
const EMPLOYEE = 'ida.lund@vandvaerk.example';
const sample = readFileSync('tests/fixtures/roster-sample.csv');
const badLine = readFileSync('tests/fixtures/roster-bad-line.csv');

/** The sample as Danish Excel saves it: `;`, CRLF, quotes around a field containing `;`, Windows-1252. */
function asDanishExcel(csv: string): Buffer {
  const text = csv
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      line
        .split(',')
        .map((f) => (f.includes(';') ? `"${f}"` : f))
        .join(';'),
    )
    .map((line) => `${line}\r\n`)
    .join('');
  return Buffer.from(text, 'latin1'); // Windows-1252's æ, ø, å are the same bytes as latin1's
}

/** Signs in whoever the x-test-user header names, if they are on the roster. */
function headerAuthenticate(people: PersonRepository): (req: Request) => Promise<Person> {
  return async (req) => {
    const email = req.header('x-test-user');
    const found = email ? await people.get(ORG, email) : undefined;
    if (!found) throw new UnauthorizedError();
    return found.value;
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${server.address().port}`;
}

interface ErrorBody {
  error: {
    code: string;
    message: { da: string; en: string };
    issues?: { where: string; message: { da: string; en: string } }[];
  };
}

describe('POST /api/roster/import', () => {
  let people: PersonRepository;
  let server: Server;
  let url: string;
  const post = (body: string | Buffer, user?: string, type = 'text/csv'): Promise<Response> =>
    fetch(`${url}/api/roster/import`, {
      method: 'POST',
      headers: { 'content-type': type, ...(user ? { 'x-test-user': user } : {}) },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  beforeEach(async () => {
    people = (await testStorage()).repositories.people;
    await importRosterCsv(people, ORG, sample);
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerRosterRoutes(server, {
      people,
      authenticate: headerAuthenticate(people),
      orgIdOf: (p) => p.orgId,
      log: memoryLogger().log,
    });
    url = await listen(server);
  });
  afterEach(() => {
    server.close();
  });

  it('HR imports a roster and gets the counts', async () => {
    const changed = `${sample.toString('utf8')}ny@vandvaerk.example,Ny Kollega,anja.holm@vandvaerk.example,Udvikling,employee\n`;
    const res = await post(changed, HR);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.created, 1);
    assert.equal(body.updated, 0);
    assert.equal(body.unchanged, 29);
    assert.match((body.message as { da: string }).da, /1 nye, 0 ændrede, 29 uændrede/);
    assert.equal((await people.list(ORG)).length, 30);
  });

  it("reads Danish Excel's semicolons sent as bytes", async () => {
    const semicolons = asDanishExcel(
      `${sample.toString('utf8')}ny@vandvaerk.example,Søren Ny,anja.holm@vandvaerk.example,Udvikling,employee\n`,
    );
    const res = await post(semicolons, HR, 'application/vnd.ms-excel');
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await people.get(ORG, 'ny@vandvaerk.example'))?.value.name, 'Søren Ny');
  });

  it('a bad line gives 400 listing it, and imports nothing', async () => {
    const withNewcomer = `${badLine.toString('utf8')}ny@vandvaerk.example,Ny,,Udvikling,boss\n`;
    const res = await post(withNewcomer, HR);
    assert.equal(res.status, 400);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, 'invalid_input');
    assert.deepEqual(
      body.error.issues?.map((i) => i.where),
      ['linje 15 / line 15', 'linje 31 / line 31'],
    );
    assert.match(body.error.issues?.[1]?.message.da ?? '', /Ukendt rolle "boss"/);
    assert.match(body.error.message.en, /not imported: there are 2 problems/);
    assert.equal(await people.get(ORG, 'ny@vandvaerk.example'), undefined);
    assert.equal(
      (await people.get(ORG, 'lars.christensen@vandvaerk.example'))?.value.leaderEmail,
      'soren.dahl@vandvaerk.example',
    );
  });

  it('anyone but HR gets 403, and nothing changes', async () => {
    const res = await post('email,name,leader_email,department,role\n', EMPLOYEE);
    assert.equal(res.status, 403);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, 'forbidden');
    assert.ok(body.error.message.da && body.error.message.en);
  });

  it('without a sign-in it is 401', async () => {
    const res = await post(sample);
    assert.equal(res.status, 401);
  });

  it('refuses a body over 2 MB with 413 and something that is not CSV with 415', async () => {
    const huge = `email,name,leader_email,department,role\n${'x'.repeat(2 * 1024 * 1024)}`;
    const tooBig = await post(huge, HR);
    assert.equal(tooBig.status, 413);
    assert.match(((await tooBig.json()) as ErrorBody).error.message.da, /højst 2 MB/);
    const json = await post('{"people":[]}', HR, 'application/json');
    assert.equal(json.status, 415);
  });
});

describe('POST /api/roster/import on the real server', () => {
  let server: Server;
  let url: string;
  before(async () => {
    const { repositories } = await testStorage();
    await importRosterCsv(repositories.people, ORG, sample);
    server = createServer({
      devMode: true,
      log: memoryLogger().log,
      storageReachable: () => Promise.resolve(true),
      handleBotRequest: () => Promise.resolve(),
      registerApi: [
        (s) =>
          registerRosterRoutes(s, {
            people: repositories.people,
            authenticate: headerAuthenticate(repositories.people),
            orgIdOf: (p) => p.orgId,
            log: memoryLogger().log,
          }),
      ],
    });
    url = await listen(server);
  });
  after(() => {
    server.close();
  });
  const post = (body: Buffer, type: string): Promise<Response> =>
    fetch(`${url}/api/roster/import`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-test-user': HR },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  it('accepts comma-separated text/csv behind the server’s own body parser', async () => {
    const res = await post(sample, 'text/csv');
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { unchanged: number }).unchanged, 29);
  });

  it('accepts an Excel file sent with its own content type, bytes untouched', async () => {
    const res = await post(asDanishExcel(sample.toString('utf8')), 'application/vnd.ms-excel');
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { unchanged: number }).unchanged, 29);
  });

  it('accepts semicolon-separated text/csv behind the server’s own body parser', async () => {
    const res = await post(asDanishExcel(sample.toString('utf8')), 'text/csv');
    assert.equal(res.status, 200, await res.clone().text());
  });
});
