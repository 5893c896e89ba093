import type { Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import * as SkemaRules from '../mus/skema.js';
import type { Skema } from '../mus/skema.js';
import { demandEmployee, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { writeSkema } from './write-skema.js';

export interface AnswersInput {
  answers: Record<string, string>;
  submit: boolean;
  etag: string;
}

/**
 * Applies the employee's answers to a skema already loaded for them and stores it over `etag`.
 * The chat card calls this directly (it has just read the skema); the tab goes through saveAnswers.
 */
export async function storeAnswers(
  services: SkemaServices,
  viewer: Person,
  loaded: Versioned<Skema>,
  input: AnswersInput,
): Promise<Versioned<Skema>> {
  demandEmployee(viewer, loaded.value);
  const next = SkemaRules.saveAnswers(loaded.value, input.answers, {
    submit: input.submit,
    by: viewer.email,
    now: services.now(),
  });
  return writeSkema(services, viewer, { loaded, etag: input.etag, next, attempt: next });
}

/**
 * The employee saves their preparation as a draft, or submits it (status → prepared). Answers not
 * sent are kept. Refused (409) once the leader has started the talk; 412 on a stale ETag. Returns
 * what is stored; the caller decides how much of it to show (skemaView).
 */
export async function saveAnswers(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: AnswersInput,
): Promise<Versioned<Skema>> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  return storeAnswers(services, viewer, loaded, input);
}
