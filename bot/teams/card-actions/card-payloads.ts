import { z } from 'zod';
import {
  agreementIdSchema,
  agreementStatusSchema,
  emailSchema,
  etagSchema,
  roundIdSchema,
  stepNumberSchema,
} from '../../mus/input-fields.js';

/*
 * What each card button carries, checked with the same field schemas as the API. Objects are not
 * strict: Teams adds its own fields (and the card's inputs) beside the ones the button was given.
 */

/** The round card's refresh, and the evaluation card's button (its scores are read on their own). */
export const roundPayload = z.object({ roundId: roundIdSchema });

/** The round card's launch button. */
export const stepPayload = roundPayload.extend({ step: stepNumberSchema });

/** The round card's resend buttons, one per group HR can send to again. */
export const resendPayload = stepPayload.extend({
  group: z.enum(['failed', 'waiting', 'not-installed']),
});

/** A skema card's buttons: whose skema, and the version the card shows. */
export const skemaPayload = z.object({
  roundId: roundIdSchema,
  employeeEmail: emailSchema,
  etag: etagSchema,
});

/** An agreement card's status buttons. */
export const agreementPayload = skemaPayload.extend({
  agreementId: agreementIdSchema,
  status: agreementStatusSchema,
});

/** The button's data as its schema reads it, or undefined when it does not fit. */
export function readPayload<S extends z.ZodType>(
  schema: S,
  data: Record<string, unknown>,
): z.output<S> | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
