import assert from 'node:assert/strict';
import { RuleError, ValidationError } from '../../../bot/mus/errors.js';
import { STEP_NUMBERS } from '../../../bot/mus/rollout-steps.js';
import {
  ROUND_NAME_MAX,
  canEditTemplate,
  checkLaunch,
  defaultDeadlines,
  isIsoDate,
  launchStep,
  roundStep,
} from '../../../bot/mus/round.js';
import { HR, NOW, aRound, launchedThrough, minutesLater, thrown } from './builders.js';

const IN_ORDER = ['2026-03-09', '2026-03-16', '2026-03-23', '2026-04-20', '2026-05-04'];

describe('round', () => {
  describe('isIsoDate', () => {
    it('accepts real calendar dates, including 29 February in a leap year', () => {
      for (const d of ['2026-03-02', '2024-02-29', '2026-12-31', '2026-01-01']) {
        assert.equal(isIsoDate(d), true, d);
      }
    });

    it('refuses dates that do not exist, such as 2026-02-30 and 2026-04-31', () => {
      for (const d of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10']) {
        assert.equal(isIsoDate(d), false, d);
      }
    });

    it('refuses anything that is not exactly YYYY-MM-DD', () => {
      for (const d of ['2026-3-2', '02-03-2026', '2026-03-02T00:00:00Z', '', ' 2026-03-02']) {
        assert.equal(isIsoDate(d), false, d);
      }
    });
  });

  describe('newRound', () => {
    it('creates a MUS round with five steps in step order, none launched', () => {
      const round = aRound({ deadlines: IN_ORDER });
      assert.equal(round.kind, 'MUS');
      assert.equal(round.createdAt, NOW.toISOString());
      assert.equal(round.createdBy, HR);
      assert.deepEqual(
        round.steps,
        STEP_NUMBERS.map((step, i) => ({ step, deadline: IN_ORDER[i] })),
      );
      assert.equal(round.closedAt, undefined);
    });

    it('trims the name', () => {
      assert.equal(aRound({ name: '  MUS forår 2026 ' }).name, 'MUS forår 2026');
    });

    it(`accepts a name of exactly ${ROUND_NAME_MAX} characters`, () => {
      assert.equal(aRound({ name: 'x'.repeat(ROUND_NAME_MAX) }).name.length, ROUND_NAME_MAX);
    });

    it(`refuses a name longer than ${ROUND_NAME_MAX} characters, naming the field`, () => {
      const err = thrown(() => aRound({ name: 'x'.repeat(ROUND_NAME_MAX + 1) }), ValidationError);
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['name'],
      );
    });

    it('refuses an empty or blank name', () => {
      for (const name of ['', '   ']) {
        const err = thrown(() => aRound({ name }), ValidationError);
        assert.deepEqual(
          err.issues.map((i) => i.where),
          ['name'],
        );
      }
    });

    it('gives default deadlines one, two and three weeks out, then four and two weeks more', () => {
      const round = aRound();
      assert.deepEqual(
        round.steps.map((s) => s.deadline),
        ['2026-03-09', '2026-03-16', '2026-03-23', '2026-04-20', '2026-05-04'],
      );
      assert.deepEqual(defaultDeadlines(NOW), IN_ORDER);
    });

    it('requires exactly five deadlines', () => {
      for (const deadlines of [IN_ORDER.slice(0, 4), [...IN_ORDER, '2026-06-01'], []]) {
        const err = thrown(() => aRound({ deadlines }), ValidationError);
        assert.deepEqual(
          err.issues.map((i) => i.where),
          ['deadlines'],
        );
      }
    });

    it('refuses a deadline that is not a real date, such as 2026-02-30', () => {
      const deadlines = ['2026-02-30', ...IN_ORDER.slice(1)];
      const err = thrown(() => aRound({ deadlines }), ValidationError);
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['deadlines'],
      );
    });

    it('refuses deadlines that are not in step order', () => {
      const deadlines = [IN_ORDER[0]!, IN_ORDER[2]!, IN_ORDER[1]!, IN_ORDER[3]!, IN_ORDER[4]!];
      const err = thrown(() => aRound({ deadlines }), ValidationError);
      assert.equal(err.issues.length, 1);
      assert.equal(err.issues[0]!.where, 'deadlines');
      assert.match(err.issues[0]!.message.en, /order/);
    });

    it('allows two steps to share a deadline', () => {
      const deadlines = ['2026-03-09', '2026-03-09', '2026-03-23', '2026-04-20', '2026-05-04'];
      assert.deepEqual(
        aRound({ deadlines }).steps.map((s) => s.deadline),
        deadlines,
      );
    });

    it('reports a bad name and bad deadlines together', () => {
      const err = thrown(() => aRound({ name: '', deadlines: ['nope'] }), ValidationError);
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['name', 'deadlines'],
      );
    });
  });

  describe('checkLaunch and launchStep', () => {
    it('step 1 can be launched on a new round', () => {
      assert.deepEqual(checkLaunch(aRound(), 1), { ok: true });
    });

    it('step 3 cannot be launched before step 2', () => {
      const round = launchedThrough(1);
      const check = checkLaunch(round, 3);
      assert.equal(check.ok, false);
      assert.equal(!check.ok && check.alreadyLaunched, false);
      assert.match(!check.ok ? check.reason.en : '', /step 2.*before step 3/i);
      const err = thrown(() => launchStep(round, 3, HR, NOW), RuleError);
      assert.equal(err.status, 409);
    });

    it('no step after the first can be launched on a new round', () => {
      for (const step of [2, 3, 4, 5] as const) {
        assert.equal(checkLaunch(aRound(), step).ok, false, `step ${step}`);
      }
    });

    it('each step can be launched once the previous step is launched', () => {
      for (const step of STEP_NUMBERS) {
        assert.deepEqual(checkLaunch(launchedThrough((step - 1) as 0 | 1 | 2 | 3 | 4), step), {
          ok: true,
        });
      }
    });

    it('launching a step records when and by whom, and leaves the other steps alone', () => {
      const before = launchedThrough(1);
      const at = minutesLater(90);
      const after = launchStep(before, 2, HR, at);
      assert.equal(roundStep(after, 2).launchedAt, at.toISOString());
      assert.equal(roundStep(after, 2).launchedBy, HR);
      assert.deepEqual(roundStep(after, 1), roundStep(before, 1));
      assert.equal(roundStep(after, 3).launchedAt, undefined);
    });

    it('launching a step does not change the round it was given', () => {
      const before = aRound();
      launchStep(before, 1, HR, NOW);
      assert.equal(roundStep(before, 1).launchedAt, undefined);
    });

    it('a step already launched is reported as already launched', () => {
      const round = launchedThrough(2);
      const check = checkLaunch(round, 2);
      assert.equal(check.ok, false);
      assert.equal(!check.ok && check.alreadyLaunched, true);
      assert.match(!check.ok ? check.reason.en : '', /already been launched/);
      assert.match(!check.ok ? check.reason.da : '', /allerede/);
    });

    it('launching a step twice throws a RuleError', () => {
      thrown(() => launchStep(launchedThrough(3), 3, HR, NOW), RuleError);
    });

    it('no step can be launched on a closed round, not even the next one', () => {
      const round = { ...launchedThrough(2), closedAt: NOW.toISOString() };
      for (const step of STEP_NUMBERS) {
        const check = checkLaunch(round, step);
        assert.equal(check.ok, false, `step ${step}`);
        assert.equal(!check.ok && check.alreadyLaunched, false);
        assert.match(!check.ok ? check.reason.en : '', /closed/);
      }
      thrown(() => launchStep(round, 3, HR, NOW), RuleError);
    });

    it('roundStep throws on a malformed round that lacks the step', () => {
      const round = { ...aRound(), steps: aRound().steps.slice(0, 4) };
      assert.throws(() => roundStep(round, 5), RangeError);
    });
  });

  describe('canEditTemplate', () => {
    it('HR can edit the template before step 3 is launched', () => {
      assert.equal(canEditTemplate(aRound()), true);
      assert.equal(canEditTemplate(launchedThrough(2)), true);
    });

    it('HR cannot edit the template once step 3 is launched', () => {
      assert.equal(canEditTemplate(launchedThrough(3)), false);
      assert.equal(canEditTemplate(launchedThrough(5)), false);
    });

    it('HR cannot edit the template of a closed round', () => {
      assert.equal(canEditTemplate({ ...aRound(), closedAt: NOW.toISOString() }), false);
    });
  });
});
