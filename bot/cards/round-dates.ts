import type { Locale } from '../mus/bilingual.js';
import type { Round } from '../mus/round.js';
import { stepDefinition } from '../mus/rollout-steps.js';
import { facts, type CardElement } from './elements.js';
import { formatDate } from './format.js';

/** The round's five steps with their deadlines, as a fact list shared by several cards. */
export function roundDates(round: Pick<Round, 'steps'>, locale: Locale): CardElement {
  return facts(
    round.steps.map((s) => [
      `${s.step}. ${stepDefinition(s.step).name[locale]}`,
      formatDate(s.deadline, locale),
    ]),
  );
}
