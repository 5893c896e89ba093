import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import type { Round } from '../../../bot/mus/round.js';
import { saveAnswers } from '../../../bot/mus/skema.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

/*
 * A GRUS round driven from HR's channel over the fake Bot Connector: step 3 gives every member their
 * own skema and each team one group talk; step 4 tells each leader it is a group talk, how many have
 * prepared, and links to the group view in the tab.
 */

const LEADER = 'soren.dahl@vandvaerk.example';
const MEMBER = 'pernille.krogh@vandvaerk.example';

function lastCardTo(h: RolloutHarness, email: string): Record<string, unknown> | undefined {
  const conversation = h.fake
    .createdConversations()
    .find((c) => c.memberIds[0] === `29:${email}`)?.id;
  const sent = h.fake.activities().filter((a) => a.conversationId === conversation);
  const attachments = (sent.at(-1)?.activity.attachments ?? []) as {
    content: Record<string, unknown>;
  }[];
  return attachments[0]?.content;
}

describe('a GRUS round: one group talk per team', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let round: Round;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    assert.equal(await h.say(HR_EMAIL, 'ny runde GRUS Teamsamtaler 2026'), 200);
    const found = (await h.storage.repositories.rounds.list(DEV_ORG_ID)).find(
      (r) => r.kind === 'GRUS',
    );
    assert.ok(found);
    round = found;
    for (const step of [1, 2]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step });
      await h.drain();
    }
  });
  after(async () => h.close());

  it('step 3 sends every member their own skema and makes each team’s group talk once', async () => {
    await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 3 });
    await h.drain();
    const skemas = await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, round.id);
    assert.equal(skemas.length, 28);
    const talks = await h.storage.repositories.groupTalks.listByRound(DEV_ORG_ID, round.id);
    const leaders = [...new Set(skemas.map((s) => s.leaderEmail))].sort();
    assert.deepEqual(talks.map((t) => t.value.leaderEmail).sort(), leaders);
    const soren = talks.find((t) => t.value.leaderEmail === LEADER)!.value;
    assert.deepEqual(
      soren.members,
      skemas
        .filter((s) => s.leaderEmail === LEADER)
        .map((s) => s.employeeEmail)
        .sort(),
    );
    assert.deepEqual(soren.departments, ['Kundeservice']);
    assert.equal(soren.status, 'sent');
    assert.deepEqual(soren.template, round.template);
    // The member's own skema card is the usual one: they prepare in chat as in any round.
    assert.match(JSON.stringify(lastCardTo(h, MEMBER)), /skema\.submit/);

    // A launch that runs again (e.g. retried) finds the talks there and leaves them alone.
    const stored = (await h.storage.repositories.rounds.get(DEV_ORG_ID, round.id))!.value;
    const { sendSkema } = await import('../../../bot/rollout/steps/step-3-send-skema.js');
    await sendSkema.prepare!(h.storage.repositories, stored, h.people, new Date());
    const again = await h.storage.repositories.groupTalks.listByRound(DEV_ORG_ID, round.id);
    assert.deepEqual(
      again.map((t) => t.etag).sort(),
      talks.map((t) => t.etag).sort(),
      'nothing rewritten',
    );
  });

  it('step 4 tells the leader it is a group talk, counts who has prepared and links to the group view', async () => {
    const stored = await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, MEMBER);
    assert.ok(stored);
    await h.storage.repositories.skemas.update(
      saveAnswers(
        stored.value,
        { kerneopgaven: 'Vi svarer samme dag.' },
        {
          submit: true,
          by: MEMBER,
          now: new Date(),
        },
      ),
      stored.etag,
      stored.value,
    );
    await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 4 });
    await h.drain();
    const card = lastCardTo(h, LEADER);
    assert.ok(card);
    assertValidCard(card);
    const text = cardText(card);
    assert.match(text, /gruppesamtale/i);
    assert.match(text, /1 af 8 i teamet har forberedt sig/);
    const json = JSON.stringify(card);
    assert.match(json, /Åbn gruppesamtalen/);
    assert.ok(
      json.includes(encodeURIComponent(`group:${round.id}:${LEADER}`)),
      'the button opens the group talk in the tab',
    );
  });
});
