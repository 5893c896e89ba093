import assert from 'node:assert/strict';
import type { StepNumber } from '../../../bot/mus/rollout-steps.js';
import { newDelivery, type DeliveryStatus } from '../../../bot/rollout/delivery.js';
import {
  DEFAULT_INSTALL_POLICY,
  type InstallPolicy,
} from '../../../bot/rollout/install-attempts.js';
import { erasePerson } from '../../../bot/privacy/erase-person.js';
import { GraphAppInstaller, ProactiveInstaller } from '../../../bot/teams/proactive-install.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { fakeTokenProvider, startFakeGraph, type FakeGraph } from '../../helpers/fake-graph.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { ORG, person, round } from '../storage/storage-fixtures.js';

/*
 * Proactive installation against a fake Microsoft Graph over HTTP, with the outbox, the people and
 * the install attempts in Azurite: people whose cards wait for the app get an install request,
 * paced; a 409 counts as installed; throttling and a refusal (no admin consent) stop the batch and
 * leave the tenant alone for the time asked; a failing Graph is tried again a bounded number of times.
 */

const MANIFEST_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const CATALOG_ID = 'catalog-app-77';
const ROUND = 'mus-2026';
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
    const r = round(ROUND);
    await storage.repositories.rounds.create({
      ...r,
      steps: r.steps.map((s) =>
        s.step <= STEP ? { ...s, launchedAt: clock.toISOString(), launchedBy: 'hr@kommune.dk' } : s,
      ),
    });
    await storage.repositories.people.upsertRoster(
      ORG,
      people.map((email) => person(email)),
    );
    // Dorte has no Entra object id (a CSV roster, never seen in Teams): Graph cannot be asked.
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

  function installer(policy: Partial<InstallPolicy> = {}): ProactiveInstaller {
    const sleep = (ms: number): Promise<void> => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    const graphInstaller = new GraphAppInstaller({
      tokenProvider: fakeTokenProvider(),
      baseUrl: graph.baseUrl,
      sleep,
      maxRetries: 1,
    });
    return new ProactiveInstaller({
      graphFor: () => graphInstaller,
      attempts: storage.installAttempts,
      repositories: storage.repositories,
      deliveries: storage.deliveries,
      manifestId: MANIFEST_ID,
      log: memoryLogger().log,
      now: () => clock,
      sleep,
      minGapMs: 250,
      policy: { ...DEFAULT_INSTALL_POLICY, ...policy },
    });
  }

  const posts = (): number => graph.requests.filter((r) => r.url.endsWith('/installedApps')).length;

  it('asks Graph to install the catalog app for each waiting person with an Entra object id, once', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    const proactive = installer();
    assert.equal(await proactive.installForRound(ORG, ROUND), 2);
    assert.deepEqual(graph.installs.map((i) => i.userId).sort(), [
      'oid-anna@kommune.dk',
      'oid-bo@kommune.dk',
    ]);
    assert.ok(
      graph.installs.every((i) => i.bind.endsWith(`/v1.0/appCatalogs/teamsApps/${CATALOG_ID}`)),
    );
    const lookups = graph.requests.filter((r) => r.url.startsWith('/v1.0/appCatalogs'));
    assert.equal(lookups.length, 1, 'the catalog id is looked up once');
    assert.deepEqual(await proactive.tally(ORG, ROUND), {
      requested: 2,
      installed: 2,
      failed: 0,
      consentMissing: false,
    });

    const requestsBefore = graph.requests.length;
    assert.equal(await installer().installForOrganisation(ORG), 0, 'a new instance asks nobody');
    assert.equal(graph.requests.length, requestsBefore, 'nobody is asked for twice');
  });

  it('counts a person who has the app already (409) as installed', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
      alreadyInstalled: ['oid-anna@kommune.dk'],
    });
    const proactive = installer();
    await proactive.installForRound(ORG, ROUND);
    assert.equal((await proactive.tally(ORG, ROUND)).installed, 2);
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
    const proactive = installer();
    await proactive.installForRound(ORG, ROUND);
    assert.equal((await proactive.tally(ORG, ROUND)).installed, 2);
    assert.ok(sleeps.includes(7000), `slept ${sleeps.join(', ')} ms`);
  });

  it('a tenant still throttled after the retries is left alone until Retry-After has passed', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    const proactive = installer();
    await proactive.installForRound(ORG, ROUND); // looks the catalog id up
    await storage.installAttempts.removePerson(ORG, [ROUND], 'anna@kommune.dk');
    await storage.installAttempts.removePerson(ORG, [ROUND], 'bo@kommune.dk');
    graph.throttleNext(2, 30);
    const before = posts();
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts() - before, 2, 'one request and its one retry, then the batch stops');
    assert.equal(await proactive.installForRound(ORG, ROUND), 0, 'not within the 30 s');
    clock = new Date(clock.getTime() + 31_000);
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts() - before, 4, 'then each person once more');
    assert.equal((await proactive.tally(ORG, ROUND)).installed, 2);
    const attempts = await storage.installAttempts.list(ORG, ROUND);
    assert.ok(
      attempts.every((a) => a.attempts === 1),
      'throttling does not use up anybody’s attempts',
    );
  });

  it('reports missing admin consent (403) and stops asking until the pause has passed', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    graph.refuseInstalls(403);
    const proactive = installer({ consentPauseMs: 3600_000 });
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts(), 1, 'the first refusal stops the batch');
    assert.equal((await proactive.tally(ORG, ROUND)).consentMissing, true);

    await installer().installForRound(ORG, ROUND);
    assert.equal(posts(), 1, 'no loop, not even from another instance: the row holds the pause');

    graph.refuseInstalls(undefined);
    clock = new Date(clock.getTime() + 3600_001);
    await proactive.installForRound(ORG, ROUND);
    assert.deepEqual(await proactive.tally(ORG, ROUND), {
      requested: 2,
      installed: 2,
      failed: 0,
      consentMissing: false,
    });
  });

  it('a failing Graph is tried again after a growing pause, and given up after the last attempt', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    graph.failInstalls(503);
    const policy = { maxAttempts: 3, firstBackoffMs: 60_000, maxBackoffMs: 3600_000 };
    const proactive = installer(policy);
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts(), 4, 'two people, each a request and one retry within the request');
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts(), 4, 'not again before the pause');
    clock = new Date(clock.getTime() + 60_000);
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts(), 8, 'second attempt after one minute');
    clock = new Date(clock.getTime() + 60_000);
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts(), 8, 'the pause has doubled');
    clock = new Date(clock.getTime() + 60_000);
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts(), 12, 'third and last attempt');
    clock = new Date(clock.getTime() + 24 * 3600_000);
    await proactive.installForRound(ORG, ROUND);
    assert.equal(posts(), 12, 'given up');
    assert.deepEqual(await proactive.tally(ORG, ROUND), {
      requested: 2,
      installed: 0,
      failed: 2,
      consentMissing: false,
    });
  });

  it('erasing a person (GDPR) removes their install rows with the rest of their data', async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID }],
    });
    await installer().installForRound(ORG, ROUND);
    const hr = person('hr@kommune.dk', { roles: ['employee', 'hr'] });
    const report = await erasePerson(
      {
        repositories: storage.repositories,
        deliveries: storage.deliveries,
        installAttempts: storage.installAttempts,
        now: () => clock,
        log: memoryLogger().log,
      },
      hr,
      'anna@kommune.dk',
    );
    assert.equal(report.installAttempts, 1);
    const left = await storage.installAttempts.list(ORG, ROUND);
    assert.deepEqual(
      left.map((a) => a.email),
      ['bo@kommune.dk'],
    );
  });
});
