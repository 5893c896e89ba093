import type { Locale } from '../mus/bilingual.js';
import type { Round } from '../mus/round.js';
import { stepName } from '../mus/rollout-steps.js';
import { facts, type CardElement } from './elements.js';
import { formatDate } from './format.js';

/** The round's five steps, named for its kind, with their deadlines: a fact list shared by several cards. */
export function roundDates(round: Pick<Round, 'steps' | 'kind'>, locale: Locale): CardElement {
  return facts(
    round.steps.map((s) => [
      `${s.step}. ${stepName(s.step, round.kind)[locale]}`,
      formatDate(s.deadline, locale),
    ]),
  );
}
