import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { EVALUATION_STATEMENTS } from '../../../bot/mus/evaluation.js';
import { RuleError } from '../../../bot/mus/errors.js';
import { closeRoundBy } from '../../../bot/rollout/close-round.js';
import { cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type InvokeResponse,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

/*
 * The attack: in a round with one or two real participants, people who took no part (HR, employees
 * in a leaders' round) answer the evaluation to push a group past five, HR closes it early, and the
 * real participants' answers are read by subtracting their own.
 */

const LEADER = 'soren.dahl@vandvaerk.example';
const EMPLOYEE = 'ole.frederiksen@vandvaerk.example';

function answers(score: string, comment?: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const s of EVALUATION_STATEMENTS) data[`score_${s.id}`] = score;
  if (comment) data.comment = comment;
  return data;
}

function textOf(response: InvokeResponse): string {
  return typeof response.value === 'string' ? response.value : cardText(response.value);
}

describe('the evaluation cannot be padded by people who took no part, nor closed early to read it', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let roundId: string;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    assert.equal(await h.say(HR_EMAIL, 'ny runde LUS Ledere 2027'), 200);
    const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
    roundId = round!.id;
    assert.equal(round!.kind, 'LUS');
    for (const step of [1, 2, 3, 4, 5]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId, step });
      await h.drain();
    }
  });
  after(async () => h.close());

  const submit = (email: string, data: Record<string, unknown>): Promise<InvokeResponse> =>
    h.click(email, 'evaluation.submit', { roundId, ...data }, 'personal');

  it('in a leaders’ round, an employee and HR cannot answer; nothing is stored', async () => {
    for (const outsider of [EMPLOYEE, HR_EMAIL]) {
      const text = textOf(await submit(outsider, answers('1', `padding fra ${outsider}`)));
      assert.match(text, /for ledere og medarbejdere, der har holdt MUS/, outsider);
    }
    assert.equal(await h.storage.repositories.evaluations.countAnswers(DEV_ORG_ID, roundId), 0);
  });

  it('a leader who had their talk answers', async () => {
    await submit(LEADER, answers('4', 'Godt at tale om kerneopgaven.'));
    assert.equal(await h.storage.repositories.evaluations.countAnswers(DEV_ORG_ID, roundId), 1);
  });

  it('HR cannot close the round while the evaluation is open and fewer than five have answered', async () => {
    const hr = (await h.storage.repositories.people.get(DEV_ORG_ID, HR_EMAIL))!.value;
    await assert.rejects(
      closeRoundBy(
        { repositories: h.storage.repositories, now: () => new Date() },
        { by: hr, roundId },
      ),
      (error: unknown) => error instanceof RuleError && /færre end 5/.test(error.userMessage.da),
    );
    const round = await h.storage.repositories.rounds.get(DEV_ORG_ID, roundId);
    assert.equal(round?.value.closedAt, undefined, 'the round is still open');
  });
});
