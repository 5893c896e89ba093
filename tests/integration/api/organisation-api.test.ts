import assert from 'node:assert/strict';
import { CORE_TASK, ORG, PEOPLE, startApiTestApp, type ApiTestApp } from './api-test-app.js';

interface OrganisationView {
  coreTask: string;
  hrContact: { name: string; email?: string; phone?: string } | null;
  etag: string;
}

interface ErrorView {
  error: { code: string; message: { da: string; en: string }; current?: OrganisationView };
}

describe('HR writes the core task and the HR contact through the API (GET/PUT /api/organisation)', function () {
  this.timeout(60_000);
  let app: ApiTestApp;

  before(async () => {
    app = await startApiTestApp();
  });
  after(async () => app.close());

  it('HR reads the core task with its ETag; everyone else is refused with 403', async () => {
    const read = await app.call<OrganisationView>('GET', '/api/organisation', { as: PEOPLE.hr });
    assert.equal(read.status, 200);
    assert.equal(read.body.coreTask, CORE_TASK);
    assert.equal(read.headers.get('etag'), read.body.etag);
    for (const who of [PEOPLE.employee, PEOPLE.leader, PEOPLE.leadersLeader]) {
      const refused = await app.call('GET', '/api/organisation', { as: who });
      assert.equal(refused.status, 403, who);
      const put = await app.call('PUT', '/api/organisation', {
        as: who,
        body: { coreTask: 'Noget andet' },
        headers: { 'if-match': read.body.etag },
      });
      assert.equal(put.status, 403, who);
    }
    assert.equal((await app.repositories.organisations.get(ORG))?.value.coreTask, CORE_TASK);
  });

  it('HR changes the core task and names the HR contact; a stale ETag is refused with 412 and the current text', async () => {
    const first = await app.call<OrganisationView>('GET', '/api/organisation', { as: PEOPLE.hr });
    const saved = await app.call<OrganisationView>('PUT', '/api/organisation', {
      as: PEOPLE.hr,
      headers: { 'if-match': first.body.etag },
      body: {
        coreTask: '  Vi sikrer rent vand og renser spildevandet for borgerne.  ',
        hrContact: {
          name: 'Lone Hvid',
          email: 'lone.hvid@vandvaerk.example',
          phone: '12 34 56 78',
        },
      },
    });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.coreTask, 'Vi sikrer rent vand og renser spildevandet for borgerne.');
    assert.equal(saved.body.hrContact?.name, 'Lone Hvid');
    assert.notEqual(saved.body.etag, first.body.etag);

    // A second HR person still holds the first ETag: their write is refused, nothing is lost.
    const stale = await app.call<ErrorView>('PUT', '/api/organisation', {
      as: PEOPLE.hr,
      headers: { 'if-match': first.body.etag },
      body: { coreTask: 'En gammel udgave' },
    });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.current?.coreTask, saved.body.coreTask);
    const stored = await app.repositories.organisations.get(ORG);
    assert.equal(stored?.value.coreTask, saved.body.coreTask);
    assert.equal(stored?.value.hrContact?.phone, '12 34 56 78');
  });

  it('refuses an empty core task, unknown fields and a missing If-Match, in Danish and English, changing nothing', async () => {
    const current = await app.call<OrganisationView>('GET', '/api/organisation', { as: PEOPLE.hr });
    const cases: { body: unknown; headers: Record<string, string>; status: number }[] = [
      { body: { coreTask: '   ' }, headers: { 'if-match': current.body.etag }, status: 400 },
      {
        body: { coreTask: 'x'.repeat(1001) },
        headers: { 'if-match': current.body.etag },
        status: 400,
      },
      {
        body: { coreTask: 'Gyldig', admin: true },
        headers: { 'if-match': current.body.etag },
        status: 400,
      },
      {
        body: { coreTask: 'Gyldig', hrContact: { name: 'X', email: 'ikke-en-mail' } },
        headers: { 'if-match': current.body.etag },
        status: 400,
      },
      { body: { coreTask: 'Gyldig' }, headers: {}, status: 428 },
    ];
    for (const c of cases) {
      const res = await app.call<ErrorView>('PUT', '/api/organisation', {
        as: PEOPLE.hr,
        body: c.body,
        headers: c.headers,
      });
      assert.equal(res.status, c.status, JSON.stringify(c.body));
      assert.ok(res.body.error.message.da && res.body.error.message.en);
      assert.notEqual(res.body.error.message.da, res.body.error.message.en);
    }
    const after = await app.call<OrganisationView>('GET', '/api/organisation', { as: PEOPLE.hr });
    assert.equal(after.body.etag, current.body.etag, 'nothing was written');
  });
});
