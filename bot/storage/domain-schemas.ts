import { z } from 'zod';
import { AGREEMENT_STATUSES, type AgreementStatus, type FollowUpItem } from '../mus/agreement.js';
import type { Bilingual } from '../mus/bilingual.js';
import { DEFAULT_ORG_SETTINGS, type OrganisationSettings } from '../mus/organisation.js';
import { ROLES, type Role } from '../mus/person.js';
import type { RoundKind, RoundStep } from '../mus/round.js';
import { STEP_NUMBERS } from '../mus/rollout-steps.js';
import type { SkemaTemplate, TemplateSection } from '../mus/skema-template.js';
import { SKEMA_STATUSES, type SkemaStatus } from '../mus/skema.js';
import type { StepTwoInvitation } from '../mus/step-two-invitation.js';
import type { TalkClock } from '../mus/talk-clock.js';

/*
 * zod schemas for the domain values we store as JSON or as enumerated strings. Each is typed against
 * the domain interface, so a change in bot/mus/ that the schema does not follow fails to compile.
 */

export const bilingualSchema: z.ZodType<Bilingual> = z.object({ da: z.string(), en: z.string() });

const templateSectionSchema: z.ZodType<TemplateSection> = z.object({
  id: z.string(),
  kind: z.enum(['question', 'agreements']),
  title: bilingualSchema,
  prompt: bilingualSchema,
});

export const skemaTemplateSchema: z.ZodType<SkemaTemplate> = z.object({
  sections: z.array(templateSectionSchema),
});

export const stepTwoInvitationSchema: z.ZodType<StepTwoInvitation> = z.object({
  text: bilingualSchema.optional(),
  questions: z.array(bilingualSchema),
});

export const roundStepSchema: z.ZodType<RoundStep> = z.object({
  step: z.union(STEP_NUMBERS.map((n) => z.literal(n))),
  deadline: z.string(),
  launchedAt: z.string().optional(),
  launchedBy: z.string().optional(),
  preparing: z
    .object({
      phase: z.enum(['skemas', 'cards']).optional(),
      total: z.number().int().nonnegative().optional(),
      done: z.number().int().nonnegative().optional(),
      leaseOwner: z.string().optional(),
      leaseUntil: z.string().optional(),
    })
    .optional(),
  preparedAt: z.string().optional(),
});

export const roundKindSchema: z.ZodType<RoundKind> = z.enum(['MUS', 'GRUS', 'LUS']);

export const rolesSchema: z.ZodType<Role[]> = z.array(z.enum(ROLES));

export const organisationSettingsSchema: z.ZodType<OrganisationSettings> = z.object({
  retentionMonths: z.number(),
  // Organisations stored before the audit trail had its own period get the default.
  auditRetentionMonths: z.number().default(DEFAULT_ORG_SETTINGS.auditRetentionMonths),
  sendRatePerSecond: z.number(),
});

export const skemaStatusSchema: z.ZodType<SkemaStatus> = z.enum(SKEMA_STATUSES);

export const agreementStatusSchema: z.ZodType<AgreementStatus> = z.enum(AGREEMENT_STATUSES);

export const textsSchema: z.ZodType<Record<string, string>> = z.record(z.string(), z.string());

export const scoresSchema: z.ZodType<Record<string, number>> = z.record(z.string(), z.number());

export const understandingsSchema: z.ZodType<boolean[]> = z.array(z.boolean());

export const talkClockSchema: z.ZodType<TalkClock> = z.object({
  startedAt: z.string(),
  runningSince: z.string().nullable(),
  elapsedMs: z.number().nonnegative(),
  endedAt: z.string().optional(),
});

export const followUpSchema: z.ZodType<FollowUpItem[]> = z.array(
  z.object({
    fromRoundId: z.string(),
    what: z.string(),
    ownerEmail: z.string(),
    dueDate: z.string(),
    status: agreementStatusSchema,
  }),
);
