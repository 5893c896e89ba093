import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { AnswerTimeBlurrer } from '../../../bot/evaluation/blur-answer-times.js';
import { defaultTemplateFor } from '../../../bot/mus/default-template.js';
import type { EvaluationAnswer } from '../../../bot/mus/evaluation.js';
import { newOrganisation } from '../../../bot/mus/organisation.js';
import { newRound } from '../../../bot/mus/round.js';
import { isCounterRowKey } from '../../../bot/storage/sharded-counters.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { memoryLogger } from '../../helpers/memory-logger.js';

const ORG = 'vand';
const ROUND = 'mus-2027';
const PEOPLE = ['anna@vandvaerk.example', 'bo@vandvaerk.example', 'carl@vandvaerk.example'];

function answer(score: number): EvaluationAnswer {
  return {
    orgId: ORG,
    roundId: ROUND,
    id: 'ignored',
    respondentRole: 'employee',
    department: 'Drift',
    scores: { 'kerneopgave-i-centrum': score },
  };
}

/** Storage's own write time of each row of a table, for the round's rows. */
async function writeTimes(storage: TestStorage, role: 'evaluationAnswers' | 'evaluationReceipts') {
  const rows = await storage.rawEntities(role);
  return rows
    .filter((r) => !isCounterRowKey(String(r.rowKey)))
    .map((r) => Date.parse(String(r.timestamp)));
}

describe('anonymous evaluation answers and the write times storage keeps', function () {
  this.timeout(60_000);
  let storage: TestStorage;

  before(async () => {
    storage = await testStorage();
    const { organisations, rounds, evaluations } = storage.repositories;
    await organisations.ensure(newOrganisation(ORG, 'Vandværket'));
    const now = new Date();
    const round = newRound({
      orgId: ORG,
      id: ROUND,
      name: 'MUS 2027',
      createdBy: 'hr@vandvaerk.example',
      now,
      template: defaultTemplateFor('MUS'),
    });
    await rounds.create({
      ...round,
      steps: round.steps.map((s) => ({ ...s, launchedAt: now.toISOString() })),
    });
    // Three people answer some time apart: each receipt and its answer are written together.
    for (const [i, email] of PEOPLE.entries()) {
      await evaluations.submit({ orgId: ORG, roundId: ROUND, personEmail: email }, answer(i + 3));
      await sleep(300);
    }
  });

  it('after a pass, no answer can be paired with a receipt by when it was written', async () => {
    const { evaluations } = storage.repositories;
    const contentBefore = await evaluations.listAnswers(ORG, ROUND);
    const receipts = await writeTimes(storage, 'evaluationReceipts');
    // How many receipts are the nearest in time to some answer: all of them means each answer can
    // be paired with its own receipt (who gave it).
    const pairable = (answers: number[]) =>
      new Set(
        answers.map((a) =>
          receipts.reduce((best, r) => (Math.abs(a - r) < Math.abs(a - best) ? r : best)),
        ),
      ).size;
    // Before: each answer was written moments after its own receipt, far from the others.
    assert.equal(pairable(await writeTimes(storage, 'evaluationAnswers')), PEOPLE.length);

    const blurrer = new AnswerTimeBlurrer(storage.repositories, memoryLogger().log);
    assert.equal(await blurrer.run(new Date()), 1);

    const answers = await writeTimes(storage, 'evaluationAnswers');
    assert.equal(answers.length, PEOPLE.length);
    assert.equal(pairable(answers), 1, 'every answer is nearest to the same receipt: the last');
    assert.ok(Math.min(...answers) > Math.max(...receipts), 'every answer now looks written last');
    // Nothing but the write time changed.
    assert.deepEqual(
      (await evaluations.listAnswers(ORG, ROUND)).sort((a, b) => a.id.localeCompare(b.id)),
      contentBefore.sort((a, b) => a.id.localeCompare(b.id)),
    );
    assert.equal(await evaluations.countAnswers(ORG, ROUND), PEOPLE.length);
  });

  it('a round with no new answers since the last pass is left alone; a new answer brings it back', async () => {
    const blurrer = new AnswerTimeBlurrer(storage.repositories, memoryLogger().log);
    assert.equal(await blurrer.run(new Date()), 1);
    assert.equal(await blurrer.run(new Date()), 0);
    await storage.repositories.evaluations.submit(
      { orgId: ORG, roundId: ROUND, personEmail: 'dorte@vandvaerk.example' },
      answer(5),
    );
    assert.equal(await blurrer.run(new Date()), 1);
  });
});
