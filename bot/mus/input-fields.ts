import { z } from 'zod';
import { AGREEMENT_STATUSES } from './agreement.js';
import { isValidEmail, normaliseEmail } from './person.js';
import { STEP_NUMBERS } from './rollout-steps.js';
import { INPUT_FIELD_RULE_TEXTS } from '../../texts/rules.js';

/*
 * The fields every way into the app shares: the API's paths and bodies and the card buttons' data
 * are checked by these same schemas, so a round id or an e-mail means the same wherever it arrives.
 * Refinements carry their message in both languages (`params`), which the API's validation retells.
 */

/** Round ids as HR's rounds are made (letters, digits, `-`, `_`, `.`). */
export const roundIdSchema = z
  .string()
  .refine((id) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id), {
    params: INPUT_FIELD_RULE_TEXTS.params,
  });

/** An e-mail address, matched in lower case. */
export const emailSchema = z.string().max(254).transform(normaliseEmail).refine(isValidEmail, {
  params: INPUT_FIELD_RULE_TEXTS.params2,
});

/** The version a write is based on, as storage handed it out. */
export const etagSchema = z.string().min(1).max(200);

/** An agreement's id within its skema. */
export const agreementIdSchema = z.string().refine((id) => /^[A-Za-z0-9-]{1,64}$/.test(id), {
  params: INPUT_FIELD_RULE_TEXTS.params3,
});

export const agreementStatusSchema = z.enum(AGREEMENT_STATUSES);

/** One of the method's five steps. */
export const stepNumberSchema = z.union(STEP_NUMBERS.map((n) => z.literal(n)));
