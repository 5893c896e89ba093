import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { newAgreement } from '../../../bot/mus/agreement.js';
import { roundStep, type Round } from '../../../bot/mus/round.js';
import { acknowledge, finalise, startTalk } from '../../../bot/mus/skema.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const SOREN = 'soren.dahl@vandvaerk.example';
const PERNILLE = 'pernille.krogh@vandvaerk.example';
const LARS = 'lars.christensen@vandvaerk.example';
const DAY_MS = 86_400_000;

type Card = Record<string, unknown>;

describe('the round’s follow-through: overdue talks, summaries not acknowledged, the follow-up date', function () {
  this.timeout(90_000);
  let h: RolloutHarness;
  let round: Round;
  /** The end of the talks' deadline day. */
  let deadline: Date;

  /** The follow-through cards Teams received for `email`, as text, oldest first. */
  const followUps = (email: string): string[] =>
    h.fake
      .activities()
      .filter((a) => JSON.stringify(a.activity.recipient ?? {}).includes(email))
      .flatMap((a) => ((a.activity.attachments ?? []) as { content: Card }[]).map((x) => x.content))
      .filter((card) =>
        /Samtaler, der mangler|Opsamlingen venter|Tid til opfølgning/.test(cardText(card)),
      )
      .map((card) => {
        assertValidCard(card);
        return cardText(card);
      });
  const followupRows = async () =>
    (await h.storage.deliveries.list(DEV_ORG_ID, round.id, 4)).filter(
      (d) => d.audience === 'followup',
    );
  const skema = async (email: string) =>
    (await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, email))!;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    await h.say(HR_EMAIL, 'ny runde MUS 2027');
    round = (await h.storage.repositories.rounds.list(DEV_ORG_ID))[0]!;
    for (const step of [1, 2, 3, 4]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step });
      await h.drain();
    }
    // The round ran in the autumn: its dates lie behind us, so cards planned for them are due now.
    const stored = (await h.storage.repositories.rounds.get(DEV_ORG_ID, round.id))!;
    const deadlines = ['2026-08-20', '2026-08-27', '2026-09-03', '2026-09-30', '2026-10-14'];
    round = {
      ...stored.value,
      steps: stored.value.steps.map((s, i) => ({ ...s, deadline: deadlines[i]! })),
    };
    await h.storage.repositories.rounds.update(round, stored.etag);
    deadline = new Date(`${roundStep(round, 4).deadline}T23:59:59Z`);
  });
  after(async () => h.close());

  it('before the talks’ deadline no leader is reminded', async () => {
    await h.rollout.remindNow(new Date(deadline.getTime() - DAY_MS));
    assert.deepEqual(await followupRows(), []);
  });

  it('after the deadline each leader with talks not held gets one card naming them, however often the job runs', async () => {
    const after = new Date(deadline.getTime() + 60_000);
    assert.ok((await h.rollout.remindNow(after)) > 0);
    assert.equal(await h.rollout.remindNow(new Date(after.getTime() + 3_600_000)), 0);
    await h.drain();

    const cards = followUps(SOREN);
    assert.equal(cards.length, 1);
    assert.match(cards[0]!, /Samtaler, der mangler/);
    assert.match(cards[0]!, /Pernille Krogh/);
    assert.match(cards[0]!, /Lars Christensen/);
    const rows = await followupRows();
    assert.ok(rows.every((r) => r.subject === 'talks-not-held' && r.status === 'sent'));
    // Reminders are not the step's own cards: HR's counts of step 4 leave them out.
    const own = (await h.storage.deliveries.list(DEV_ORG_ID, round.id, 4)).filter(
      (d) => d.audience === 'leader' || d.audience === 'employee',
    );
    const counts = await h.storage.deliveries.counts(DEV_ORG_ID, round.id, 4);
    assert.equal(counts.sent + counts.pending + counts.failed, own.length);
  });

  it('a week after the talk was finalised, an employee who has not acknowledged is reminded once; one who has, is not', async () => {
    const finalisedAt = new Date(deadline.getTime() + 2 * DAY_MS);
    const followUpDate = new Date(finalisedAt.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
    for (const email of [PERNILLE, LARS]) {
      const before = await skema(email);
      let next = startTalk(before.value, { by: SOREN, now: finalisedAt });
      next = finalise(next, { by: SOREN, now: finalisedAt, followUpDate });
      await h.storage.repositories.skemas.update(next, before.etag);
    }
    const lars = await skema(LARS);
    await h.storage.repositories.skemas.update(
      acknowledge(lars.value, { by: LARS, now: finalisedAt }),
      lars.etag,
    );

    await h.rollout.remindNow(new Date(finalisedAt.getTime() + 6 * DAY_MS));
    await h.drain();
    assert.deepEqual(followUps(PERNILLE), []);
    await h.rollout.remindNow(new Date(finalisedAt.getTime() + 7 * DAY_MS + 60_000));
    await h.rollout.remindNow(new Date(finalisedAt.getTime() + 8 * DAY_MS));
    await h.drain();

    const cards = followUps(PERNILLE);
    assert.equal(cards.length, 1);
    assert.match(cards[0]!, /Opsamlingen venter på dig/);
    assert.match(cards[0]!, /Søren Dahl afsluttede jeres samtale/);
    assert.deepEqual(followUps(LARS), []);
  });

  it('on the follow-up date the leader gets a card with the agreements not yet done', async () => {
    const date = (await skema(PERNILLE)).value.followUpDate!;
    await h.storage.repositories.agreements.add(
      newAgreement({
        orgId: DEV_ORG_ID,
        roundId: round.id,
        employeeEmail: PERNILLE,
        id: 'a-kursus',
        what: 'Kursus i kundedialog',
        ownerEmail: PERNILLE,
        dueDate: date,
        now: new Date(`${date}T08:00:00Z`),
      }),
    );
    const onTheDay = new Date(`${date}T07:00:00Z`);
    const sorenBefore = followUps(SOREN).length;
    await h.rollout.remindNow(new Date(onTheDay.getTime() - DAY_MS));
    await h.drain();
    assert.equal(followUps(SOREN).length, sorenBefore, 'not the day before');

    await h.rollout.remindNow(onTheDay);
    await h.drain();
    const cards = followUps(SOREN).slice(sorenBefore);
    assert.equal(cards.length, 2, 'one per employee whose follow-up date it is');
    const pernille = cards.find((c) => c.includes('Pernille Krogh'));
    assert.ok(pernille);
    assert.match(pernille, /Tid til opfølgning/);
    assert.match(pernille, /Kursus i kundedialog/);
  });

  it('a reminder that is no longer due when its turn comes is not sent', async () => {
    // Pernille's follow-up date moves: the reminder planned for the old date goes nowhere.
    const pernille = await skema(PERNILLE);
    const oldDate = pernille.value.followUpDate!;
    const plannedAt = new Date(`${oldDate}T07:00:00Z`);
    const rows = (await followupRows()).filter((r) => r.subject?.startsWith('follow-up'));
    assert.ok(rows.length > 0);
    const movedDate = new Date(plannedAt.getTime() + 14 * DAY_MS).toISOString().slice(0, 10);
    await h.storage.repositories.skemas.update(
      { ...pernille.value, followUpDate: movedDate },
      pernille.etag,
    );
    const sorenBefore = followUps(SOREN).length;
    // The reminder for the old date is still in the queue when the date moves (put back here).
    const rerun = rows.find((r) => r.subject === `follow-up ${PERNILLE} ${oldDate}`)!;
    await h.storage.deliveries.remove([rerun]);
    await h.storage.deliveries.plan([{ ...rerun, status: 'pending', attempts: 0 }]);
    await h.drain();

    assert.equal(followUps(SOREN).length, sorenBefore);
    const row = (await followupRows()).find((r) => r.subject === rerun.subject);
    assert.equal(row?.lastError?.code, 'no_longer_due');
  });
});
