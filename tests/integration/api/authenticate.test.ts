import assert from 'node:assert/strict';
import type { Server } from 'restify';
import {
  createAuthenticator,
  DEV_USER_HEADER,
  orgIdForTenant,
  type VerifySsoToken,
} from '../../../bot/api/authenticate.js';
import { registerMeRoutes } from '../../../bot/api/me-routes.js';
import { createSsoVerifier, ssoAudiences } from '../../../bot/api/sso-token.js';
import type { Repositories } from '../../../bot/mus/repositories.js';
import { importRosterCsv } from '../../../bot/roster/csv-roster.js';
import { createServer } from '../../../bot/server.js';
import { testStorage } from '../../helpers/azurite.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { CLIENT_ID, objectIdFor, startLocalSso, TENANT, type LocalSso } from './local-sso.js';

const HR = 'lone.hvid@vandvaerk.example';
const ROSTER = `email,name,leader_email,department,role
lone.hvid@vandvaerk.example,Lone Hvid,,HR,employee;hr
`;

describe('signing in to the tab API', () => {
  let sso: LocalSso;
  let repositories: Repositories;
  let verifySso: VerifySsoToken;
  let server: Server | undefined;

  /** Starts the real server with /api/me, signing in as configured; returns a caller. */
  async function serve(options: {
    devMode: boolean;
    verify?: VerifySsoToken;
  }): Promise<(headers: Record<string, string>) => Promise<{ status: number; body: unknown }>> {
    const { log } = memoryLogger();
    const authenticate = createAuthenticator({
      devMode: options.devMode,
      devOrgId: 'default',
      people: repositories.people,
      verifySso: options.verify,
      orgIdOf: orgIdForTenant(options.devMode, 'default'),
      log,
    });
    server = createServer({
      devMode: options.devMode,
      log,
      storageReachable: () => Promise.resolve(true),
      handleBotRequest: () => Promise.resolve(),
      registerApi: [(s) => registerMeRoutes(s, { authenticate, log })],
    });
    const listening = server;
    await new Promise<void>((resolve) => {
      listening.listen(0, '127.0.0.1', () => resolve());
    });
    const url = `http://127.0.0.1:${listening.address().port}/api/me`;
    return async (headers) => {
      const res = await fetch(url, { headers });
      return { status: res.status, body: await res.json() };
    };
  }

  before(async () => {
    sso = await startLocalSso();
    verifySso = createSsoVerifier({
      audiences: ssoAudiences(CLIENT_ID),
      allowedTenants: [TENANT],
      jwksUrl: sso.jwksUrl,
    });
    repositories = (await testStorage()).repositories;
    for (const orgId of [TENANT, 'default']) {
      await importRosterCsv(repositories.people, orgId, ROSTER);
      await repositories.people.setTeamsIdentity(orgId, HR, { aadObjectId: objectIdFor(HR) });
    }
  });
  afterEach(() => {
    server?.close();
    server = undefined;
  });
  after(async () => {
    await sso.close();
  });

  it("a valid SSO token signs in the roster person with that object id, in the tenant's organisation", async () => {
    const call = await serve({ devMode: false, verify: verifySso });
    const token = await sso.mint({ oid: objectIdFor(HR), aud: CLIENT_ID });
    const res = await call({ authorization: `Bearer ${token}` });
    assert.equal(res.status, 200);
    assert.equal((res.body as { email: string }).email, HR);
  });

  it('a valid token for someone not on the roster is refused with 403 saying so', async () => {
    const call = await serve({ devMode: false, verify: verifySso });
    const token = await sso.mint({
      oid: objectIdFor('stranger@vandvaerk.example'),
      aud: CLIENT_ID,
    });
    const res = await call({ authorization: `Bearer ${token}` });
    assert.equal(res.status, 403);
    assert.match(
      (res.body as { error: { message: { da: string } } }).error.message.da,
      /personlisten/,
    );
  });

  it('a bad token is 401 in both languages, even with a dev user header in dev mode', async () => {
    const call = await serve({ devMode: true, verify: verifySso });
    const token = await sso.mintWithOtherKey({ oid: objectIdFor(HR), aud: CLIENT_ID });
    const res = await call({ authorization: `Bearer ${token}`, [DEV_USER_HEADER]: HR });
    assert.equal(res.status, 401);
    const message = (res.body as { error: { message: { da: string; en: string } } }).error.message;
    assert.ok(message.da && message.en);
  });

  it('the dev user header is ignored outside dev mode', async () => {
    const call = await serve({ devMode: false, verify: verifySso });
    assert.equal((await call({ [DEV_USER_HEADER]: HR })).status, 401);
  });

  it('in dev mode the dev user header signs in a person of the dev organisation', async () => {
    const call = await serve({ devMode: true });
    const res = await call({ [DEV_USER_HEADER]: 'Lone.Hvid@Vandvaerk.Example' });
    assert.equal(res.status, 200);
    assert.equal((res.body as { email: string }).email, HR);
  });

  it('in dev mode a valid token maps to the dev organisation, whatever its tenant', async () => {
    const call = await serve({ devMode: true, verify: verifySso });
    const token = await sso.mint({ oid: objectIdFor(HR), aud: CLIENT_ID });
    assert.equal((await call({ authorization: `bearer ${token}` })).status, 200);
    assert.equal(orgIdForTenant(true, 'default')(TENANT), 'default');
    assert.equal(orgIdForTenant(false, 'default')(TENANT), TENANT);
  });

  it('a bearer token is refused with 401 when no SSO app is configured', async () => {
    const call = await serve({ devMode: false });
    const token = await sso.mint({ oid: objectIdFor(HR), aud: CLIENT_ID });
    assert.equal((await call({ authorization: `Bearer ${token}` })).status, 401);
  });
});
