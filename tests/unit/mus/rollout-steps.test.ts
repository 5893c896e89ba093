import assert from 'node:assert/strict';
import {
  ROLLOUT_STEPS,
  STEP_NUMBERS,
  isStepNumber,
  stepDefinition,
  stepName,
  type StepNumber,
} from '../../../bot/mus/rollout-steps.js';
import { assertBilingual } from './builders.js';

describe('rollout steps', () => {
  it("there are the method's five steps, numbered 1 to 5 in order", () => {
    assert.deepEqual(STEP_NUMBERS, [1, 2, 3, 4, 5]);
    assert.deepEqual(
      ROLLOUT_STEPS.map((s) => s.step),
      [1, 2, 3, 4, 5],
    );
  });

  it('the steps carry the method names in Danish, with English translations', () => {
    assert.deepEqual(
      ROLLOUT_STEPS.map((s) => s.name.da),
      [
        'Informér lederne',
        'Informér medarbejderne',
        'Send MUS-skema',
        'Hold samtalerne',
        'Evaluér MUS',
      ],
    );
    for (const s of ROLLOUT_STEPS) assertBilingual(s.name, `step ${s.step}`);
  });

  it('step 1 goes to leaders, steps 2 and 3 to employees, steps 4 and 5 to both', () => {
    assert.deepEqual(
      ROLLOUT_STEPS.map((s) => s.audience),
      ['leaders', 'employees', 'employees', 'leaders-and-employees', 'leaders-and-employees'],
    );
  });

  it('stepDefinition finds each step by its number', () => {
    for (const step of STEP_NUMBERS) assert.equal(stepDefinition(step).step, step);
  });

  it('stepDefinition throws on a number that is not a step', () => {
    assert.throws(() => stepDefinition(6 as StepNumber), RangeError);
  });

  it('isStepNumber accepts only the numbers 1 to 5', () => {
    for (const value of [1, 2, 3, 4, 5]) assert.equal(isStepNumber(value), true, String(value));
    for (const value of [0, 6, 2.5, -1, '3', null, undefined, NaN]) {
      assert.equal(isStepNumber(value), false, String(value));
    }
  });

  it('a GRUS or LUS round names its own skema and evaluation, the other steps keep their names', () => {
    assert.equal(stepName(3, 'GRUS').da, 'Send GRUS-skema');
    assert.equal(stepName(5, 'LUS').en, 'Evaluate the LUS');
    assert.deepEqual(stepName(3, 'MUS'), { da: 'Send MUS-skema', en: 'Send the MUS form' });
    assert.deepEqual(stepName(1, 'GRUS'), stepDefinition(1).name);
  });
});
