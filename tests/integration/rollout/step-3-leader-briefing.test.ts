import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  TEAM_ID,
  startRolloutHarness,
  teamMemberOf,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const LATE = 'ole.frederiksen@vandvaerk.example';
const METTE = 'mette.kjaer@vandvaerk.example';

describe('step 3 tells each leader that the skemas went out in their name', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let roundId: string;
  /** Storage reads of skemas while step 3's cards went out. */
  const step3Reads = { skemaReads: 0, talkListings: 0 };

  /** The step-3 briefing cards Teams received for `email`, as text. */
  const briefings = (email: string): string[] =>
    h.fake
      .activities()
      .filter(
        (a) => (a.activity.recipient as { id?: string } | undefined)?.id === teamsUserId(email),
      )
      .flatMap((a) => (a.activity.attachments ?? []) as { content: unknown }[])
      .map((x) => x.content)
      .filter((card) => /er sendt i dit navn/.test(cardText(card)))
      .map((card) => {
        assertValidCard(card);
        return cardText(card);
      });

  before(async () => {
    h = await startRolloutHarness();
    // Ole is not in the team when the bot reads it: he waits for the app.
    h.fake.setMembers(TEAM_ID, h.people.filter((p) => p.email !== LATE).map(teamMemberOf));
    const org = (await h.storage.repositories.organisations.get(DEV_ORG_ID))!;
    await h.storage.repositories.organisations.update(
      { ...org.value, hrContact: { name: 'Lone Hvid', email: HR_EMAIL } },
      org.etag,
    );
    await h.installInTeam();
    await h.say(HR_EMAIL, 'ny runde MUS 2027');
    roundId = (await h.storage.repositories.rounds.list(DEV_ORG_ID))[0]!.id;
    for (const step of [1, 2, 3]) {
      // Counted, not changed: the real repository answers every call.
      const skemas = h.storage.repositories.skemas;
      const get = step === 3 ? sinon.spy(skemas, 'get') : undefined;
      const listings = step === 3 ? sinon.spy(skemas, 'listTalkRecords') : undefined;
      await h.click(HR_EMAIL, 'round.launchStep', { roundId, step });
      await h.drain();
      step3Reads.skemaReads += get?.callCount ?? 0;
      step3Reads.talkListings += listings?.callCount ?? 0;
      get?.restore();
      listings?.restore();
    }
  });
  after(async () => h.close());

  it('the leader hears who has the skema in their chat, who waits for the app, and whom in HR to ask', () => {
    const cards = briefings(METTE);
    assert.equal(cards.length, 1);
    const [card] = cards;
    assert.match(card!, /MUS-skemaerne er sendt i dit navn/);
    assert.match(card!, /Venter på appen[^]*Ole Frederiksen[^]*Har appen og får skemaet i chatten/);
    assert.match(card!, /Jens Madsen/);
    assert.match(card!, /Din kontakt i HR[^]*Lone Hvid/);
  });

  it('every leader of someone with a skema gets one, and nobody else', async () => {
    const skemas = await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, roundId);
    const leaders = new Set(skemas.map((s) => s.leaderEmail));
    const rows = (await h.storage.deliveries.list(DEV_ORG_ID, roundId, 3)).filter(
      (d) => d.audience === 'briefing',
    );
    assert.deepEqual(rows.map((r) => r.recipientEmail).sort(), [...leaders].sort());
    assert.ok(rows.every((r) => r.status === 'sent'));
  });

  it('the briefings cost one listing of the round, not a read of every employee’s skema', async () => {
    const skemas = await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, roundId);
    const sentCards = (await h.storage.deliveries.list(DEV_ORG_ID, roundId, 3)).filter(
      (d) => d.audience === 'employee' && d.status === 'sent',
    );
    assert.ok(new Set(skemas.map((s) => s.leaderEmail)).size > 1, 'several leaders');
    // Each employee's own card reads their skema (for its version); the leaders' cards read none.
    assert.equal(step3Reads.skemaReads, sentCards.length);
    assert.equal(step3Reads.talkListings, 1);
  });

  it('HR’s count of step 3 is the skemas alone', async () => {
    const counts = await h.storage.deliveries.counts(DEV_ORG_ID, roundId, 3);
    const skemas = await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, roundId);
    assert.equal(counts.sent + counts.waiting + counts.pending + counts.failed, skemas.length);
    assert.equal(counts.waiting, 1);
  });
});
