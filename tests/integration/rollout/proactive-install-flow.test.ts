import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { buildApp, type BuiltApp } from '../../../bot/app.js';
import { cardText } from '../../helpers/card-validation.js';
import { startFakeGraph, type FakeGraph } from '../../helpers/fake-graph.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { testAppConfig } from '../../helpers/test-app.js';
import {
  HR_EMAIL,
  MANIFEST_ID,
  TEAM_ID,
  TENANT,
  proactiveInstallDeps,
  startRolloutHarness,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

/*
 * PROACTIVE_INSTALL end to end over HTTP: a fake Microsoft Graph, the fake Bot Connector playing
 * Teams, Azurite. Two employees are not in the team the bot read, so their step 2 cards wait for the
 * app; the roster gave their Entra object ids. The app asks Graph to install itself for them (once,
 * whatever the number of instances), Teams tells the bot about each install, and their cards go out
 * with no HR action. HR's round card counts it. With the flag off, Graph is never called.
 */

const LATE = ['ole.frederiksen@vandvaerk.example', 'bo.andersen@vandvaerk.example'];
const objectId = (email: string): string => `aad-${email}`;

async function launchWithLatecomers(h: RolloutHarness, late: readonly string[]): Promise<string> {
  const members = h.people
    .filter((p) => !late.includes(p.email))
    .map((p) => ({
      id: teamsUserId(p.email),
      name: p.name,
      email: p.email,
      userPrincipalName: p.email,
      aadObjectId: objectId(p.email),
      tenantId: TENANT,
    }));
  h.fake.setMembers(TEAM_ID, members);
  await h.installInTeam();
  // The roster (Entra ID) knows their object ids; Teams does not know them yet.
  for (const email of late) {
    await h.storage.repositories.people.setTeamsIdentity(DEV_ORG_ID, email, {
      aadObjectId: objectId(email),
    });
  }
  assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
  const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
  const roundId = round!.id;
  await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 1 });
  await h.drain();
  await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 2 });
  await h.drain();
  return roundId;
}

/** Another instance of the app on the harness's storage, installer on, nothing started. */
function anotherInstance(h: RolloutHarness, graph: FakeGraph): BuiltApp {
  const { log } = memoryLogger();
  return buildApp(
    { config: testAppConfig({ devMode: true }), log, storage: h.storage },
    { background: false, proactiveInstall: proactiveInstallDeps(h.storage, graph.baseUrl) },
  );
}

async function until(what: string, done: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('the app installs itself for people waiting for it (PROACTIVE_INSTALL=on)', function () {
  this.timeout(90_000);
  let h: RolloutHarness;
  let graph: FakeGraph;
  let roundId: string;
  let second: BuiltApp;
  const installedByGraph: string[] = [];
  const teamsInstallEvents: Promise<unknown>[] = [];

  /** What Teams does after Graph installed the app: an installationUpdate in the person's new chat. */
  function teamsInstalls(userObjectId: string): void {
    const email = LATE.find((e) => objectId(e) === userObjectId);
    if (!email) return;
    const userId = teamsUserId(email);
    const conversationId = `a:personal-${userId}`;
    h.fake.setMembers(conversationId, [
      {
        id: userId,
        name: email,
        email,
        userPrincipalName: email,
        aadObjectId: userObjectId,
        tenantId: TENANT,
      },
    ]);
    teamsInstallEvents.push(
      h.server.post({
        type: 'installationUpdate',
        action: 'add',
        id: `f:install-${email}`,
        timestamp: new Date().toISOString(),
        serviceUrl: h.fake.url,
        channelId: 'msteams',
        from: { id: userId, name: email, aadObjectId: userObjectId },
        recipient: { id: '28:bot', name: 'MUS' },
        conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
        locale: 'da-DK',
      }),
    );
  }

  const installPosts = (): string[] =>
    graph.requests.filter((r) => r.url.endsWith('/installedApps')).map((r) => r.url);

  async function statusOf(email: string): Promise<string | undefined> {
    const rows = await h.storage.deliveries.list(DEV_ORG_ID, roundId, 2);
    return rows.find((r) => r.recipientEmail === email && r.audience === 'employee')?.status;
  }

  before(async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: 'catalog-mus', externalId: MANIFEST_ID }],
      // Teams answers a Graph install with its install event later; the test lets it through.
      onInstall: (userObjectId) => installedByGraph.push(userObjectId),
    });
    h = await startRolloutHarness({ proactiveInstallGraphUrl: graph.baseUrl });
    // A second instance of the app on the same storage, running its installer at the same time.
    second = anotherInstance(h, graph);
    roundId = await launchWithLatecomers(h, LATE);
  });
  after(async () => {
    await Promise.allSettled(teamsInstallEvents);
    await second.stop();
    await h.close();
    await graph.close();
  });

  it('asks Graph to install the app for each waiting person once, by the Entra object id from the roster, with two instances at work', async () => {
    // Nobody asks: the dispatcher found the cards waiting and started the installer by itself.
    await until('two installs', () => graph.installs.length === 2);
    // Both instances look again at once: the stored claims keep each person to one request.
    await Promise.all([h.rollout.installNow(DEV_ORG_ID), second.rollout.installNow(DEV_ORG_ID)]);
    assert.deepEqual(graph.installs.map((i) => i.userId).sort(), LATE.map(objectId).sort());
    assert.ok(graph.installs.every((i) => i.bind.endsWith('/appCatalogs/teamsApps/catalog-mus')));
    assert.equal(installPosts().length, 2, 'one request per person, none refused with 409');
    assert.deepEqual(await Promise.all(LATE.map(statusOf)), ['waiting', 'waiting']);
  });

  it('a restarted instance asks for nobody again while the cards still wait for Teams', async () => {
    const restarted = anotherInstance(h, graph);
    try {
      assert.equal(await restarted.rollout.installNow(DEV_ORG_ID), 0);
    } finally {
      await restarted.stop();
    }
    assert.equal(installPosts().length, 2);
  });

  it('once Teams reports the install, their step 2 card reaches their chat with no HR action', async () => {
    for (const userObjectId of installedByGraph) teamsInstalls(userObjectId);
    await until('both cards sent', async () => {
      await h.router.idle();
      await h.drain();
      const statuses = await Promise.all(LATE.map(statusOf));
      return statuses.every((s) => s === 'sent');
    });
    for (const email of LATE) {
      const cards = h.fake.sentTo(`a:personal-${teamsUserId(email)}`);
      assert.equal(cards.length, 1, `${email} got the card once`);
    }
    assert.equal((await h.storage.deliveries.counts(DEV_ORG_ID, roundId, 2)).waiting, 0);
    assert.equal(installPosts().length, 2);
  });

  it('HR’s round card says how many installs were requested, done and failed, in HR’s language', async () => {
    const da = await h.click(HR_EMAIL, 'round.refresh', { roundId });
    assert.match(
      cardText(da.value),
      /Appen installerer sig selv for dem, der mangler den: 2 forsøgt · 2 installeret · 0 mislykket/,
    );
    const en = await h.click(HR_EMAIL, 'round.refresh', { roundId }, 'channel', 'en-US');
    assert.match(
      cardText(en.value),
      /The app installs itself for those who lack it: 2 requested · 2 installed · 0 failed/,
    );
  });
});

describe('with PROACTIVE_INSTALL off (the default)', function () {
  this.timeout(90_000);
  let h: RolloutHarness;
  let graph: FakeGraph;
  let roundId: string;

  before(async () => {
    graph = await startFakeGraph({
      users: () => [],
      teamsApps: [{ id: 'catalog-mus', externalId: MANIFEST_ID }],
    });
    h = await startRolloutHarness();
    roundId = await launchWithLatecomers(h, LATE);
  });
  after(async () => {
    await h.close();
    await graph.close();
  });

  it('the cards wait for the app and Graph is never asked; the round card has no install line', async () => {
    assert.equal(await h.rollout.installNow(DEV_ORG_ID), 0);
    await h.rollout.wakeWaiting(DEV_ORG_ID);
    await h.drain();
    const rows = await h.storage.deliveries.list(DEV_ORG_ID, roundId, 2);
    for (const email of LATE) {
      assert.equal(rows.find((r) => r.recipientEmail === email)?.status, 'waiting');
    }
    assert.equal(graph.requests.length, 0);
    assert.deepEqual(await h.storage.rawEntities('installAttempts'), []);
    const card = await h.click(HR_EMAIL, 'round.refresh', { roundId });
    assert.match(cardText(card.value), /venter på appen 2/);
    assert.doesNotMatch(cardText(card.value), /installerer sig selv/);
  });
});
