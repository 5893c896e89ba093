import type { Person } from '../mus/person.js';
import { saveAnswers as applyAnswers } from '../mus/skema.js';
import { demandEmployee, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import type { SkemaServices } from './skema-services.js';
import { skemaView, type SkemaView } from './skema-view.js';
import { writeSkema } from './write-skema.js';

/**
 * The employee saves their preparation as a draft, or submits it (status → prepared). Answers not
 * sent are kept. Refused (409) once the leader has started the talk; 412 on a stale ETag.
 */
export async function saveAnswers(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: { answers: Record<string, string>; submit: boolean; etag: string },
): Promise<SkemaView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  demandEmployee(viewer, loaded.value);
  const next = applyAnswers(loaded.value, input.answers, {
    submit: input.submit,
    by: viewer.email,
    now: services.now(),
  });
  const saved = await writeSkema(services, viewer, {
    loaded,
    etag: input.etag,
    next,
    attempt: next,
  });
  return skemaView(services, viewer, saved);
}
