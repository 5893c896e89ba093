import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { EVALUATION_STATEMENTS } from '../../../bot/mus/evaluation.js';
import type { Round } from '../../../bot/mus/round.js';
import { isCounterRowKey } from '../../../bot/storage/sharded-counters.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  teamsUserId,
  type InvokeResponse,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

/*
 * Step 5 in chat, on the whole bot (Azurite, Bot Framework transport, fake Teams): people answer the
 * evaluation card with Action.Execute, and what is stored can never be traced back to them.
 */

const EMPLOYEE = 'ole.frederiksen@vandvaerk.example';
const OTHER_EMPLOYEE = 'jens.madsen@vandvaerk.example';
/** Søren Dahl is both led (by Mette) and a leader of his own team. */
const LEADER_AND_EMPLOYEE = 'soren.dahl@vandvaerk.example';
const TOP_LEADER = 'mette.kjaer@vandvaerk.example';

/** A card's inputs as Teams sends them: every statement scored, and a comment. */
function answers(score: string, comment?: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const s of EVALUATION_STATEMENTS) data[`score_${s.id}`] = score;
  if (comment !== undefined) data.comment = comment;
  return data;
}

function cardOf(response: InvokeResponse): unknown {
  assert.equal(response.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(response));
  assertValidCard(response.value);
  return response.value;
}

async function currentRound(h: RolloutHarness): Promise<Round> {
  const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
  assert.ok(round, 'a round exists');
  return round;
}

/** Changes the stored round (e.g. its deadline) for one test and puts it back afterwards. */
async function withRound(
  h: RolloutHarness,
  change: (round: Round) => Round,
  run: () => Promise<void>,
): Promise<void> {
  const { rounds } = h.storage.repositories;
  const stored = (await rounds.get(DEV_ORG_ID, (await currentRound(h)).id))!;
  const changed = await rounds.update(change(stored.value), stored.etag);
  try {
    await run();
  } finally {
    await rounds.update(stored.value, changed.etag);
  }
}

describe('the step-5 evaluation answered in chat', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let roundId: string;

  const submit = (email: string, data: Record<string, unknown>): Promise<InvokeResponse> =>
    h.click(email, 'evaluation.submit', { roundId, ...data }, 'personal');

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
    roundId = (await currentRound(h)).id;
    for (const step of [1, 2, 3, 4]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId, step });
      await h.drain();
    }
  });
  after(async () => h.close());

  it('refuses an answer on the card while step 5 has not been launched', async () => {
    const text = cardText(cardOf(await submit(EMPLOYEE, answers('4'))));
    assert.match(text, /ikke sat i gang/);
    assert.equal((await h.storage.rawEntities('evaluationAnswers')).length, 0);
  });

  it('stores an answer and thanks the person once step 5 is launched', async () => {
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 5 });
    await h.drain();
    const text = cardText(
      cardOf(await submit(EMPLOYEE, answers('4', 'Mere tid til forberedelse.'))),
    );
    assert.match(text, /Tak for din evaluering/);
    assert.doesNotMatch(text, /Send evaluering/, 'the thank-you card has no form left');
    const [answer, ...rest] = await h.storage.repositories.evaluations.listAnswers(
      DEV_ORG_ID,
      roundId,
    );
    assert.deepEqual(rest, []);
    assert.equal(answer?.respondentRole, 'employee');
    assert.equal(answer.department, 'Drift');
    assert.equal(answer.comment, 'Mere tid til forberedelse.');
    for (const s of EVALUATION_STATEMENTS) assert.equal(answer.scores[s.id], 4);
    assert.equal(
      await h.storage.repositories.evaluations.hasAnswered(DEV_ORG_ID, roundId, EMPLOYEE),
      true,
    );
  });

  it('refuses a second answer from the same person and stores nothing more', async () => {
    const before = await h.storage.rawEntities('evaluationAnswers');
    const text = cardText(cardOf(await submit(EMPLOYEE, answers('1', 'Ombestemt mig'))));
    assert.match(text, /Du har allerede svaret – tak!/);
    assert.doesNotMatch(text, /Send evaluering/);
    const after = await h.storage.rawEntities('evaluationAnswers');
    assert.deepEqual(
      after.map((e) => e.rowKey),
      before.map((e) => e.rowKey),
    );
  });

  it('two clicks at the same moment store one answer', async () => {
    const responses = await Promise.all([
      submit(OTHER_EMPLOYEE, answers('3')),
      submit(OTHER_EMPLOYEE, answers('3')),
    ]);
    const texts = responses.map((r) => cardText(cardOf(r)));
    assert.ok(texts.every((t) => /Tak for din evaluering/.test(t)));
    assert.equal(texts.filter((t) => /allerede svaret/.test(t)).length, 1);
    const answers2 = await h.storage.repositories.evaluations.listAnswers(DEV_ORG_ID, roundId);
    assert.equal(answers2.length, 2);
  });

  it('refuses a missing or out-of-range score on the card, keeps what was chosen and stores nothing', async () => {
    const before = (await h.storage.rawEntities('evaluationAnswers')).length;
    const data = answers('5', 'Godt');
    data[`score_${EVALUATION_STATEMENTS[1]!.id}`] = '7';
    delete data[`score_${EVALUATION_STATEMENTS[2]!.id}`];
    const card = cardOf(await submit('kirsten.larsen@vandvaerk.example', data));
    const text = cardText(card);
    assert.match(text, /Evalueringen er ikke sendt/);
    assert.match(text, /skal være et tal fra 1 til 5/);
    assert.match(text, /Giv et svar på/);
    assert.match(JSON.stringify(card), /"value":"5"/, 'the valid choices are kept on the card');
    assert.match(text, /Godt/, 'the comment is kept on the card');
    assert.equal((await h.storage.rawEntities('evaluationAnswers')).length, before);
    assert.equal(
      await h.storage.repositories.evaluations.hasAnswered(
        DEV_ORG_ID,
        roundId,
        'kirsten.larsen@vandvaerk.example',
      ),
      false,
    );
  });

  it('refuses a comment over 2000 characters and stores nothing', async () => {
    const before = (await h.storage.rawEntities('evaluationAnswers')).length;
    const text = cardText(
      cardOf(await submit('niels.brandt@vandvaerk.example', answers('2', 'x'.repeat(2001)))),
    );
    assert.match(text, /højst være 2000 tegn/);
    assert.equal((await h.storage.rawEntities('evaluationAnswers')).length, before);
  });

  it('a person who is both leader and employee answers once, as a leader', async () => {
    cardOf(await submit(LEADER_AND_EMPLOYEE, answers('5')));
    const again = cardText(cardOf(await submit(LEADER_AND_EMPLOYEE, answers('5'))));
    assert.match(again, /allerede svaret/);
    const all = await h.storage.repositories.evaluations.listAnswers(DEV_ORG_ID, roundId);
    const kundeservice = all.filter((a) => a.department === 'Kundeservice');
    assert.equal(kundeservice.length, 1);
    assert.equal(kundeservice[0]!.respondentRole, 'leader');
  });

  it('refuses an answer after the step-5 deadline as too late', async () => {
    await withRound(
      h,
      (r) => ({ ...r, steps: r.steps.map((s) => ({ ...s, deadline: '2020-01-01' })) }),
      async () => {
        const text = cardText(cardOf(await submit(TOP_LEADER, answers('4'))));
        assert.match(text, /for sent/);
      },
    );
    assert.equal(
      await h.storage.repositories.evaluations.hasAnswered(DEV_ORG_ID, roundId, TOP_LEADER),
      false,
    );
  });

  it('refuses an answer once the round is closed', async () => {
    await withRound(
      h,
      (r) => ({ ...r, closedAt: new Date().toISOString() }),
      async () => {
        const text = cardText(cardOf(await submit(TOP_LEADER, answers('4'))));
        assert.match(text, /Runden er afsluttet/);
      },
    );
    assert.equal(
      await h.storage.repositories.evaluations.hasAnswered(DEV_ORG_ID, roundId, TOP_LEADER),
      false,
    );
  });

  it('answers in English for an English-speaking Teams client', async () => {
    const res = await h.server.post({
      type: 'invoke',
      id: 'f:en',
      timestamp: new Date().toISOString(),
      serviceUrl: h.fake.url,
      channelId: 'msteams',
      from: { id: teamsUserId(EMPLOYEE), name: EMPLOYEE },
      recipient: { id: '28:bot', name: 'MUS' },
      conversation: {
        id: `a:personal-${teamsUserId(EMPLOYEE)}`,
        conversationType: 'personal',
        tenantId: '72f988bf-0000-4000-8000-0000000000aa',
      },
      channelData: { tenant: { id: '72f988bf-0000-4000-8000-0000000000aa' } },
      locale: 'en-GB',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'evaluation.submit',
          data: { roundId, ...answers('4') },
        },
        trigger: 'manual',
      },
    });
    const text = cardText(cardOf((await res.json()) as InvokeResponse));
    assert.match(text, /You have already answered – thank you!/);
  });

  it('stored answers hold no email, name, Teams user id or Entra object id of anyone', async () => {
    await submit(TOP_LEADER, answers('4', 'Vi skal starte tidligere.'));
    const stored = await h.storage.rawEntities('evaluationAnswers');
    // The round's answer count is kept beside the answers: counts only, nothing about anyone.
    const counters = stored.filter((e) => isCounterRowKey(e.rowKey));
    for (const counter of counters) {
      const ours = Object.keys(counter).filter(
        (k) => !['partitionKey', 'rowKey', 'timestamp', 'etag', 'odata.metadata'].includes(k),
      );
      assert.ok(
        ours.every((name) => name === 'answers'),
        ours.join(),
      );
    }
    const entities = stored.filter((e) => !isCounterRowKey(e.rowKey));
    assert.ok(entities.length >= 4, `only ${entities.length} answers stored`);
    const identifying = h.people.flatMap((p) => [
      p.email,
      p.name,
      teamsUserId(p.email),
      `aad-${p.email}`,
      p.email.split('@')[0]!,
    ]);
    for (const entity of entities) {
      const stored = JSON.stringify(entity).toLowerCase();
      for (const value of identifying) {
        assert.ok(!stored.includes(value.toLowerCase()), `an answer contains ${value}`);
      }
      const ours = Object.keys(entity).filter(
        (k) => !['partitionKey', 'rowKey', 'timestamp', 'etag', 'odata.metadata'].includes(k),
      );
      for (const name of ours) {
        assert.match(name, /^(orgId|roundId|respondentRole|department|scores.*|comment)$/, name);
      }
      // Our own properties carry no time: only Azure's Timestamp does (a limit of Table storage).
      for (const name of ours) {
        assert.doesNotMatch(
          String(entity[name]),
          /\d{4}-\d{2}-\d{2}T\d{2}:/,
          `${name} holds a time`,
        );
      }
    }
  });
});
