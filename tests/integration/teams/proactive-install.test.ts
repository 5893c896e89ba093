import assert from 'node:assert/strict';
import type { StepNumber } from '../../../bot/mus/rollout-steps.js';
import { newDelivery, type DeliveryStatus } from '../../../bot/rollout/delivery.js';
import {
  GraphAppInstaller,
  MemoryInstallAttemptStore,
  ProactiveInstaller,
} from '../../../bot/teams/proactive-install.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { fakeTokenProvider, startFakeGraph, type FakeGraph } from '../../helpers/fake-graph.js';
import { ORG, person } from '../storage/storage-fixtures.js';

/*
 * Proactive installation against a fake Microsoft Graph over HTTP, with the outbox and the people in
 * Azurite: people whose cards wait for the app get an install request, paced and at most once in the
 * window; a 409 counts as installed; a refusal (no admin consent) stops the requests and is reported.
 */

const MANIFEST_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const CATALOG_ID = 'catalog-app-77';
const ROUND = 'round-1';
const STEP: StepNumber = 2;

describe('proactive installation of the app for people waiting for it', () => {
  let storage: TestStorage;
  let graph: FakeGraph;
  let clock: Date;
  let sleeps: number[];

  const people = ['anna', 'bo', 'carl', 'dorte'].map((n) => `${n}@kommune.dk`);

  async function plan(email: string, status: DeliveryStatus): Promise<void> {
    const row = newDelivery(
      { orgId: ORG, roundId: ROUND, step: STEP, audience: 'employee', recipientEmail: email },
      clock,
    );
    await storage.deliveries.plan([{ ...row, status }]);
  }

  beforeEach(async () => {
    storage = await testStorage();
    clock = new Date('2026-03-02T09:00:00.000Z');
    sleeps = [];
    await storage.repositories.people.upsertRoster(
      ORG,
      people.map((email) => person(email)),
    );
    for (const email of people.slice(0, 3)) {
      await storage.repositories.people.setTeamsIdentity(ORG, email, {
        aadObjectId: `oid-${email}`,
      });
    }
    await plan('anna@kommune.dk', 'waiting');
    await plan('bo@kommune.dk', 'waiting');
    await plan('carl@kommune.dk', 'sent');
    await plan('dorte@kommune.dk', 'waiting');
  });
  afterEach(async () => {
    await graph.close();
  });

  function installer(windowMs = 3600_000): ProactiveInstaller {
    const sleep = (ms: number): Promise<void> => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    return new ProactiveInstaller({
      graph: new GraphAppInstaller({
        tokenProvider: fakeTokenProvider(),
        baseUrl: graph.baseUrl,
        sleep,
      }),
      attempts: new MemoryInstallAttemptStore(),
      repositories: storage.repositories,
      deliveries: storage.deliveries,
      manifestId: MANIFEST_ID,
      now: () => clock,
      sleep,
      minGapMs: 250,
      windowMs,
    });
  }

  it('asks Graph to install the catalog app for each waiting person with an Entra object id, once', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    const proactive = installer();
    const report = await proactive.installForWaiting(ORG, ROUND, STEP);
    assert.deepEqual(report, { waiting: 3, installed: 2, consentMissing: false });
    assert.deepEqual(graph.installs.map((i) => i.userId).sort(), [
      'oid-anna@kommune.dk',
      'oid-bo@kommune.dk',
    ]);
    assert.ok(
      graph.installs.every((i) => i.bind.endsWith(`/v1.0/appCatalogs/teamsApps/${CATALOG_ID}`)),
    );
    const lookups = graph.requests.filter((r) => r.url.startsWith('/v1.0/appCatalogs'));
    assert.equal(lookups.length, 1, 'the catalog id is looked up once');

    const requestsBefore = graph.requests.length;
    const again = await proactive.installForWaiting(ORG, ROUND, STEP);
    assert.equal(graph.requests.length, requestsBefore, 'nobody is asked for twice');
    assert.deepEqual(again, report);
    assert.deepEqual(proactive.report(ORG, ROUND, STEP), report);
  });

  it('counts a person who has the app already (409) as installed', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
      alreadyInstalled: ['oid-anna@kommune.dk'],
    });
    const report = await installer().installForWaiting(ORG, ROUND, STEP);
    assert.deepEqual(report, { waiting: 3, installed: 2, consentMissing: false });
    assert.deepEqual(
      graph.installs.map((i) => i.userId),
      ['oid-bo@kommune.dk'],
    );
  });

  it('waits out a 429 for its Retry-After and then installs', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    graph.throttleNext(1, 7);
    const report = await installer().installForWaiting(ORG, ROUND, STEP);
    assert.equal(report.installed, 2);
    assert.ok(sleeps.includes(7000), `slept ${sleeps.join(', ')} ms`);
  });

  it('reports missing admin consent (403) and stops asking until the window has passed', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    graph.refuseInstalls(403);
    const proactive = installer(3600_000);
    const report = await proactive.installForWaiting(ORG, ROUND, STEP);
    assert.deepEqual(report, { waiting: 3, installed: 0, consentMissing: true });
    const posts = (): number =>
      graph.requests.filter((r) => r.url.endsWith('/installedApps')).length;
    assert.equal(posts(), 1, 'the first refusal stops the batch');

    await proactive.installForWaiting(ORG, ROUND, STEP);
    assert.equal(posts(), 1, 'no loop: nothing asked again within the window');

    graph.refuseInstalls(undefined);
    clock = new Date(clock.getTime() + 3600_001);
    const later = await proactive.installForWaiting(ORG, ROUND, STEP);
    assert.deepEqual(later, { waiting: 3, installed: 2, consentMissing: false });
  });
});
