import type { StepNumber } from '../../mus/rollout-steps.js';
import type { RolloutStep } from './rollout-step.js';
import { informLeaders } from './step-1-inform-leaders.js';
import { informEmployees } from './step-2-inform-employees.js';
import { sendSkema } from './step-3-send-skema.js';
import { holdTalks } from './step-4-hold-talks.js';
import { evaluate } from './step-5-evaluate.js';

/** The five rollout steps, each in its own module: who gets what. */
export const ROLLOUT_STEP_MODULES: Record<StepNumber, RolloutStep> = {
  1: informLeaders,
  2: informEmployees,
  3: sendSkema,
  4: holdTalks,
  5: evaluate,
};
