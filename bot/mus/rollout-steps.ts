import type { Bilingual } from './bilingual.js';
import { skemaName, talkName } from './glossary.js';
import type { RoundKind } from './round.js';
import { fill } from '../../texts/fill.js';
import { STATUS_TEXTS } from '../../texts/status.js';

export const STEP_NUMBERS = [1, 2, 3, 4, 5] as const;
export type StepNumber = (typeof STEP_NUMBERS)[number];

export type Audience = 'leaders' | 'employees' | 'leaders-and-employees';

export interface StepDefinition {
  step: StepNumber;
  name: Bilingual;
  /** Who gets this step's card in their 1:1 chat. */
  audience: Audience;
}

/** The method's five rollout steps, in the order they must be taken. */
export const ROLLOUT_STEPS: readonly StepDefinition[] = [
  { step: 1, name: STATUS_TEXTS.steps.informLeaders, audience: 'leaders' },
  {
    step: 2,
    name: STATUS_TEXTS.steps.informEmployees,
    audience: 'employees',
  },
  {
    step: 3,
    name: fill(STATUS_TEXTS.steps.sendSkema, { skema: skemaName('MUS') }),
    audience: 'employees',
  },
  {
    step: 4,
    name: STATUS_TEXTS.steps.holdTalks,
    audience: 'leaders-and-employees',
  },
  {
    step: 5,
    name: fill(STATUS_TEXTS.steps.evaluate, { talk: talkName('MUS') }),
    audience: 'leaders-and-employees',
  },
];

export function stepDefinition(step: StepNumber): StepDefinition {
  const def = ROLLOUT_STEPS[step - 1];
  if (!def) throw new RangeError(`unknown step ${String(step)}`);
  return def;
}

/** The step's name in a round of `kind`: a GRUS round sends the GRUS-skema and evaluates GRUS. */
export function stepName(step: StepNumber, kind: RoundKind): Bilingual {
  if (step === 3) {
    return fill(STATUS_TEXTS.steps.sendSkema, { skema: skemaName(kind) });
  }
  if (step === 5) {
    return fill(STATUS_TEXTS.steps.evaluate, { talk: talkName(kind) });
  }
  return stepDefinition(step).name;
}

export function isStepNumber(value: unknown): value is StepNumber {
  return typeof value === 'number' && (STEP_NUMBERS as readonly number[]).includes(value);
}
