import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { ForbiddenError } from '../../../bot/mus/errors.js';
import type { Round } from '../../../bot/mus/round.js';
import { ANSWER_MAX_CHARS } from '../../../bot/mus/skema-template.js';
import { readSkema } from '../../../bot/skema/read-skema.js';
import { saveAnswers } from '../../../bot/skema/save-answers.js';
import { startTalk } from '../../../bot/skema/start-talk.js';
import { finaliseSkema } from '../../../bot/skema/finalise-skema.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type InvokeResponse,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const EMPLOYEE = 'ole.frederiksen@vandvaerk.example';
const OTHER_EMPLOYEE = 'jens.madsen@vandvaerk.example';
const LEADER = 'mette.kjaer@vandvaerk.example';
const OTHER_LEADER = 'soren.dahl@vandvaerk.example';

type Card = Record<string, unknown> & {
  actions?: { verb?: string; data?: Record<string, unknown> }[];
};

function cardOf(response: InvokeResponse): Card {
  assert.equal(
    response.type,
    'application/vnd.microsoft.card.adaptive',
    JSON.stringify(response.value),
  );
  assertValidCard(response.value);
  return response.value as Card;
}

/** The data a button of `card` would send, plus inputs the user typed. */
function press(
  card: Card,
  verb: string,
  inputs: Record<string, string> = {},
): Record<string, unknown> {
  const action = card.actions?.find((a) => a.verb === verb);
  assert.ok(action, `card has a ${verb} button`);
  return { ...action.data, ...inputs };
}

describe('the MUS-skema in the employee’s chat', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let round: Round;
  let card: Card;

  const person = async (email: string) =>
    (await h.storage.repositories.people.get(DEV_ORG_ID, email))!.value;
  const stored = async () =>
    (await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, EMPLOYEE))!;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    await h.say(HR_EMAIL, 'ny runde MUS 2027');
    round = (await h.storage.repositories.rounds.list(DEV_ORG_ID))[0]!;
    for (const step of [1, 2, 3]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step });
      await h.drain();
    }
    const s = await stored();
    const delivered = h.fake
      .activities()
      .flatMap((a) => ((a.activity.attachments ?? []) as { content: Card }[]).map((x) => x.content))
      .filter((c) => JSON.stringify(c).includes(`"employeeEmail":"${EMPLOYEE}"`));
    card = delivered.at(-1)!;
    assert.ok(card, 'the skema card was delivered');
    assert.equal((card.actions?.[0]?.data as { etag?: string }).etag, s.etag);
  });
  after(async () => h.close());

  it('saving a draft stores the answers, keeps the status, and shows when it was saved', async () => {
    const response = await h.click(
      EMPLOYEE,
      'skema.save',
      press(card, 'skema.save', { answer_kerneopgaven: 'Rent vand hver dag' }),
      'personal',
    );
    card = cardOf(response);
    assert.match(cardText(card), /Kladden er gemt/);
    const s = await stored();
    assert.equal(s.value.answers.kerneopgaven, 'Rent vand hver dag');
    assert.equal(s.value.status, 'sent');
  });

  it('the card stays in the language it was sent in when the Teams client clicks in another', async () => {
    assert.equal(press(card, 'skema.save').lang, 'da', 'the delivered card says its language');
    const response = await h.click(
      EMPLOYEE,
      'skema.save',
      press(card, 'skema.save', { answer_kerneopgaven: 'Rent vand hver dag' }),
      'personal',
      'en-US',
    );
    card = cardOf(response);
    assert.match(cardText(card), /Kladden er gemt/);
    assert.doesNotMatch(cardText(card), /Draft saved|Save draft/);
    assert.equal(press(card, 'skema.save').lang, 'da');
  });

  it('a save from the card just answered is written over its ETag without reading the skema again', async () => {
    const reads = sinon.spy(h.storage.repositories.skemas, 'get');
    try {
      card = cardOf(
        await h.click(
          EMPLOYEE,
          'skema.save',
          press(card, 'skema.save', { answer_kerneopgaven: 'Rent vand, også i morgen' }),
          'personal',
        ),
      );
      assert.equal(reads.callCount, 0, 'the card named the version it was built from');
    } finally {
      reads.restore();
    }
    assert.match(cardText(card), /Kladden er gemt/);
    const s = await stored();
    assert.equal(s.value.answers.kerneopgaven, 'Rent vand, også i morgen');
    assert.equal(press(card, 'skema.save').etag, s.etag, 'the new card carries the new ETag');
  });

  it('submitting sends the answers to the leader and shows a read-only summary with Rediger', async () => {
    const response = await h.click(
      EMPLOYEE,
      'skema.submit',
      press(card, 'skema.submit', {
        answer_kerneopgaven: 'Rent vand hver dag',
        answer_handlinger: 'Mere samarbejde',
      }),
      'personal',
    );
    card = cardOf(response);
    assert.deepEqual(card.actions?.map((a) => a.verb).filter(Boolean), ['skema.edit']);
    assert.match(cardText(card), /Mere samarbejde/);
    assert.equal((await stored()).value.status, 'prepared');
  });

  it('"Rediger" shows the form again with the saved answers', async () => {
    card = cardOf(await h.click(EMPLOYEE, 'skema.edit', press(card, 'skema.edit'), 'personal'));
    assert.ok(card.actions?.some((a) => a.verb === 'skema.submit'));
    assert.match(JSON.stringify(card), /Mere samarbejde/);
  });

  it('the answers typed in chat reach the leader’s view, and nobody else’s', async () => {
    const leaderView = await readSkema(h.skemaServices, await person(LEADER), {
      roundId: round.id,
      employeeEmail: EMPLOYEE,
    });
    assert.equal(leaderView.answers.handlinger, 'Mere samarbejde');
    for (const outsider of [OTHER_EMPLOYEE, OTHER_LEADER, HR_EMAIL]) {
      await assert.rejects(
        readSkema(h.skemaServices, await person(outsider), {
          roundId: round.id,
          employeeEmail: EMPLOYEE,
        }),
        ForbiddenError,
        `${outsider} may not read it`,
      );
    }
  });

  it('a stale card is refused after an edit in the tab, and shows the current text with what was typed', async () => {
    const current = await stored();
    await saveAnswers(
      h.skemaServices,
      await person(EMPLOYEE),
      { roundId: round.id, employeeEmail: EMPLOYEE },
      {
        answers: { handlinger: 'Skrevet i fanen' },
        submit: false,
        etag: current.etag,
      },
    );
    const response = await h.click(
      EMPLOYEE,
      'skema.save',
      press(card, 'skema.save', { answer_handlinger: 'Skrevet i chatten' }),
      'personal',
    );
    card = cardOf(response);
    const text = cardText(card);
    assert.match(text, /ændret et andet sted/);
    assert.match(text, /Skrevet i chatten/, 'what was typed in the stale card is shown back');
    assert.match(JSON.stringify(card), /Skrevet i fanen/, 'the current stored text is in the form');
    assert.equal(
      (await stored()).value.answers.handlinger,
      'Skrevet i fanen',
      'nothing overwritten',
    );
  });

  it('an answer over the limit is refused on the card, keeps the typed text, and changes nothing', async () => {
    const before = await stored();
    const long = 'x'.repeat(ANSWER_MAX_CHARS + 1);
    card = cardOf(
      await h.click(
        EMPLOYEE,
        'skema.save',
        press(card, 'skema.save', { answer_vaerdier: long }),
        'personal',
      ),
    );
    assert.match(cardText(card), new RegExp(`højst ${ANSWER_MAX_CHARS} tegn`));
    assert.ok(JSON.stringify(card).includes(long), 'the typed text is kept in the form');
    const after = await stored();
    assert.equal(after.etag, before.etag);
  });

  it('refuses a save for a skema that is not the user’s own (forged ids) and changes nothing', async () => {
    const before = await stored();
    const forged = { ...press(card, 'skema.save'), answer_kerneopgaven: 'Overtaget' };
    const response = await h.click(OTHER_EMPLOYEE, 'skema.save', forged, 'personal');
    assert.equal(response.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(response.value), /tilhører en anden/);
    assert.equal((await stored()).etag, before.etag);
  });

  it('answers a malformed payload, an unknown verb and a user not on the roster with a clear message', async () => {
    const malformed = await h.click(EMPLOYEE, 'skema.save', { roundId: round.id }, 'personal');
    assert.match(cardText(cardOf(malformed)), /kunne ikke læses/);
    const unknown = await h.click(EMPLOYEE, 'skema.explode', {}, 'personal');
    assert.match(String(unknown.value), /kender jeg ikke/);
    const stranger = await h.click(
      'ukendt@andetsted.example',
      'skema.save',
      press(card, 'skema.save'),
      'personal',
    );
    assert.match(String(stranger.value), /MUS-listen/);
    for (const r of [malformed, unknown, stranger])
      assert.doesNotMatch(JSON.stringify(r.value), /Error|stack|at [A-Za-z]+ \(/);
  });

  it('once the leader starts the talk the skema is closed, and a save says so without changing anything', async () => {
    const leader = await person(LEADER);
    const current = await stored();
    await startTalk(
      h.skemaServices,
      leader,
      { roundId: round.id, employeeEmail: EMPLOYEE },
      { etag: current.etag },
    );
    const fresh = await h.click(
      EMPLOYEE,
      'skema.refresh',
      { ...press(card, 'skema.save'), etag: (await stored()).etag },
      'personal',
    );
    const closed = cardOf(fresh);
    assert.match(cardText(closed), /Skemaet er lukket/);
    const response = await h.click(
      EMPLOYEE,
      'skema.save',
      { ...press(card, 'skema.save'), etag: (await stored()).etag, answer_handlinger: 'For sent' },
      'personal',
    );
    assert.match(cardText(cardOf(response)), /Samtalen er gået i gang/);
    assert.equal((await stored()).value.answers.handlinger, 'Skrevet i fanen');
  });

  it('after finalising, the employee gets the summary in chat and can acknowledge it with a comment', async () => {
    const leader = await person(LEADER);
    await finaliseSkema(
      h.skemaServices,
      leader,
      { roundId: round.id, employeeEmail: EMPLOYEE },
      { etag: (await stored()).etag },
    );
    await h.drain();
    const summary = h.fake
      .activities()
      .flatMap((a) => ((a.activity.attachments ?? []) as { content: Card }[]).map((x) => x.content))
      .filter(
        (c) =>
          JSON.stringify(c).includes('skema.acknowledge') && JSON.stringify(c).includes(EMPLOYEE),
      )
      .at(-1);
    assert.ok(summary, 'a summary card was sent');
    assertValidCard(summary);
    const acknowledged = cardOf(
      await h.click(
        EMPLOYEE,
        'skema.acknowledge',
        press(summary, 'skema.acknowledge', { comment: 'Tak for en god snak' }),
        'personal',
      ),
    );
    assert.match(cardText(acknowledged), /Du kvitterede/);
    const s = await stored();
    assert.equal(s.value.status, 'acknowledged');
    assert.equal(s.value.employeeComment, 'Tak for en god snak');
  });

  it('reminds employees who have not submitted once, two days before the step-3 deadline', async () => {
    const setStep3Deadline = async (daysAhead: number): Promise<void> => {
      const r = (await h.storage.repositories.rounds.get(DEV_ORG_ID, round.id))!;
      const deadline = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
      const steps = r.value.steps.map((s) => (s.step === 3 ? { ...s, deadline } : s));
      await h.storage.repositories.rounds.update({ ...r.value, steps }, r.etag);
    };
    await setStep3Deadline(10);
    assert.equal(
      await h.rollout.remindNow(new Date()),
      0,
      'not yet: the deadline is ten days away',
    );
    await setStep3Deadline(1);
    const waiting = (await h.storage.repositories.skemas.listByRound(DEV_ORG_ID, round.id)).filter(
      (s) => s.status === 'sent',
    );
    assert.ok(waiting.length > 0);
    assert.equal(await h.rollout.remindNow(new Date()), waiting.length);
    assert.equal(await h.rollout.remindNow(new Date()), 0, 'a second run reminds nobody again');
    await h.drain();
    const rows = await h.storage.deliveries.list(DEV_ORG_ID, round.id, 3);
    const sent = rows.filter((d) => d.audience === 'reminder' && d.status === 'sent');
    assert.equal(sent.length, waiting.length);
    assert.ok(
      !sent.some((d) => d.recipientEmail === EMPLOYEE),
      'no reminder to someone who submitted',
    );
  });

  it('a save from a card whose skema has since been removed says so, and shows none of its answers', async () => {
    const delivered = h.fake
      .activities()
      .flatMap((a) => ((a.activity.attachments ?? []) as { content: Card }[]).map((x) => x.content))
      .filter((c) => JSON.stringify(c).includes(`"employeeEmail":"${OTHER_EMPLOYEE}"`))
      .at(-1);
    assert.ok(delivered, 'the other employee got a skema card');
    const saved = cardOf(
      await h.click(
        OTHER_EMPLOYEE,
        'skema.save',
        press(delivered, 'skema.save', { answer_kerneopgaven: 'Første udkast' }),
        'personal',
      ),
    );
    await h.storage.repositories.skemas.remove(DEV_ORG_ID, round.id, OTHER_EMPLOYEE);
    const response = await h.click(
      OTHER_EMPLOYEE,
      'skema.save',
      press(saved, 'skema.save', { answer_kerneopgaven: 'Andet udkast' }),
      'personal',
    );
    assert.equal(response.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(response.value), /kan ikke finde dit MUS-skema/);
    assert.doesNotMatch(JSON.stringify(response.value), /Første udkast/);
    assert.equal(
      await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, OTHER_EMPLOYEE),
      undefined,
      'nothing was written back',
    );
  });
});
