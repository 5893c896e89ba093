import assert from 'node:assert/strict';
import { ConflictError, TooLargeError } from '../../../bot/mus/errors.js';
import type { EvaluationAnswer, EvaluationReceipt } from '../../../bot/mus/evaluation.js';
import { EvaluationTable } from '../../../bot/storage/evaluation-table.js';
import { isCounterRowKey } from '../../../bot/storage/sharded-counters.js';
import { joinKey } from '../../../bot/storage/table-keys.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { ORG } from './storage-fixtures.js';

const ROUND = 'mus-2026';
const EMAIL = 'anna.holm@kommune.dk';

function receipt(personEmail = EMAIL): EvaluationReceipt {
  return { orgId: ORG, roundId: ROUND, personEmail };
}

function answer(comment?: string): EvaluationAnswer {
  return {
    orgId: ORG,
    roundId: ROUND,
    id: 'chosen-by-caller',
    respondentRole: 'employee',
    department: 'Drift',
    scores: { 'kerneopgave-i-centrum': 4, 'saa-fremad': 5 },
    ...(comment === undefined ? {} : { comment }),
  };
}

/** Azure's own properties; everything else in an answer entity is ours. */
const SERVICE_PROPERTIES = new Set([
  'partitionKey',
  'rowKey',
  'timestamp',
  'etag',
  'odata.metadata',
]);

describe('evaluations in Table storage', () => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await testStorage();
  });

  it('a submitted answer is listed, and the person is marked as having answered', async () => {
    const { evaluations } = storage.repositories;
    assert.equal(await evaluations.hasAnswered(ORG, ROUND, EMAIL), false);
    await evaluations.submit(receipt(), answer('Mere tid til forberedelse.'));
    assert.equal(await evaluations.hasAnswered(ORG, ROUND, EMAIL), true);
    assert.equal(await evaluations.hasAnswered(ORG, ROUND, 'bo@kommune.dk'), false);
    const [stored, ...rest] = await evaluations.listAnswers(ORG, ROUND);
    assert.deepEqual(rest, []);
    assert.deepEqual(
      { ...stored, id: 'ignored' },
      { ...answer('Mere tid til forberedelse.'), id: 'ignored' },
    );
    assert.match(
      stored?.id ?? '',
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('answering twice is refused and stores no second answer', async () => {
    const { evaluations } = storage.repositories;
    await evaluations.submit(receipt(), answer());
    const error = await evaluations.submit(receipt(), answer('igen')).then(
      () => assert.fail('the second answer was accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ConflictError);
    assert.match(error.userMessage.da, /allerede besvaret/);
    assert.equal((await evaluations.listAnswers(ORG, ROUND)).length, 1);
  });

  it('answer entities hold nothing that identifies the person', async () => {
    const { evaluations } = storage.repositories;
    await evaluations.submit(receipt(), answer('Godt møde'));
    await evaluations.submit(receipt('bo@kommune.dk'), answer());
    const stored = await storage.rawEntities('evaluationAnswers');
    // Beside the answers, counter rows hold the number of answers and nothing else.
    for (const counter of stored.filter((e) => isCounterRowKey(e.rowKey))) {
      const ours = Object.keys(counter).filter((name) => !SERVICE_PROPERTIES.has(name));
      assert.deepEqual(ours, ['answers']);
    }
    const entities = stored.filter((e) => !isCounterRowKey(e.rowKey));
    assert.equal(entities.length, 2);
    for (const entity of entities) {
      const ours = Object.keys(entity).filter((name) => !SERVICE_PROPERTIES.has(name));
      assert.deepEqual(
        ours.sort(),
        [
          'department',
          'orgId',
          'respondentRole',
          'roundId',
          'scores',
          ...(entity.comment === undefined ? [] : ['comment']),
        ].sort(),
      );
      const text = JSON.stringify(entity).toLowerCase();
      for (const clue of ['anna', 'holm', 'bo@', 'kommune.dk', 'chosen-by-caller']) {
        assert.ok(!text.includes(clue), `answer entity mentions ${clue}: ${text}`);
      }
    }
    const receipts = await storage.rawEntities('evaluationReceipts');
    const answerKeys = new Set(entities.map((e) => e.rowKey));
    for (const r of receipts) {
      for (const value of Object.values(r)) assert.ok(!answerKeys.has(String(value)));
    }
  });

  it('a comment too large for storage is refused before anything is stored', async () => {
    const { evaluations } = storage.repositories;
    await assert.rejects(evaluations.submit(receipt(), answer('x'.repeat(40_000))), TooLargeError);
    assert.equal(await evaluations.hasAnswered(ORG, ROUND, EMAIL), false);
    assert.deepEqual(await evaluations.listAnswers(ORG, ROUND), []);
  });

  it('answers are listed per round', async () => {
    const { evaluations } = storage.repositories;
    await evaluations.submit(receipt(), answer());
    await evaluations.submit({ ...receipt(), roundId: 'other' }, { ...answer(), roundId: 'other' });
    assert.equal((await evaluations.listAnswers(ORG, ROUND)).length, 1);
    assert.equal((await evaluations.listAnswers(ORG, 'other')).length, 1);
  });

  it('counts the answers without reading them, also with two processes submitting at once', async () => {
    const { evaluations } = storage.repositories;
    // A second process: its own table clients and counters on the same tables.
    const other = new EvaluationTable(
      storage.rawTable('evaluationReceipts'),
      storage.rawTable('evaluationAnswers'),
    );
    assert.equal(await evaluations.countAnswers(ORG, ROUND), 0);
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (i % 2 ? other : evaluations).submit(receipt(`p${i}@kommune.dk`), answer()),
      ),
    );
    // A repeat is refused and counts nothing.
    await assert.rejects(evaluations.submit(receipt('p0@kommune.dk'), answer()), ConflictError);
    assert.equal((await evaluations.listAnswers(ORG, ROUND)).length, 24);
    assert.equal(await evaluations.countAnswers(ORG, ROUND), 24);
    assert.equal(await other.countAnswers(ORG, ROUND), 24);
    assert.equal(await evaluations.countAnswers(ORG, 'another-round'), 0);
  });

  it('counts answers stored before the counters existed by one scan, then by the counters', async () => {
    // Three answers as the table wrote them before: no counter rows.
    const raw = storage.rawTable('evaluationAnswers');
    for (let i = 0; i < 3; i++) {
      await raw.createEntity({
        partitionKey: joinKey(ORG, ROUND),
        rowKey: `00000000-0000-4000-8000-00000000000${i}`,
        orgId: ORG,
        roundId: ROUND,
        respondentRole: 'employee',
        department: 'Drift',
        scores: JSON.stringify({ 'kerneopgave-i-centrum': 3 }),
      });
    }
    const { evaluations } = storage.repositories;
    await evaluations.submit(receipt(), answer());
    assert.equal(await evaluations.countAnswers(ORG, ROUND), 4);
    await evaluations.submit(receipt('bo@kommune.dk'), answer());
    assert.equal(await evaluations.countAnswers(ORG, ROUND), 5);
    assert.equal((await evaluations.listAnswers(ORG, ROUND)).length, 5);
    // The scan happened once: the counters now hold the baseline.
    const counters = (await storage.rawEntities('evaluationAnswers')).filter((e) =>
      isCounterRowKey(e.rowKey),
    );
    assert.ok(counters.some((e) => e.rowKey === '!count|base'));
  });
});
