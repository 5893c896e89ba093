import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { newAgreement } from '../../../bot/mus/agreement.js';
import type { Round } from '../../../bot/mus/round.js';
import { updateAgreement } from '../../../bot/skema/agreements.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type InvokeResponse,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const OWNER = 'ole.frederiksen@vandvaerk.example';
const LEADER = 'mette.kjaer@vandvaerk.example';
const OUTSIDER = 'jens.madsen@vandvaerk.example';
const AGREEMENT_ID = 'a-scada';

type Card = Record<string, unknown> & {
  actions?: { verb?: string; data?: Record<string, unknown> }[];
};

/** The data of the card's button that sets `status`. */
function button(card: Card, status: string): Record<string, unknown> {
  const action = card.actions?.find(
    (a) => a.verb === 'agreement.setStatus' && a.data?.status === status,
  );
  assert.ok(action, `card has a button for ${status}`);
  return { ...action.data };
}

function cardOf(response: InvokeResponse): Card {
  assert.equal(
    response.type,
    'application/vnd.microsoft.card.adaptive',
    JSON.stringify(response.value),
  );
  assertValidCard(response.value);
  return response.value as Card;
}

describe('follow-up of agreements: reminders to the owner and status from the card', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let round: Round;

  /** The agreement cards the fake Teams received, oldest first. */
  const reminderCards = (): Card[] =>
    h.fake
      .activities()
      .flatMap((a) => ((a.activity.attachments ?? []) as { content: Card }[]).map((x) => x.content))
      .filter((c) => JSON.stringify(c).includes(`"agreementId":"${AGREEMENT_ID}"`));
  const stored = async () =>
    (await h.storage.repositories.agreements.get(DEV_ORG_ID, round.id, OWNER, AGREEMENT_ID))!;
  /** What a button for `status` on a card showing the current version would send. */
  const fresh = async (status: string): Promise<Record<string, unknown>> => ({
    ...button(reminderCards()[0]!, 'dropped'),
    status,
    etag: (await stored()).etag,
  });
  const person = async (email: string) =>
    (await h.storage.repositories.people.get(DEV_ORG_ID, email))!.value;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    await h.say(HR_EMAIL, 'ny runde MUS 2025');
    round = (await h.storage.repositories.rounds.list(DEV_ORG_ID))[0]!;
    for (const step of [1, 2, 3]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step });
      await h.drain();
    }
    await h.storage.repositories.agreements.add(
      newAgreement({
        orgId: DEV_ORG_ID,
        roundId: round.id,
        employeeEmail: OWNER,
        id: AGREEMENT_ID,
        what: 'Tage kurset i det nye SCADA-system',
        ownerEmail: OWNER,
        dueDate: '2025-09-15',
        now: new Date('2025-03-01T09:00:00Z'),
      }),
    );
  });
  after(async () => h.close());

  it('nothing is reminded while the due date is more than a week away', async () => {
    assert.equal(await h.rollout.remindNow(new Date('2025-09-07T08:00:00Z')), 0);
    await h.drain();
    assert.equal(reminderCards().length, 0);
  });

  it('a week before the due date the owner gets one reminder card, however often the job runs', async () => {
    assert.equal(await h.rollout.remindNow(new Date('2025-09-08T08:00:00Z')), 1);
    assert.equal(await h.rollout.remindNow(new Date('2025-09-08T09:00:00Z')), 0);
    await h.drain();
    assert.equal(await h.rollout.remindNow(new Date('2025-09-12T09:00:00Z')), 0);
    await h.drain();
    const cards = reminderCards();
    assert.equal(cards.length, 1);
    assertValidCard(cards[0]);
    assert.match(cardText(cards[0]), /Fristen for denne aftale er 15\. september 2025/);
    assert.match(cardText(cards[0]), /Tage kurset i det nye SCADA-system/);
    const rows = (await h.storage.deliveries.list(DEV_ORG_ID, round.id, 4)).filter(
      (d) => d.audience === 'agreement',
    );
    assert.deepEqual(
      rows.map((d) => [d.recipientEmail, d.status]),
      [[OWNER, 'sent']],
    );
  });

  it('agreement reminders are not counted as progress of step 4 on HR’s round card', async () => {
    const counts = await h.storage.deliveries.counts(DEV_ORG_ID, round.id, 4);
    assert.deepEqual(counts, { sent: 0, pending: 0, failed: 0, waiting: 0, notInstalled: 0 });
  });

  it('a changed due date is reminded again, once, a week before the new date', async () => {
    const current = await stored();
    await updateAgreement(
      h.skemaServices,
      await person(LEADER),
      { roundId: round.id, employeeEmail: OWNER },
      AGREEMENT_ID,
      { dueDate: '2025-09-22', etag: current.etag },
    );
    assert.equal(await h.rollout.remindNow(new Date('2025-09-14T09:00:00Z')), 0, 'not yet');
    assert.equal(await h.rollout.remindNow(new Date('2025-09-15T09:00:00Z')), 1);
    assert.equal(await h.rollout.remindNow(new Date('2025-09-16T09:00:00Z')), 0);
    await h.drain();
    const cards = reminderCards();
    assert.equal(cards.length, 2);
    assert.match(cardText(cards[1]), /22\. september 2025/);
  });

  it('the owner sets the status from the card and gets the updated card back', async () => {
    const card = reminderCards().at(-1)!;
    const updated = cardOf(
      await h.click(OWNER, 'agreement.setStatus', button(card, 'in-progress'), 'personal'),
    );
    assert.match(cardText(updated), /Status er nu: I gang/);
    assert.equal((await stored()).value.status, 'in-progress');
    // The new card carries the new ETag, so the next click works too.
    const done = cardOf(
      await h.click(OWNER, 'agreement.setStatus', button(updated, 'done'), 'personal'),
    );
    assert.match(cardText(done), /Status er nu: Gennemført/);
    assert.equal((await stored()).value.status, 'done');
  });

  it('a done agreement is no longer reminded', async () => {
    const current = await stored();
    await h.storage.repositories.agreements.update(
      { ...current.value, dueDate: '2025-10-01' },
      current.etag,
    );
    assert.equal(await h.rollout.remindNow(new Date('2025-09-28T09:00:00Z')), 0);
  });

  it('a click on a stale card changes nothing and shows the agreement as stored now', async () => {
    const before = await stored();
    const stale = button(reminderCards()[0]!, 'dropped');
    const card = cardOf(await h.click(OWNER, 'agreement.setStatus', stale, 'personal'));
    assert.match(cardText(card), /ændret et andet sted/);
    assert.equal((await stored()).etag, before.etag);
    assert.equal((await stored()).value.status, 'done');
  });

  it('the leader of the talk may set the status too', async () => {
    const card = cardOf(
      await h.click(LEADER, 'agreement.setStatus', await fresh('in-progress'), 'personal'),
    );
    assert.match(cardText(card), /Status er nu: I gang/);
    assert.equal((await stored()).value.status, 'in-progress');
  });

  it('anyone else is refused, sees nothing of the agreement, and nothing changes', async () => {
    const before = await stored();
    const response = await h.click(
      OUTSIDER,
      'agreement.setStatus',
      await fresh('done'),
      'personal',
    );
    assert.equal(response.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(response.value), /kun opdatere aftaler/);
    assert.doesNotMatch(String(response.value), /SCADA/);
    assert.equal((await stored()).etag, before.etag);
    assert.equal((await stored()).value.status, 'in-progress');
  });

  it('two agreements of one owner due the same week are both reminded', async () => {
    for (const id of ['b1', 'b2']) {
      await h.storage.repositories.agreements.add(
        newAgreement({
          orgId: DEV_ORG_ID,
          roundId: round.id,
          employeeEmail: OWNER,
          id,
          what: `Aftale ${id}`,
          ownerEmail: OWNER,
          dueDate: '2025-11-10',
          now: new Date('2025-03-01T09:00:00Z'),
        }),
      );
    }
    assert.equal(await h.rollout.remindNow(new Date('2025-11-05T09:00:00Z')), 2);
    await h.drain();
    const sent = h.fake
      .activities()
      .filter((a) => /"agreementId":"b[12]"/.test(JSON.stringify(a.activity.attachments ?? [])));
    assert.equal(sent.length, 2);
  });

  it('a malformed button payload is answered with a clear message', async () => {
    const response = await h.click(OWNER, 'agreement.setStatus', { roundId: round.id }, 'personal');
    assert.match(String(response.value), /kunne ikke læses/);
  });
});
