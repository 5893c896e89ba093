import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import sinon from 'sinon';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import type { Person } from '../../../bot/mus/person.js';
import { roundStep, type Round } from '../../../bot/mus/round.js';
import { createRound } from '../../../bot/rollout/create-round.js';
import { launchRolloutStep, recordStepLaunch } from '../../../bot/rollout/launch-step.js';
import { StepPreparer } from '../../../bot/rollout/step-preparer.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { cardText } from '../../helpers/card-validation.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

async function roundOf(storage: TestStorage, roundId: string): Promise<Round> {
  const stored = await storage.repositories.rounds.get(DEV_ORG_ID, roundId);
  assert.ok(stored, 'the round exists');
  return stored.value;
}

/** Holds every outbox planning call (a seam on storage) until `release` is called. */
function holdPlanning(h: RolloutHarness): { release: () => void; held: sinon.SinonStub } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const plan = h.storage.deliveries.plan.bind(h.storage.deliveries);
  const held = sinon.stub(h.storage.deliveries, 'plan').callsFake(async (rows) => {
    await gate;
    return plan(rows);
  });
  return { release, held };
}

describe("a step launch answers HR's click at once and does the work in the background", function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let roundId: string;
  let leaders: string[];

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
    const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
    roundId = round!.id;
    leaders = h.people.filter((p) => p.roles.includes('leader')).map((p) => p.email);
  });
  after(async () => {
    sinon.restore();
    await h.close();
  });

  it('answers the launch click before any card is queued, shows the preparation, then every leader gets the card', async () => {
    // Hold the outbox's planning until the test lets go: a slow storage account at 10,000 people.
    const { release, held } = holdPlanning(h);

    try {
      const answer = await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 1 });
      assert.equal(answer.statusCode, 200);
      const card = answer.value;
      assert.match(cardText(card), /Lægger 3 kort i kø … 0 klar til afsendelse|Gøres klar/);
      const launched = roundStep(await roundOf(h.storage, roundId), 1);
      assert.ok(launched.launchedAt, 'the launch is recorded before its work is done');
      assert.ok(launched.preparing, 'the step is marked as being prepared');
      assert.equal((await h.storage.deliveries.list(DEV_ORG_ID, roundId, 1)).length, 0);

      // A second click meanwhile (Teams retrying the invoke) launches nothing new.
      const again = await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 1 });
      assert.equal(again.statusCode, 200);
    } finally {
      release();
      await h.drain();
      held.restore();
    }
    const step = roundStep(await roundOf(h.storage, roundId), 1);
    assert.equal(step.preparing, undefined, 'the preparation is done');
    assert.ok(step.preparedAt);
    const rows = await h.storage.deliveries.list(DEV_ORG_ID, roundId, 1);
    assert.deepEqual(rows.map((r) => r.recipientEmail).sort(), [...leaders].sort());
    assert.ok(rows.every((r) => r.status === 'sent'));
  });

  it('refuses the next step while the previous one is still being prepared, with the reason', async () => {
    const { release, held } = holdPlanning(h);
    try {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 2 });
      const early = await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 3 });
      assert.match(JSON.stringify(early.value), /er ved at blive gjort klar/);
      assert.equal(roundStep(await roundOf(h.storage, roundId), 3).launchedAt, undefined);
    } finally {
      release();
      await h.drain();
      held.restore();
    }
    assert.equal(roundStep(await roundOf(h.storage, roundId), 2).preparing, undefined);
  });
});

const CHILD_SCRIPT = fileURLToPath(new URL('../../helpers/preparer-child.ts', import.meta.url));

describe('the background work of a launch survives a crash and a second process', function () {
  this.timeout(120_000);
  let storage: TestStorage;
  let employees: string[];
  let hr: Person;
  let child: ChildProcess | undefined;

  before(async () => {
    storage = await testStorage();
    const { repositories } = storage;
    await repositories.organisations.ensure(
      newOrganisation(DEV_ORG_ID, 'Vandværket', 'Vi leverer rent vand.'),
    );
    // 20 leaders with 30 employees each: step 3 makes 600 skemas in three chunks.
    hr = { orgId: DEV_ORG_ID, email: HR_EMAIL, name: 'HR', department: 'HR', roles: ['hr'] };
    const people: Person[] = [hr];
    for (let l = 0; l < 20; l++) {
      const leader = `leder${l}@vandvaerk.example`;
      people.push({
        orgId: DEV_ORG_ID,
        email: leader,
        name: `Leder ${l}`,
        department: `Afdeling ${l % 4}`,
        roles: ['leader'],
      });
      for (let e = 0; e < 30; e++) {
        people.push({
          orgId: DEV_ORG_ID,
          email: `medarbejder${l}-${e}@vandvaerk.example`,
          name: `Medarbejder ${l}-${e}`,
          department: `Afdeling ${l % 4}`,
          leaderEmail: leader,
          roles: ['employee'],
        });
      }
    }
    await repositories.people.upsertRoster(DEV_ORG_ID, people);
    employees = people.filter((p) => p.leaderEmail).map((p) => p.email);
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });

  async function launchedRoundThroughStep2(name: string): Promise<string> {
    const services = { repositories: storage.repositories, deliveries: storage.deliveries };
    const deps = { ...services, now: () => new Date() };
    const round = await createRound(deps, { by: hr, name });
    await launchRolloutStep(deps, { by: hr, roundId: round.value.id, step: 1 });
    await launchRolloutStep(deps, { by: hr, roundId: round.value.id, step: 2 });
    return round.value.id;
  }

  function survivor(owner: string): StepPreparer {
    return new StepPreparer({
      repositories: storage.repositories,
      deliveries: storage.deliveries,
      now: () => new Date(),
      owner,
      log: memoryLogger().log,
      leaseMs: 2_000,
      onProgress: () => undefined,
    });
  }

  it('a process killed half-way through step 3 is followed by another that finishes it, every skema and card once', async () => {
    const roundId = await launchedRoundThroughStep2('Krak 2027');
    await recordStepLaunch(
      { repositories: storage.repositories, now: () => new Date() },
      { by: hr, roundId, step: 3 },
    );
    let output = '';
    child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT], {
      env: {
        ...process.env,
        MUS_CHILD_CONNECTION_STRING: storage.connectionString,
        MUS_CHILD_TABLE_PREFIX: storage.tablePrefix,
        MUS_CHILD_LEASE_MS: '2000',
        MUS_CHILD_CREATE_DELAY_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    // Kill it once it has created some skemas, and before it has queued any card.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const p = roundStep(await roundOf(storage, roundId), 3).preparing;
      if (p?.phase === 'skemas' && (p.done ?? 0) > 0) break;
      if (Date.now() > deadline) throw new Error(`the child made no progress:\n${output}`);
      await sleep(50);
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    const atKill = roundStep(await roundOf(storage, roundId), 3);
    assert.ok(atKill.preparing, 'the work was not finished when the process died');
    const skemasAtKill = (await storage.repositories.skemas.listByRound(DEV_ORG_ID, roundId))
      .length;
    assert.ok(skemasAtKill < employees.length, `${skemasAtKill} skemas existed at the kill`);

    // Another process sweeps: it waits for the dead process's lease, then does the rest.
    const other = survivor('survivor');
    const until = Date.now() + 30_000;
    while (roundStep(await roundOf(storage, roundId), 3).preparing) {
      if (Date.now() > until) throw new Error('the survivor did not finish the step');
      await other.sweep();
      await other.idle();
      await sleep(200);
    }
    await other.stop();

    const skemas = await storage.repositories.skemas.listByRound(DEV_ORG_ID, roundId);
    assert.equal(skemas.length, employees.length);
    assert.equal(new Set(skemas.map((s) => s.employeeEmail)).size, employees.length);
    // The skema cards; each leader's briefing rides along, uncounted.
    const rows = (await storage.deliveries.list(DEV_ORG_ID, roundId, 3)).filter(
      (r) => r.audience === 'employee',
    );
    assert.deepEqual(rows.map((r) => r.recipientEmail).sort(), [...employees].sort());
    const counts = await storage.deliveries.counts(DEV_ORG_ID, roundId, 3);
    assert.equal(counts.pending, employees.length, 'the counters agree with the rows');
  });

  it('two processes asked to prepare the same step at once do the work once', async () => {
    const roundId = await launchedRoundThroughStep2('Dobbelt 2027');
    await recordStepLaunch(
      { repositories: storage.repositories, now: () => new Date() },
      { by: hr, roundId, step: 3 },
    );
    const a = survivor('process-a');
    const b = survivor('process-b');
    const created = sinon.spy(storage.repositories.skemas, 'createMany');
    try {
      a.request(DEV_ORG_ID, roundId, 3);
      b.request(DEV_ORG_ID, roundId, 3);
      await Promise.all([a.idle(), b.idle()]);
    } finally {
      created.restore();
    }
    const step = roundStep(await roundOf(storage, roundId), 3);
    assert.equal(step.preparing, undefined);
    assert.equal(
      created.callCount,
      Math.ceil(employees.length / 200),
      'one process made the skemas',
    );
    const rows = (await storage.deliveries.list(DEV_ORG_ID, roundId, 3)).filter(
      (r) => r.audience === 'employee',
    );
    assert.equal(rows.length, employees.length);
    assert.equal(new Set(rows.map((r) => r.recipientEmail)).size, employees.length);
  });
});

describe("the round card's refresh shows HR's counts to HR only", function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let roundId: string;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
    const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
    roundId = round!.id;
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 1 });
    await h.drain();
  });
  after(async () => h.close());

  it('an employee or someone not on the roster who knows the round id gets a refusal, not the card', async () => {
    for (const who of ['ole.frederiksen@vandvaerk.example', 'fremmed@andet.example']) {
      const answer = await h.click(who, 'round.refresh', { roundId });
      assert.equal(answer.type, 'application/vnd.microsoft.activity.message', who);
      assert.doesNotMatch(JSON.stringify(answer.value), /Sendt \d|Informér lederne/, who);
    }
  });

  it('HR gets the card with the counts', async () => {
    const answer = await h.click(HR_EMAIL, 'round.refresh', { roundId });
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(answer.value), /Sendt 3/);
  });
});

describe('the core task comes first', function () {
  this.timeout(60_000);
  let h: RolloutHarness;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
  });
  after(async () => h.close());

  it('step 1 cannot be launched while the core task is empty: HR is told where to write it, nothing is sent', async () => {
    const org = (await h.storage.repositories.organisations.get(DEV_ORG_ID))!;
    await h.storage.repositories.organisations.update({ ...org.value, coreTask: ' ' }, org.etag);
    assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
    const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
    const refused = await h.click(HR_EMAIL, 'round.launchStep', { roundId: round!.id, step: 1 });
    assert.equal(refused.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(refused.value), /kerneopgave/);
    await h.drain();
    assert.equal(roundStep(await roundOf(h.storage, round!.id), 1).launchedAt, undefined);
    assert.equal((await h.storage.deliveries.list(DEV_ORG_ID, round!.id, 1)).length, 0);

    const now = (await h.storage.repositories.organisations.get(DEV_ORG_ID))!;
    await h.storage.repositories.organisations.update(
      { ...now.value, coreTask: 'Vi leverer rent vand.' },
      now.etag,
    );
    const launched = await h.click(HR_EMAIL, 'round.launchStep', { roundId: round!.id, step: 1 });
    assert.equal(launched.type, 'application/vnd.microsoft.card.adaptive');
    await h.drain();
    assert.equal((await h.storage.deliveries.list(DEV_ORG_ID, round!.id, 1)).length, 3);
  });
});
