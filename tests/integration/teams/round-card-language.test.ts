import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

describe("HR's round card speaks the language of the HR person looking at it", function () {
  this.timeout(60_000);
  let h: RolloutHarness;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
  });
  after(async () => h.close());

  it('a round created by an English-speaking HR person stays English when the card is updated in place; a Danish refresh is Danish', async () => {
    assert.equal(await h.say(HR_EMAIL, 'new round MUS 2027', 'en-US'), 200);
    const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
    assert.equal(round?.announcement?.locale, 'en');
    await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step: 1 }, 'channel', 'en-US');
    await h.drain();
    await h.rollout.services.announcer.updateNow(DEV_ORG_ID, round.id);
    const updates = h.fake.requests({ route: 'updateActivity' });
    assert.ok(updates.length > 0, 'the posted card was updated in place');
    const last = updates.at(-1)!.body as { attachments: { content: unknown }[] };
    const text = cardText(last.attachments[0]!.content);
    assert.match(text, /Sent 3/);
    assert.doesNotMatch(text, /Sendt/);

    const refresh = h.click(
      HR_EMAIL,
      'round.refresh',
      { roundId: round.id, lang: 'en' },
      'channel',
    );
    const danish = await refresh;
    assert.match(cardText(danish.value), /Sendt 3/, 'the refresh answers in the viewer’s language');
    const card = danish.value as { refresh?: { userIds?: string[] } };
    assert.deepEqual(card.refresh?.userIds, [teamsUserId(HR_EMAIL)], 'refreshed per HR user');
  });
});
