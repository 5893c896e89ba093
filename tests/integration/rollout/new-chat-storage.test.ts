import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DEV_ORG_ID } from '../../../bot/config.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

/*
 * A 1:1 chat the bot creates for a card is stored while the card is sent, not before it: the send
 * does not wait for that write. When the write fails, the card still goes out once, and the next card
 * to that person finds (or creates again) their chat: nobody is lost.
 */

describe('a new 1:1 chat whose storing fails', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let roundId: string;
  let unlucky: string;
  /** Cards each person had before step 2 (a leader who is also an employee had step 1's). */
  let cardsBefore: (email: string) => number;

  /** Cards Teams received for `email`. */
  const cardsTo = (email: string): number =>
    h.fake
      .activities()
      .filter(
        (a) => (a.activity.recipient as { id?: string } | undefined)?.id === teamsUserId(email),
      ).length;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    await h.say(HR_EMAIL, 'ny runde MUS 2027');
    roundId = (await h.storage.repositories.rounds.list(DEV_ORG_ID))[0]!.id;
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 1 });
    await h.drain();
    // Step 2 creates the employees' 1:1 chats; storing the first one fails (a fault, not a fake:
    // every other write goes to the real table).
    const sentBefore = h.fake.activities();
    cardsBefore = (email) =>
      sentBefore.filter(
        (a) => (a.activity.recipient as { id?: string } | undefined)?.id === teamsUserId(email),
      ).length;
    const conversations = h.storage.repositories.conversations;
    const put = sinon.stub(conversations, 'put').callThrough();
    put.onFirstCall().callsFake((conversation) => {
      unlucky = conversation.personEmail ?? '';
      return Promise.reject(new Error('storage unavailable'));
    });
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 2 });
    await h.drain();
    put.restore();
  });
  after(async () => h.close());

  it('the card whose chat could not be stored still reached its person, once', async () => {
    assert.ok(unlucky, 'a chat was created in step 2');
    const row = (await h.storage.deliveries.list(DEV_ORG_ID, roundId, 2)).find(
      (d) => d.recipientEmail === unlucky,
    );
    assert.equal(row?.status, 'sent');
    assert.equal(cardsTo(unlucky) - cardsBefore(unlucky), 1);
    assert.equal(
      await h.storage.repositories.conversations.getPersonal(DEV_ORG_ID, unlucky),
      undefined,
    );
  });

  it('every other new chat was stored', async () => {
    const employees = (await h.storage.deliveries.list(DEV_ORG_ID, roundId, 2)).filter(
      (d) => d.recipientEmail !== unlucky,
    );
    assert.ok(employees.length > 5);
    for (const row of employees) {
      assert.ok(
        await h.storage.repositories.conversations.getPersonal(DEV_ORG_ID, row.recipientEmail),
        `${row.recipientEmail}'s chat is stored`,
      );
    }
  });

  it('the next step reaches that person too', async () => {
    const afterStep2 = cardsTo(unlucky);
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 3 });
    await h.drain();
    const row = (await h.storage.deliveries.list(DEV_ORG_ID, roundId, 3)).find(
      (d) => d.recipientEmail === unlucky && d.audience === 'employee',
    );
    assert.equal(row?.status, 'sent');
    // Their skema card (and, for a leader, the briefing about their team).
    assert.ok(cardsTo(unlucky) > afterStep2);
  });
});
