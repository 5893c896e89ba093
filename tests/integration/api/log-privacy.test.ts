import assert from 'node:assert/strict';
import { personRef } from '../../../bot/logger.js';
import { PEOPLE, skemaPath, startApiTestApp, type ApiTestApp } from './api-test-app.js';

describe('the log holds no email or name of the people in it', function () {
  this.timeout(60_000);
  let app: ApiTestApp;

  before(async () => {
    app = await startApiTestApp();
  });
  after(async () => app.close());

  it('a leader opening an employee’s skema is logged with hashed references, and no token', async () => {
    await app.createRoundWithSkema('log-1');
    const before = app.logLines.length;
    const res = await app.call('GET', skemaPath('log-1', PEOPLE.employee), { as: PEOPLE.leader });
    assert.equal(res.status, 200);
    const lines = app.logLines.slice(before);
    const opened = lines.find((l) => l.audit === 'skema-opened');
    assert.ok(opened, 'the read is logged');
    assert.equal(opened.employee, personRef(PEOPLE.employee));
    assert.equal(opened.by, personRef(PEOPLE.leader));
    const text = JSON.stringify(lines);
    assert.doesNotMatch(text, /@vandvaerk\.example/);
    assert.doesNotMatch(text, /Pernille|Søren|Bearer|eyJ/);
  });
});
