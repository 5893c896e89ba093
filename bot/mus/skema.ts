import type { FollowUpItem } from './agreement.js';
import { RuleError, ValidationError, type ValidationIssue } from './errors.js';
import {
  ANSWER_MAX_CHARS,
  NOTE_MAX_CHARS,
  questionSections,
  type SkemaTemplate,
} from './skema-template.js';
import { changeClock, startClock, type TalkClock } from './talk-clock.js';
import { SKEMA_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

/** The skema's life through the method's three phases. */
export const SKEMA_STATUSES = ['sent', 'prepared', 'held', 'finalised', 'acknowledged'] as const;
export type SkemaStatus = (typeof SKEMA_STATUSES)[number];

/**
 * One employee's skema in one round: the employee's preparation answers and the leader's shared talk
 * notes, per template section. The leader's private notes are stored apart (see `PrivateNote`).
 */
export interface Skema {
  orgId: string;
  roundId: string;
  employeeEmail: string;
  leaderEmail: string;
  /** The employee's department when the skema was sent; HR's overview counts by it. */
  department?: string;
  status: SkemaStatus;
  /** The template this skema was sent with; later template edits do not touch it. */
  template: SkemaTemplate;
  answers: Record<string, string>;
  talkNotes: Record<string, string>;
  /** Which of the four common understandings leader and employee have checked they share. */
  understandings: boolean[];
  /** Planned date and time of the talk (ISO), when known. */
  talkAt?: string;
  /** The talk's 45-minute clock, from the talk's start (talk-clock.ts). */
  talkClock?: TalkClock;
  followUpDate?: string;
  employeeComment?: string;
  /**
   * "Opfølgning fra sidst": the previous round's agreements as they stood when this skema was sent.
   * A read-only copy; absent when there was no previous round with agreements.
   */
  followUp?: FollowUpItem[];
  /** When the retention period removed the answers, talk notes and comment (the record remains). */
  contentDeletedAt?: string;
  sentAt: string;
  preparedAt?: string;
  heldAt?: string;
  finalisedAt?: string;
  acknowledgedAt?: string;
  updatedAt: string;
  updatedBy: string;
}

/** The leader's own notes about a talk; only that leader may read them. */
export interface PrivateNote {
  orgId: string;
  roundId: string;
  employeeEmail: string;
  leaderEmail: string;
  text: string;
  updatedAt: string;
}

export function newSkema(args: {
  orgId: string;
  roundId: string;
  employeeEmail: string;
  leaderEmail: string;
  template: SkemaTemplate;
  now: Date;
  by: string;
  followUp?: FollowUpItem[];
  department?: string;
}): Skema {
  const now = args.now.toISOString();
  const skema: Skema = {
    orgId: args.orgId,
    roundId: args.roundId,
    employeeEmail: args.employeeEmail,
    leaderEmail: args.leaderEmail,
    status: 'sent',
    template: args.template,
    answers: {},
    talkNotes: {},
    understandings: [false, false, false, false],
    sentAt: now,
    updatedAt: now,
    updatedBy: args.by,
  };
  if (args.followUp?.length) skema.followUp = args.followUp;
  if (args.department !== undefined) skema.department = args.department;
  return skema;
}

/**
 * Where a skema is, in words that say what happened (the cards and the tab show the same):
 *   draft         the employee's preparation, not sent to the leader yet ("Kladde")
 *   submitted     the preparation is sent to the leader ("Sendt til leder")
 *   in-talk       the leader has started the talk ("Samtale i gang")
 *   talk-held     the leader has ended the talk, not yet finalised the summary ("Samtale holdt")
 *   finalised     the leader has finalised; the employee is to acknowledge ("Afsluttet af leder")
 *   acknowledged  the employee has acknowledged the summary ("Kvitteret")
 */
export const SKEMA_STAGES = [
  'draft',
  'submitted',
  'in-talk',
  'talk-held',
  'finalised',
  'acknowledged',
] as const;
export type SkemaStage = (typeof SKEMA_STAGES)[number];

export function skemaStage(skema: Pick<Skema, 'status' | 'talkClock'>): SkemaStage {
  switch (skema.status) {
    case 'sent':
      return 'draft';
    case 'prepared':
      return 'submitted';
    case 'held':
      return skema.talkClock?.endedAt ? 'talk-held' : 'in-talk';
    case 'finalised':
      return 'finalised';
    case 'acknowledged':
      return 'acknowledged';
  }
}

/** The employee may change their preparation until the leader starts the talk. */
export function employeeCanEdit(skema: Skema): boolean {
  return skema.status === 'sent' || skema.status === 'prepared';
}

/** The leader writes shared talk notes from the talk's start until it is finalised. */
export function leaderCanEditNotes(skema: Skema): boolean {
  return skema.status !== 'finalised' && skema.status !== 'acknowledged';
}

function textIssues(
  texts: Record<string, string>,
  template: SkemaTemplate,
  field: string,
  max: number,
): ValidationIssue[] {
  const allowed = new Set(questionSections(template).map((s) => s.id));
  const issues: ValidationIssue[] = [];
  for (const [id, text] of Object.entries(texts)) {
    if (!allowed.has(id)) {
      issues.push({
        where: `${field}.${id}`,
        message: SKEMA_RULE_TEXTS.formHasNoSuch,
      });
    } else if (typeof text !== 'string' || text.length > max) {
      issues.push({
        where: `${field}.${id}`,
        message: fill(SKEMA_RULE_TEXTS.answerMayBeAt, { max, length: String(text).length }),
      });
    }
  }
  return issues;
}

/** The employee saves their answers as a draft (status unchanged) or submits them (→ prepared). */
export function saveAnswers(
  skema: Skema,
  answers: Record<string, string>,
  opts: { submit: boolean; by: string; now: Date },
): Skema {
  if (!employeeCanEdit(skema)) throw new RuleError(SKEMA_RULE_TEXTS.closedForEmployee);
  const issues = textIssues(answers, skema.template, 'answers', ANSWER_MAX_CHARS);
  if (issues.length) throw new ValidationError(issues);
  const now = opts.now.toISOString();
  return {
    ...skema,
    answers: { ...skema.answers, ...answers },
    status: opts.submit ? 'prepared' : skema.status,
    preparedAt: opts.submit ? now : skema.preparedAt,
    updatedAt: now,
    updatedBy: opts.by,
  };
}

/** The leader records talk notes; the first note (or an explicit start) moves the skema to `held`. */
export function saveTalkNotes(
  skema: Skema,
  notes: Record<string, string>,
  opts: { by: string; now: Date; understandings?: boolean[] },
): Skema {
  if (!leaderCanEditNotes(skema)) {
    throw new RuleError(SKEMA_RULE_TEXTS.formFinalisedNotesCan);
  }
  const issues = textIssues(notes, skema.template, 'talkNotes', NOTE_MAX_CHARS);
  if (opts.understandings && opts.understandings.length !== 4) {
    issues.push({
      where: 'understandings',
      message: SKEMA_RULE_TEXTS.thereAreFourCommon,
    });
  }
  if (issues.length) throw new ValidationError(issues);
  const now = opts.now.toISOString();
  return {
    ...skema,
    talkNotes: { ...skema.talkNotes, ...notes },
    understandings: opts.understandings ?? skema.understandings,
    status: skema.status === 'sent' || skema.status === 'prepared' ? 'held' : skema.status,
    heldAt: skema.heldAt ?? now,
    updatedAt: now,
    updatedBy: opts.by,
  };
}

/** The leader starts the talk: the employee's preparation is closed from here on. */
export function startTalk(skema: Skema, opts: { by: string; now: Date }): Skema {
  if (skema.status === 'held') return skema;
  if (!employeeCanEdit(skema)) {
    throw new RuleError(SKEMA_RULE_TEXTS.talkHasAlreadyEnded);
  }
  const now = opts.now.toISOString();
  return {
    ...skema,
    status: 'held',
    heldAt: now,
    talkClock: startClock(opts.now),
    updatedAt: now,
    updatedBy: opts.by,
  };
}

/** The leader finalises: shared notes become read-only and the employee is asked to acknowledge. */
export function finalise(
  skema: Skema,
  opts: { by: string; now: Date; followUpDate?: string },
): Skema {
  if (skema.status !== 'held' && skema.status !== 'prepared' && skema.status !== 'sent') {
    throw new RuleError(SKEMA_RULE_TEXTS.formAlreadyFinalised);
  }
  const now = opts.now.toISOString();
  return {
    ...skema,
    status: 'finalised',
    heldAt: skema.heldAt ?? now,
    finalisedAt: now,
    // The talk is over once it is finalised: its clock stops for good.
    ...(skema.talkClock ? { talkClock: changeClock(skema.talkClock, 'end', opts.now) } : {}),
    followUpDate: opts.followUpDate ?? skema.followUpDate,
    updatedAt: now,
    updatedBy: opts.by,
  };
}

export const COMMENT_MAX_CHARS = 2000;

/** The employee acknowledges the summary, optionally with a comment. */
export function acknowledge(
  skema: Skema,
  opts: { by: string; now: Date; comment?: string },
): Skema {
  if (skema.status !== 'finalised') {
    throw new RuleError(
      skema.status === 'acknowledged'
        ? SKEMA_RULE_TEXTS.youHaveAlreadyAcknowledged
        : SKEMA_RULE_TEXTS.conversationNotFinalisedYet,
    );
  }
  const comment = opts.comment?.trim();
  if (comment && comment.length > COMMENT_MAX_CHARS) {
    throw new ValidationError([
      {
        where: 'comment',
        message: fill(SKEMA_RULE_TEXTS.commentMayBeAt, { COMMENT_MAX_CHARS }),
      },
    ]);
  }
  const now = opts.now.toISOString();
  return {
    ...skema,
    status: 'acknowledged',
    acknowledgedAt: now,
    employeeComment: comment || undefined,
    updatedAt: now,
    updatedBy: opts.by,
  };
}

/** Names the fields that differ between two versions, for showing a user what changed in a conflict. */
export function changedFields(before: Skema, after: Skema): string[] {
  const changed: string[] = [];
  for (const key of new Set([...Object.keys(before.answers), ...Object.keys(after.answers)])) {
    if ((before.answers[key] ?? '') !== (after.answers[key] ?? '')) changed.push(`answers.${key}`);
  }
  for (const key of new Set([...Object.keys(before.talkNotes), ...Object.keys(after.talkNotes)])) {
    if ((before.talkNotes[key] ?? '') !== (after.talkNotes[key] ?? ''))
      changed.push(`talkNotes.${key}`);
  }
  if (
    before.understandings.length !== after.understandings.length ||
    before.understandings.some((u, i) => u !== after.understandings[i])
  ) {
    changed.push('understandings');
  }
  for (const key of ['talkAt', 'followUpDate', 'employeeComment'] as const) {
    if ((before[key] ?? '') !== (after[key] ?? '')) changed.push(key);
  }
  if (before.status !== after.status) changed.push('status');
  return changed;
}

/** Whether the skema still holds texts that retention removes. */
export function hasTalkContent(
  skema: Pick<Skema, 'answers' | 'talkNotes' | 'employeeComment'>,
): boolean {
  return (
    Object.keys(skema.answers).length > 0 ||
    Object.keys(skema.talkNotes).length > 0 ||
    skema.employeeComment !== undefined
  );
}

/**
 * The skema after its round's retention period: the preparation answers, the shared talk notes and
 * the employee's comment are gone. What was agreed stays (agreements live apart, the follow-up copy
 * stays here), and so does the record of the talk: status, dates and the acknowledgement.
 */
export function withoutTalkContent(skema: Skema, now: Date): Skema {
  const next: Skema = {
    ...skema,
    answers: {},
    talkNotes: {},
    contentDeletedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    updatedBy: RETENTION_ACTOR,
  };
  delete next.employeeComment;
  return next;
}

/** Who `updatedBy` names when retention changed a skema. */
export const RETENTION_ACTOR = 'retention';
