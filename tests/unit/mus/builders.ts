import assert from 'node:assert/strict';
import type { Bilingual } from '../../../bot/mus/bilingual.js';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { DomainError, ValidationError } from '../../../bot/mus/errors.js';
import type { Person, Role } from '../../../bot/mus/person.js';
import { STEP_NUMBERS, type StepNumber } from '../../../bot/mus/rollout-steps.js';
import {
  launchStep,
  newRound,
  preparationDone,
  type NewRoundInput,
  type Round,
} from '../../../bot/mus/round.js';
import { newSkema, type Skema } from '../../../bot/mus/skema.js';

/** A fixed clock so tests never depend on today's date. */
export const NOW = new Date('2026-03-02T09:00:00.000Z');

export function minutesLater(minutes: number, from: Date = NOW): Date {
  return new Date(from.getTime() + minutes * 60_000);
}

export const HR = 'hr@example.dk';
export const LEADER = 'leder@example.dk';
export const EMPLOYEE = 'medarbejder@example.dk';

export function aRound(overrides: Partial<NewRoundInput> = {}): Round {
  return newRound({
    orgId: 'org-1',
    id: 'round-1',
    name: 'MUS 2026',
    createdBy: HR,
    now: NOW,
    template: defaultMusTemplate(),
    ...overrides,
  });
}

/** A round with steps 1..`last` launched in order (none when `last` is 0). */
export function launchedThrough(last: 0 | StepNumber, round: Round = aRound()): Round {
  return STEP_NUMBERS.filter((s) => s <= last).reduce(
    (r, step) =>
      preparationDone(launchStep(r, step, HR, minutesLater(step)), step, minutesLater(step)),
    round,
  );
}

export function aSkema(overrides: Partial<Skema> = {}): Skema {
  return {
    ...newSkema({
      orgId: 'org-1',
      roundId: 'round-1',
      employeeEmail: EMPLOYEE,
      leaderEmail: LEADER,
      template: defaultMusTemplate(),
      now: NOW,
      by: LEADER,
    }),
    ...overrides,
  };
}

export function aPerson(email: string, roles: Role[], leaderEmail?: string): Person {
  return {
    orgId: 'org-1',
    email,
    name: email.split('@')[0]!,
    department: 'Drift',
    leaderEmail,
    roles,
  };
}

/** Runs `fn`, asserts it throws an instance of `type`, and returns the error for further checks. */
export function thrown<E extends Error>(
  fn: () => unknown,
  type: abstract new (...args: never[]) => E,
): E {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${type.name} to be thrown`);
}

/** Every text a domain error shows the user: its message and, for validation errors, each issue. */
export function userTexts(err: unknown): { where: string; text: Bilingual }[] {
  assert.ok(err instanceof DomainError, `expected a DomainError, got ${String(err)}`);
  const texts = [{ where: `${err.name}.userMessage`, text: err.userMessage }];
  if (err instanceof ValidationError) {
    for (const issue of err.issues) {
      texts.push({ where: `${err.name} issue ${issue.where}`, text: issue.message });
    }
  }
  return texts;
}

/** Asserts a user-visible text exists in both languages and is actually translated. */
export function assertBilingual(text: Bilingual, where: string): void {
  assert.equal(typeof text.da, 'string', `${where}: da is not a string`);
  assert.equal(typeof text.en, 'string', `${where}: en is not a string`);
  assert.ok(text.da.trim().length > 0, `${where}: Danish text is empty`);
  assert.ok(text.en.trim().length > 0, `${where}: English text is empty`);
  assert.notEqual(text.da, text.en, `${where}: Danish and English are the same text`);
}
