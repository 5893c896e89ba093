import assert from 'node:assert/strict';
import { GraphRosterError, readGraphRoster } from '../../../bot/roster/graph-roster.js';
import { validateRoster } from '../../../bot/mus/roster-validation.js';
import {
  FAKE_GRAPH_TOKEN,
  fakeTenant,
  fakeTokenProvider,
  startFakeGraph,
  type FakeGraph,
} from '../../helpers/fake-graph.js';

describe('roster from Microsoft Graph', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await startFakeGraph({
      users: fakeTenant,
      groups: { 'hr-group': ['hanne.hr@tenant.example'] },
    });
  });
  afterEach(async () => {
    await graph.close();
  });

  it('reads every page with the bearer token and maps managers to leaders, keeping the Entra object id', async () => {
    const tokens = fakeTokenProvider();
    const rows = await readGraphRoster({ tokenProvider: tokens, baseUrl: graph.baseUrl });
    assert.deepEqual(tokens.scopes, ['https://graph.microsoft.com/.default']);
    assert.equal(graph.requests.length, 3, 'eight users, three a page');
    assert.ok(graph.requests.every((r) => r.authorization === `Bearer ${FAKE_GRAPH_TOKEN}`));
    assert.match(
      decodeURIComponent(graph.requests[0]?.url ?? ''),
      /^\/v1\.0\/users\?\$select=id,mail,userPrincipalName,displayName,department&\$expand=manager\(\$select=mail,userPrincipalName\)/,
    );
    assert.equal(rows.length, 8);
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    assert.deepEqual(byEmail.get('mads.drift@tenant.example'), {
      line: 2,
      where: 'Entra: Mads.Drift@tenant.example',
      email: 'mads.drift@tenant.example',
      name: 'Mads Drift',
      leaderEmail: 'direktoer@tenant.example',
      department: 'Drift',
      roles: 'employee;leader',
      aadObjectId: 'id-Mads.Drift@tenant.example',
    });
    assert.equal(byEmail.get('direktoer@tenant.example')?.roles, 'employee;leader');
    assert.equal(byEmail.get('ib@tenant.example')?.leaderEmail, 'mads.drift@tenant.example');
    assert.equal(byEmail.get('ib@tenant.example')?.roles, 'employee');
    // No mail: the UPN is the address.
    assert.equal(byEmail.get('ulla@tenant.example')?.name, 'Ulla Ulstrup');
    const valid = validateRoster('tenant', rows);
    assert.ok(valid.ok, JSON.stringify(valid));
  });

  it('gives the HR role to members of the HR group, and to those the caller says are HR', async () => {
    const rows = await readGraphRoster(
      { tokenProvider: fakeTokenProvider(), baseUrl: graph.baseUrl, hrGroupId: 'hr-group' },
      (email) => email === 'gert@tenant.example',
    );
    const hr = rows.filter((r) => r.roles.split(';').includes('hr')).map((r) => r.email);
    assert.deepEqual(hr.sort(), ['gert@tenant.example', 'hanne.hr@tenant.example']);
  });

  it('waits and retries when Graph throttles', async () => {
    graph.throttleNext(2);
    const rows = await readGraphRoster({
      tokenProvider: fakeTokenProvider(),
      baseUrl: graph.baseUrl,
    });
    assert.equal(rows.length, 8);
    assert.equal(graph.requests.length, 5);
  });

  it('explains a refused token in both languages', async () => {
    const wrong = { getToken: () => Promise.resolve({ token: 'not-the-token' }) };
    await assert.rejects(readGraphRoster({ tokenProvider: wrong, baseUrl: graph.baseUrl }), (e) => {
      assert.ok(e instanceof GraphRosterError);
      assert.match(e.userMessage.da, /User\.Read\.All/);
      assert.match(e.userMessage.en, /not allowed to read the users/);
      return true;
    });
  });

  it('explains a credential that cannot sign in', async () => {
    const failing = {
      getToken: () => Promise.reject(new Error('AADSTS7000215: Invalid client secret')),
    };
    await assert.rejects(
      readGraphRoster({ tokenProvider: failing, baseUrl: graph.baseUrl }),
      (e) => {
        assert.ok(e instanceof GraphRosterError);
        assert.match(e.userMessage.da, /kunne ikke logge ind/);
        return true;
      },
    );
  });

  it('never sends the token to a nextLink on another host', async () => {
    const fetchSpy = ((input: string | URL) => {
      const url = input.toString();
      const body = url.includes('evil')
        ? { value: [] }
        : { value: [], '@odata.nextLink': 'https://evil.example/v1.0/users?$skiptoken=1' };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    }) as typeof fetch;
    await assert.rejects(
      readGraphRoster({
        tokenProvider: fakeTokenProvider(),
        baseUrl: 'https://graph.microsoft.com',
        fetch: fetchSpy,
      }),
      GraphRosterError,
    );
  });
});
