import type { Bilingual } from './bilingual.js';
import { RuleError, ValidationError, type ValidationIssue } from './errors.js';
import { TERMS } from './glossary.js';
import { hasCoreTask, type Organisation } from './organisation.js';
import { STEP_NUMBERS, stepDefinition, type StepNumber } from './rollout-steps.js';
import { templateIssues, type SkemaTemplate } from './skema-template.js';
import { invitationIssues, type StepTwoInvitation } from './step-two-invitation.js';
import { ROUND_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

export type RoundKind = 'MUS' | 'GRUS' | 'LUS';

export interface RoundStep {
  step: StepNumber;
  /** The step's deadline as an ISO date (`YYYY-MM-DD`). */
  deadline: string;
  launchedAt?: string;
  launchedBy?: string;
  /**
   * Set at launch while the step's work (skemas, group talks, one outbox row per recipient) is done in
   * the background, so the launch itself answers at once; removed when the work is done.
   */
  preparing?: StepPreparation;
  /** When the background work of the launch was done (absent on steps launched before it existed). */
  preparedAt?: string;
}

/** How far the background work of a launched step has come, and which process holds it. */
export interface StepPreparation {
  /** What is being done: creating the skemas (step 3), or queueing one card per recipient. */
  phase?: 'skemas' | 'cards';
  /** Recipients of the step, once known. */
  total?: number;
  /** How many of them the current phase has done. */
  done?: number;
  /** The process doing the work and until when its lease runs; another may take over after that. */
  leaseOwner?: string;
  leaseUntil?: string;
}

export interface Round {
  orgId: string;
  id: string;
  name: string;
  kind: RoundKind;
  createdAt: string;
  createdBy: string;
  /** Always five entries, in step order. */
  steps: RoundStep[];
  /** The template skemas are sent with; editable until step 3 is launched. */
  template: SkemaTemplate;
  /** HR's own words and questions on the employees' step-2 card; editable until step 2 is launched. */
  invitation?: StepTwoInvitation;
  closedAt?: string;
  /** When the retention job removed the talk notes and answers of this (closed) round. */
  retentionAppliedAt?: string;
  /** Where the round card was posted in HR's channel, so it can be updated in place. */
  announcement?: {
    conversationKey: string;
    activityId: string;
    /** The language of the HR person who created the round: the card's language between refreshes. */
    locale?: 'da' | 'en';
  };
}

export const ROUND_NAME_MAX = 80;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/**
 * Default deadlines for a new round: a week for each of steps 1–3, four weeks for the talks, two weeks
 * for the evaluation. HR can change them.
 */
export function defaultDeadlines(start: Date): string[] {
  const offsets = [7, 14, 21, 49, 63];
  return offsets.map((days) =>
    new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10),
  );
}

export interface NewRoundInput {
  orgId: string;
  id: string;
  name: string;
  kind?: RoundKind;
  createdBy: string;
  now: Date;
  deadlines?: string[];
  template: SkemaTemplate;
}

/** What is wrong with five deadlines: not five ISO dates, or not in the order of the steps. */
function deadlineIssues(deadlines: string[]): ValidationIssue[] {
  if (deadlines.length !== 5 || !deadlines.every(isIsoDate)) {
    return [
      {
        where: 'deadlines',
        message: ROUND_RULE_TEXTS.thereMustBeFive,
      },
    ];
  }
  if (deadlines.some((d, i) => i > 0 && d < deadlines[i - 1]!)) {
    return [
      {
        where: 'deadlines',
        message: ROUND_RULE_TEXTS.deadlinesMustFollowOrder,
      },
    ];
  }
  return [];
}

/** Creates a round after checking its name and that the five deadlines are valid dates in step order. */
export function newRound(input: NewRoundInput): Round {
  const name = input.name.trim();
  const deadlines = input.deadlines ?? defaultDeadlines(input.now);
  const issues: ValidationIssue[] = [];
  if (!name || name.length > ROUND_NAME_MAX) {
    issues.push({
      where: 'name',
      message: fill(ROUND_RULE_TEXTS.roundsNameMustBe, { ROUND_NAME_MAX }),
    });
  }
  issues.push(...deadlineIssues(deadlines));
  if (issues.length) throw new ValidationError(issues);
  return {
    orgId: input.orgId,
    id: input.id,
    name,
    kind: input.kind ?? 'MUS',
    createdAt: input.now.toISOString(),
    createdBy: input.createdBy,
    steps: STEP_NUMBERS.map((step, i) => ({ step, deadline: deadlines[i]! })),
    template: input.template,
  };
}

export function roundStep(round: Pick<Round, 'steps'>, step: StepNumber): RoundStep {
  const found = round.steps.find((s) => s.step === step);
  if (!found) throw new RangeError(`round has no step ${String(step)}`);
  return found;
}

export type LaunchCheck = { ok: true } | { ok: false; alreadyLaunched: boolean; reason: Bilingual };

/**
 * Whether HR may launch `step` now: rounds are taken step by step, each step once, never after
 * closing, and step 1 only once the organisation has written its core task (checked when `org` is
 * given: the launch always gives it; a card that only draws the round may not have it).
 */
export function checkLaunch(
  round: Round,
  step: StepNumber,
  org?: Pick<Organisation, 'coreTask'>,
): LaunchCheck {
  const name = stepDefinition(step).name;
  if (round.closedAt) {
    return { ok: false, alreadyLaunched: false, reason: TERMS.roundClosed };
  }
  if (roundStep(round, step).launchedAt) {
    return {
      ok: false,
      alreadyLaunched: true,
      reason: fill(ROUND_RULE_TEXTS.reason, { step, name }),
    };
  }
  const previous = step > 1 ? roundStep(round, (step - 1) as StepNumber) : undefined;
  if (previous?.preparing) {
    const prev = stepDefinition(previous.step).name;
    return {
      ok: false,
      alreadyLaunched: false,
      reason: fill(ROUND_RULE_TEXTS.reason2, { step: previous.step, prev }),
    };
  }
  if (step > 1 && !previous!.launchedAt) {
    const prev = stepDefinition((step - 1) as StepNumber).name;
    return {
      ok: false,
      alreadyLaunched: false,
      reason: fill(ROUND_RULE_TEXTS.reason3, { value: step - 1, prev, step }),
    };
  }
  if (step === 1 && org && !hasCoreTask(org)) {
    return { ok: false, alreadyLaunched: false, reason: ROUND_RULE_TEXTS.coreTaskFirst };
  }
  return { ok: true };
}

/** Returns the round with `step` marked launched, or throws a RuleError saying why not. */
export function launchStep(round: Round, step: StepNumber, by: string, now: Date): Round {
  const check = checkLaunch(round, step);
  if (!check.ok) throw new RuleError(check.reason);
  return {
    ...round,
    steps: round.steps.map((s) =>
      s.step === step ? { ...s, launchedAt: now.toISOString(), launchedBy: by, preparing: {} } : s,
    ),
  };
}

/** The steps whose launch still has background work to do. */
export function stepsBeingPrepared(round: Round): RoundStep[] {
  return round.steps.filter((s) => s.launchedAt && s.preparing);
}

/** Whether `owner` may work on the step's preparation at `now`: nobody holds it, it is theirs, or the lease ran out. */
export function mayPrepare(step: RoundStep, owner: string, now: Date): boolean {
  const p = step.preparing;
  if (!p) return false;
  return (
    !p.leaseOwner || p.leaseOwner === owner || !p.leaseUntil || p.leaseUntil <= now.toISOString()
  );
}

/** The round with the step's preparation state replaced (progress and lease). */
export function withPreparation(round: Round, step: StepNumber, preparing: StepPreparation): Round {
  return { ...round, steps: round.steps.map((s) => (s.step === step ? { ...s, preparing } : s)) };
}

/** The round with the step's background work marked done. */
export function preparationDone(round: Round, step: StepNumber, now: Date): Round {
  return {
    ...round,
    steps: round.steps.map((s) => {
      if (s.step !== step) return s;
      const rest: RoundStep = { ...s, preparedAt: now.toISOString() };
      delete rest.preparing;
      return rest;
    }),
  };
}

/** HR may edit the template only until the skemas are sent (step 3). */
export function canEditTemplate(round: Round): boolean {
  return !round.closedAt && !roundStep(round, 3).launchedAt;
}

/** The round with HR's edited template, or a RuleError once it is locked / ValidationError if bad. */
export function withTemplate(round: Round, template: SkemaTemplate): Round {
  if (!canEditTemplate(round)) throw new RuleError(ROUND_RULE_TEXTS.templateLocked);
  const issues = templateIssues(template);
  if (issues.length) throw new ValidationError(issues);
  return { ...round, template };
}

/** HR may change the step-2 text and questions until the employees have been told (step 2). */
export function canEditInvitation(round: Round): boolean {
  return !round.closedAt && !roundStep(round, 2).launchedAt;
}

/** The round with HR's step-2 text and questions, or a RuleError once sent / ValidationError if bad. */
export function withInvitation(round: Round, invitation: StepTwoInvitation): Round {
  if (!canEditInvitation(round)) throw new RuleError(ROUND_RULE_TEXTS.invitationLocked);
  const issues = invitationIssues(invitation);
  if (issues.length) throw new ValidationError(issues);
  if (!invitation.text && invitation.questions.length === 0) {
    const rest = { ...round };
    delete rest.invitation;
    return rest;
  }
  return { ...round, invitation };
}

/**
 * The round with HR's deadlines: five dates in step order; a deadline that changes may not be in the
 * past (`today`, an ISO date).
 */
export function withDeadlines(round: Round, deadlines: string[], today: string): Round {
  const issues = deadlineIssues(deadlines);
  if (issues.length) throw new ValidationError(issues);
  round.steps.forEach((s, i) => {
    const next = deadlines[i]!;
    if (next === s.deadline) return;
    if (next < today) {
      issues.push({
        where: String(s.step),
        message: fill(ROUND_RULE_TEXTS.stepSDeadlineCannot, { step: s.step }),
      });
    }
  });
  if (round.closedAt) throw new RuleError(TERMS.roundClosed);
  if (issues.length) throw new ValidationError(issues);
  return { ...round, steps: round.steps.map((s, i) => ({ ...s, deadline: deadlines[i]! })) };
}

/** HR closes the round: no more steps can be launched, and the retention period starts. */
export function closeRound(round: Round, now: Date): Round {
  if (round.closedAt) throw new RuleError(TERMS.roundAlreadyClosed);
  return { ...round, closedAt: now.toISOString() };
}

/** When a round closed at `closedAt` has passed a retention period of `months` (UTC calendar months). */
export function retentionEndsAt(closedAt: string, months: number): Date {
  const end = new Date(closedAt);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end;
}

/** Whether the retention job should remove this round's talk notes and answers at `now`. */
export function retentionDue(
  round: Pick<Round, 'closedAt' | 'retentionAppliedAt'>,
  months: number,
  now: Date,
): boolean {
  if (!round.closedAt || round.retentionAppliedAt) return false;
  return now.getTime() >= retentionEndsAt(round.closedAt, months).getTime();
}
