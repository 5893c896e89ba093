import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { newAgreement } from '../../../bot/mus/agreement.js';
import { defaultTemplateFor } from '../../../bot/mus/default-template.js';
import type { Round } from '../../../bot/mus/round.js';
import { readSkema } from '../../../bot/skema/read-skema.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const EMPLOYEE = 'ole.frederiksen@vandvaerk.example';
const LEADER = 'mette.kjaer@vandvaerk.example';
const MIDDLE_LEADERS = ['anja.holm@vandvaerk.example', 'soren.dahl@vandvaerk.example'];

describe('the next round opens with last round’s agreements, and LUS rounds go to leaders', function () {
  this.timeout(90_000);
  let h: RolloutHarness;

  const rounds = () => h.storage.repositories.rounds.list(DEV_ORG_ID);
  const launchOneToThree = async (round: Round): Promise<void> => {
    for (const step of [1, 2, 3]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step });
      await h.drain();
    }
  };
  /** Skema cards delivered for `roundId`, by employee. */
  const skemaCards = (roundId: string): Map<string, unknown> => {
    const cards = new Map<string, unknown>();
    for (const a of h.fake.activities()) {
      for (const { content } of (a.activity.attachments ?? []) as { content: unknown }[]) {
        const submit = (
          content as { actions?: { verb?: string; data?: Record<string, string> }[] }
        ).actions?.find((x) => x.verb === 'skema.submit');
        if (submit?.data?.roundId === roundId) cards.set(submit.data.employeeEmail!, content);
      }
    }
    return cards;
  };

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
  });
  after(async () => h.close());

  it('a new MUS round copies each employee’s previous agreements and their status into the new skema', async () => {
    await h.say(HR_EMAIL, 'ny runde MUS 2025');
    const first = (await rounds())[0]!;
    await launchOneToThree(first);
    const made = new Date('2025-03-01T09:00:00Z');
    const add = (id: string, what: string, ownerEmail: string, dueDate: string) =>
      h.storage.repositories.agreements.add(
        newAgreement({
          orgId: DEV_ORG_ID,
          roundId: first.id,
          employeeEmail: EMPLOYEE,
          id,
          what,
          ownerEmail,
          dueDate,
          now: made,
        }),
      );
    const done = await add('a1', 'Lære det nye SCADA-system', EMPLOYEE, '2025-06-01');
    await h.storage.repositories.agreements.update({ ...done.value, status: 'done' }, done.etag);
    await add('a2', 'Finde en makker i vagtplanen', LEADER, '2025-09-01');

    await h.say(HR_EMAIL, 'ny runde MUS 2026');
    const second = (await rounds()).find((r) => r.id !== first.id)!;
    await launchOneToThree(second);

    const skema = (await h.storage.repositories.skemas.get(DEV_ORG_ID, second.id, EMPLOYEE))!;
    assert.deepEqual(
      skema.value.followUp?.map((f) => [f.what, f.status, f.dueDate, f.fromRoundId]),
      [
        ['Lære det nye SCADA-system', 'done', '2025-06-01', first.id],
        ['Finde en makker i vagtplanen', 'open', '2025-09-01', first.id],
      ],
    );
    const others = await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, second.id);
    assert.ok(
      others.filter((s) => s.employeeEmail !== EMPLOYEE).every((s) => s.followUp === undefined),
      'nobody else gets Ole’s agreements',
    );

    const card = skemaCards(second.id).get(EMPLOYEE);
    assert.ok(card, 'the new skema card was delivered');
    assertValidCard(card);
    assert.match(cardText(card), /Opfølgning fra sidst/);
    assert.match(cardText(card), /Lære det nye SCADA-system — 1\. juni 2025 \(Gennemført\)/);

    const leader = (await h.storage.repositories.people.get(DEV_ORG_ID, LEADER))!.value;
    const view = await readSkema(h.skemaServices, leader, {
      roundId: second.id,
      employeeEmail: EMPLOYEE,
    });
    assert.equal(view.followUp.length, 2);
    assert.equal(view.followUp[1]!.status, 'open');
  });

  it('later changes to an old agreement do not change the copy in the new skema', async () => {
    const [second, first] = await rounds();
    const a2 = (await h.storage.repositories.agreements.get(
      DEV_ORG_ID,
      first!.id,
      EMPLOYEE,
      'a2',
    ))!;
    await h.storage.repositories.agreements.update({ ...a2.value, status: 'done' }, a2.etag);
    const skema = (await h.storage.repositories.skemas.get(DEV_ORG_ID, second!.id, EMPLOYEE))!;
    assert.equal(skema.value.followUp?.[1]?.status, 'open');
  });

  it('"ny runde LUS" makes a leader round with the LUS template', async () => {
    assert.equal(await h.say(HR_EMAIL, 'ny runde LUS Ledere 2026'), 200);
    const lus = (await rounds()).find((r) => r.kind === 'LUS');
    assert.ok(lus, 'a LUS round exists');
    assert.equal(lus.name, 'Ledere 2026');
    assert.deepEqual(lus.template, defaultTemplateFor('LUS'));
  });

  it('step 3 of a LUS round sends skemas to the leaders who have a leader, held with that leader', async () => {
    const lus = (await rounds()).find((r) => r.kind === 'LUS')!;
    await launchOneToThree(lus);
    const skemas = await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, lus.id);
    assert.deepEqual(skemas.map((s) => s.employeeEmail).sort(), MIDDLE_LEADERS);
    assert.ok(skemas.every((s) => s.leaderEmail === LEADER));
    assert.ok(
      skemas.every((s) => s.followUp === undefined),
      'no earlier LUS round to follow up',
    );
    const cards = skemaCards(lus.id);
    assert.deepEqual([...cards.keys()].sort(), MIDDLE_LEADERS);
    assert.match(cardText(cards.get(MIDDLE_LEADERS[0]!)), /Kerneopgaven og din ledelse/);
    const step3 = await h.storage.deliveries.list(DEV_ORG_ID, lus.id, 3);
    const to = (audience: string) =>
      step3.filter((d) => d.audience === audience).map((d) => d.recipientEmail);
    assert.deepEqual(to('employee').sort(), MIDDLE_LEADERS);
    // Their own leader hears that the LUS skemas went out in her name.
    assert.deepEqual(to('briefing'), [LEADER]);
  });

  it('"ny runde GRUS" makes a group round with the GRUS template', async () => {
    await h.say(HR_EMAIL, 'ny runde GRUS Drift 2026');
    const grus = (await rounds()).find((r) => r.kind === 'GRUS');
    assert.ok(grus);
    assert.deepEqual(grus.template, defaultTemplateFor('GRUS'));
  });
});
