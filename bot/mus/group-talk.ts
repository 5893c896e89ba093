import { RuleError, ValidationError, type ValidationIssue } from './errors.js';
import type { Person } from './person.js';
import { NOTE_MAX_CHARS, type SkemaTemplate } from './skema-template.js';
import { GROUP_TALK_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

/*
 * GRUS, the group development talk. Each member prepares on their own, in their own skema (the GRUS
 * template's questions about the team); the leader then holds ONE talk with the whole team and writes
 * ONE set of notes per template section, agreements included, that every member acknowledges. The
 * group talk is what the team shares; a member's own preparation stays theirs (see group-talk-view).
 */

export const GROUP_TALK_STATUSES = ['sent', 'held', 'finalised'] as const;
export type GroupTalkStatus = (typeof GROUP_TALK_STATUSES)[number];

/** One team's group talk in one GRUS round, keyed by (org, round, leader). */
export interface GroupTalk {
  orgId: string;
  roundId: string;
  leaderEmail: string;
  /** The leader's participants when the skemas were sent (step 3), in email order. */
  members: string[];
  /** The members' departments then, each once, sorted. */
  departments: string[];
  status: GroupTalkStatus;
  /** The template the members' skemas were sent with; its sections are the notes' keys. */
  template: SkemaTemplate;
  /** The shared notes per template section, the agreements section included. */
  notes: Record<string, string>;
  followUpDate?: string;
  createdAt: string;
  heldAt?: string;
  finalisedAt?: string;
  /** Member email → when they acknowledged the finalised summary. */
  acknowledgedBy: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

export function newGroupTalk(args: {
  orgId: string;
  roundId: string;
  leaderEmail: string;
  members: Pick<Person, 'email' | 'department'>[];
  template: SkemaTemplate;
  now: Date;
}): GroupTalk {
  const now = args.now.toISOString();
  return {
    orgId: args.orgId,
    roundId: args.roundId,
    leaderEmail: args.leaderEmail,
    members: [...new Set(args.members.map((m) => m.email))].sort(),
    departments: [...new Set(args.members.map((m) => m.department).filter(Boolean))].sort(),
    status: 'sent',
    template: args.template,
    notes: {},
    createdAt: now,
    acknowledgedBy: {},
    updatedAt: now,
    updatedBy: args.leaderEmail,
  };
}

/** How a person stands to a group talk. HR as such has no part in it: it is the team's talk. */
export type GroupTalkRelation = 'leader' | 'member' | 'none';

export function groupTalkRelation(
  viewer: Pick<Person, 'email'>,
  talk: Pick<GroupTalk, 'leaderEmail' | 'members'>,
): GroupTalkRelation {
  if (viewer.email === talk.leaderEmail) return 'leader';
  if (talk.members.includes(viewer.email)) return 'member';
  return 'none';
}

/**
 * What a member may see: the frame (who, status) always, the shared notes only once the leader has
 * finalised them, so a half-written note is never read as what was agreed.
 */
export function memberMaySeeNotes(talk: Pick<GroupTalk, 'status'>): boolean {
  return talk.status === 'finalised';
}

/** Every section of the template can hold a note: the questions and the agreements. */
function noteIssues(talk: GroupTalk, notes: Record<string, string>): ValidationIssue[] {
  const allowed = new Set(talk.template.sections.map((s) => s.id));
  const issues: ValidationIssue[] = [];
  for (const [id, text] of Object.entries(notes)) {
    if (!allowed.has(id)) {
      issues.push({
        where: `notes.${id}`,
        message: GROUP_TALK_RULE_TEXTS.formHasNoSuch,
      });
    } else if (typeof text !== 'string' || text.length > NOTE_MAX_CHARS) {
      issues.push({
        where: `notes.${id}`,
        message: fill(GROUP_TALK_RULE_TEXTS.noteMayBeAt, { NOTE_MAX_CHARS }),
      });
    }
  }
  return issues;
}

/** The leader starts the group talk (idempotent while it is held). */
export function startGroupTalk(talk: GroupTalk, opts: { by: string; now: Date }): GroupTalk {
  if (talk.status === 'held') return talk;
  if (talk.status === 'finalised') throw new RuleError(GROUP_TALK_RULE_TEXTS.finalised);
  const now = opts.now.toISOString();
  return { ...talk, status: 'held', heldAt: now, updatedAt: now, updatedBy: opts.by };
}

/** The leader writes shared notes; the first note starts the talk. */
export function saveGroupNotes(
  talk: GroupTalk,
  notes: Record<string, string>,
  opts: { by: string; now: Date; followUpDate?: string | null },
): GroupTalk {
  if (talk.status === 'finalised') throw new RuleError(GROUP_TALK_RULE_TEXTS.finalised);
  const issues = noteIssues(talk, notes);
  if (issues.length) throw new ValidationError(issues);
  const now = opts.now.toISOString();
  const next: GroupTalk = {
    ...talk,
    notes: { ...talk.notes, ...notes },
    status: 'held',
    heldAt: talk.heldAt ?? now,
    updatedAt: now,
    updatedBy: opts.by,
  };
  if (opts.followUpDate === null) delete next.followUpDate;
  else if (opts.followUpDate !== undefined) next.followUpDate = opts.followUpDate;
  return next;
}

/** The leader finalises: the notes become read-only and every member is asked to acknowledge. */
export function finaliseGroupTalk(talk: GroupTalk, opts: { by: string; now: Date }): GroupTalk {
  if (talk.status === 'finalised') throw new RuleError(GROUP_TALK_RULE_TEXTS.finalised);
  const now = opts.now.toISOString();
  return {
    ...talk,
    status: 'finalised',
    heldAt: talk.heldAt ?? now,
    finalisedAt: now,
    updatedAt: now,
    updatedBy: opts.by,
  };
}

/** A member acknowledges the finalised summary, once. */
export function acknowledgeGroupTalk(
  talk: GroupTalk,
  opts: { memberEmail: string; now: Date },
): GroupTalk {
  if (!talk.members.includes(opts.memberEmail)) {
    throw new RuleError(GROUP_TALK_RULE_TEXTS.youAreNotPart);
  }
  if (talk.status !== 'finalised') {
    throw new RuleError(GROUP_TALK_RULE_TEXTS.groupTalkNotFinalised);
  }
  if (talk.acknowledgedBy[opts.memberEmail]) {
    throw new RuleError(GROUP_TALK_RULE_TEXTS.youHaveAlreadyAcknowledged);
  }
  const now = opts.now.toISOString();
  return {
    ...talk,
    acknowledgedBy: { ...talk.acknowledgedBy, [opts.memberEmail]: now },
    updatedAt: now,
    updatedBy: opts.memberEmail,
  };
}

/**
 * Erasure of a member: their email leaves the member list and the acknowledgements. What the leader
 * wrote in the shared notes is the team's record and stays (it names no one by key).
 */
export function withoutMember(talk: GroupTalk, email: string, now: Date): GroupTalk {
  const acknowledgedBy = { ...talk.acknowledgedBy };
  delete acknowledgedBy[email];
  return {
    ...talk,
    members: talk.members.filter((m) => m !== email),
    acknowledgedBy,
    updatedAt: now.toISOString(),
    updatedBy: talk.updatedBy === email ? ERASED_ACTOR : talk.updatedBy,
  };
}

/** Who `updatedBy` names after the person who last wrote was erased. */
export const ERASED_ACTOR = 'erased';

/** Names the fields that differ between two versions, for a conflict's `changed`. */
export function changedGroupFields(before: GroupTalk, after: GroupTalk): string[] {
  const changed: string[] = [];
  for (const key of new Set([...Object.keys(before.notes), ...Object.keys(after.notes)])) {
    if ((before.notes[key] ?? '') !== (after.notes[key] ?? '')) changed.push(`notes.${key}`);
  }
  if ((before.followUpDate ?? '') !== (after.followUpDate ?? '')) changed.push('followUpDate');
  if (before.status !== after.status) changed.push('status');
  return changed;
}

/** Notes on the template's question sections: the talk itself, which retention deletes. */
function talkSectionIds(talk: Pick<GroupTalk, 'template'>): Set<string> {
  return new Set(talk.template.sections.filter((s) => s.kind !== 'agreements').map((s) => s.id));
}

/** Whether the group talk still holds notes of the talk (not counting what was agreed). */
export function groupTalkHasTalkContent(talk: Pick<GroupTalk, 'template' | 'notes'>): boolean {
  const talkSections = talkSectionIds(talk);
  return Object.keys(talk.notes).some((id) => talkSections.has(id));
}

/**
 * The group talk once the retention period has passed: the notes of the talk are deleted; what the
 * team agreed (the agreements section), who took part, the dates and the acknowledgements are kept.
 */
export function groupTalkWithoutTalkContent(talk: GroupTalk, now: Date, by: string): GroupTalk {
  const talkSections = talkSectionIds(talk);
  const notes = Object.fromEntries(
    Object.entries(talk.notes).filter(([id]) => !talkSections.has(id)),
  );
  return { ...talk, notes, updatedAt: now.toISOString(), updatedBy: by };
}
