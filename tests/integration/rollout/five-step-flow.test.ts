import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import type { Round } from '../../../bot/mus/round.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_CHANNEL,
  HR_EMAIL,
  startRolloutHarness,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const LEADER = 'mette.kjaer@vandvaerk.example';
const EMPLOYEE = 'ole.frederiksen@vandvaerk.example';

/** Cards the fake Teams received in each person's 1:1 chat, by email. */
function personalCards(h: RolloutHarness): Map<string, Record<string, unknown>[]> {
  const byUser = new Map<string, string>();
  for (const c of h.fake.createdConversations()) byUser.set(c.id, c.memberIds[0] ?? '');
  const result = new Map<string, Record<string, unknown>[]>();
  for (const sent of h.fake.activities()) {
    const userId = byUser.get(sent.conversationId);
    if (!userId) continue;
    const email = userId.replace(/^29:/, '');
    const attachments = (sent.activity.attachments ?? []) as { content: Record<string, unknown> }[];
    result.set(email, [...(result.get(email) ?? []), ...attachments.map((a) => a.content)]);
  }
  return result;
}

async function currentRound(h: RolloutHarness): Promise<Round> {
  const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
  assert.ok(round, 'a round exists');
  return round;
}

describe('HR runs a MUS round from a Teams channel', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let leaders: string[];
  let employees: string[];

  before(async () => {
    h = await startRolloutHarness();
    leaders = h.people.filter((p) => p.roles.includes('leader')).map((p) => p.email);
    employees = h.people
      .filter((p) => p.roles.includes('employee') && p.leaderEmail)
      .map((p) => p.email);
    assert.equal(leaders.length, 3);
    assert.equal(employees.length, 28);
  });
  after(async () => h.close());

  it('learns the Teams ids of the roster when the bot is added to the team', async () => {
    await h.installInTeam();
    const hr = await h.storage.repositories.people.get(DEV_ORG_ID, HR_EMAIL);
    assert.equal(hr?.value.teams?.userId, teamsUserId(HR_EMAIL));
    const all = await h.storage.repositories.people.list(DEV_ORG_ID);
    assert.equal(all.filter((p) => p.teams?.userId).length, 29);
  });

  it('refuses a new round from someone who is not HR, politely and in Danish', async () => {
    assert.equal(await h.say(EMPLOYEE, 'ny runde Hemmelig'), 200);
    assert.equal((await h.storage.repositories.rounds.list(DEV_ORG_ID)).length, 0);
    const reply = h.fake.sentTo(`${HR_CHANNEL};messageid=1`).at(-1);
    assert.match(String(reply?.activity.text), /kun HR/);
  });

  it('posts a round card with the five steps when HR writes "ny runde"', async () => {
    assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
    const round = await currentRound(h);
    assert.equal(round.name, 'MUS 2027');
    assert.ok(round.announcement, 'the posted card is remembered for updates');
    const posted = h.fake.activity(round.announcement.activityId);
    const card = (posted?.activity.attachments as { content: unknown }[])[0]!.content;
    assertValidCard(card);
    const text = cardText(card);
    for (const name of [
      'Informér lederne',
      'Informér medarbejderne',
      'Send MUS-skema',
      'Hold samtalerne',
      'Evaluér MUS',
    ]) {
      assert.ok(text.includes(name), `round card names ${name}`);
    }
  });

  it('refuses a launch by someone who is not HR and sends nothing', async () => {
    const round = await currentRound(h);
    const response = await h.click(LEADER, 'round.launchStep', { roundId: round.id, step: 1 });
    assert.equal(response.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(response.value), /kun HR/);
    await h.drain();
    assert.equal(personalCards(h).size, 0);
  });

  it("step 1 sends every leader exactly one briefing with HR's contact person, even when launched twice", async () => {
    const org = await h.storage.repositories.organisations.get(DEV_ORG_ID);
    assert.ok(org);
    await h.storage.repositories.organisations.update(
      { ...org.value, hrContact: { name: 'Lone Hvid', email: HR_EMAIL } },
      org.etag,
    );
    const round = await currentRound(h);
    const first = await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 1 });
    assert.equal(first.type, 'application/vnd.microsoft.card.adaptive');
    assertValidCard(first.value);
    await h.drain();
    const again = await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 1 });
    assert.equal(again.type, 'application/vnd.microsoft.card.adaptive');
    await h.drain();
    const cards = personalCards(h);
    assert.deepEqual([...cards.keys()].sort(), [...leaders].sort());
    for (const leader of leaders) {
      assert.equal(cards.get(leader)?.length, 1, `${leader} got one card`);
      assertValidCard(cards.get(leader)![0]);
      assert.match(cardText(cards.get(leader)![0]), /ledelsesteamet/);
      assert.match(cardText(cards.get(leader)![0]), /Din kontakt i HR[\s\S]*Lone Hvid/);
    }
  });

  it('two HR clicks on step 2 at the same moment send one invitation per employee', async () => {
    const round = await currentRound(h);
    const before = personalCards(h);
    await Promise.all([
      h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 2 }),
      h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 2 }),
    ]);
    await h.drain();
    const after = personalCards(h);
    for (const employee of employees) {
      const added = (after.get(employee)?.length ?? 0) - (before.get(employee)?.length ?? 0);
      assert.equal(added, 1, `${employee} got one invitation`);
    }
    const stored = await currentRound(h);
    assert.ok(stored.steps[1]?.launchedAt);
  });

  it('step 3 creates each employee’s skema and delivers it in the leader’s name', async () => {
    const round = await currentRound(h);
    await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 3 });
    await h.drain();
    const skemas = await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, round.id);
    assert.equal(skemas.length, 28);
    const ole = personalCards(h).get(EMPLOYEE)!;
    const skemaCard = ole.at(-1)!;
    assertValidCard(skemaCard);
    assert.match(cardText(skemaCard), /Sendt af/);
    assert.match(JSON.stringify(skemaCard), /skema\.submit/);
  });

  it('step 4 gives each leader their team with preparation status, and employees a reminder', async () => {
    const round = await currentRound(h);
    await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 4 });
    await h.drain();
    const mette = personalCards(h).get(LEADER)!.at(-1)!;
    assertValidCard(mette);
    assert.match(cardText(mette), /har forberedt sig/);
    assert.ok(cardText(mette).includes(HR_EMAIL), 'the leader knows whom in HR to ask');
    const ole = personalCards(h).get(EMPLOYEE)!.at(-1)!;
    assert.match(cardText(ole), /Din MUS nærmer sig/);
  });

  it('step 5 sends the evaluation to leaders and employees, once each', async () => {
    const round = await currentRound(h);
    const before = personalCards(h);
    await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 5 });
    await h.drain();
    const after = personalCards(h);
    const everyone = new Set([...leaders, ...employees]);
    for (const email of everyone) {
      const added = after.get(email)!.slice(before.get(email)?.length ?? 0);
      assert.equal(added.length, 1, `${email} got one evaluation`);
      assert.match(JSON.stringify(added[0]), /evaluation\.submit/);
    }
  });

  it('keeps the round card in the channel up to date with the delivery counts', async () => {
    const round = await currentRound(h);
    await h.rollout.services.announcer.updateNow(DEV_ORG_ID, round.id);
    const posted = h.fake.activity(round.announcement!.activityId)!;
    assert.ok(posted.updates > 0, 'the card was updated in place');
    const text = cardText((posted.activity.attachments as { content: unknown }[])[0]!.content);
    assert.match(text, /Sendt 3 · i kø 0 · fejlet 0 · venter på appen 0/);
    assert.match(text, /Sendt 28 /);
  });

  it('answers "status" with the newest round and its progress', async () => {
    await h.say(HR_EMAIL, 'status');
    const reply = h.fake.sentTo(`${HR_CHANNEL};messageid=1`).at(-1)!;
    const card = (reply.activity.attachments as { content: unknown }[])[0]!.content;
    assertValidCard(card);
    assert.match(cardText(card), /MUS 2027/);
  });
});
