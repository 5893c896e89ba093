import type { Agreement, AgreementStatus, FollowUpItem } from '../mus/agreement.js';
import { may, relationTo } from '../mus/access-rules.js';
import type { Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { SkemaTemplate } from '../mus/skema-template.js';
import {
  employeeCanEdit,
  leaderCanEditNotes,
  skemaStage,
  type PrivateNote,
  type Skema,
  type SkemaStage,
  type SkemaStatus,
} from '../mus/skema.js';
import { clockView, type TalkClockView } from '../mus/talk-clock.js';
import type { SkemaServices } from './skema-services.js';

/*
 * What the tab is sent about a skema: exactly what the viewer may see (docs/architecture.md, "Who sees what"). Only the two
 * parties ever get a view; HR gets statuses elsewhere. The leader's private note is added for that
 * leader alone. Texts are returned verbatim; the tab escapes them.
 */

export interface PersonRef {
  email: string;
  name: string;
}

export interface AgreementView {
  id: string;
  what: string;
  ownerEmail: string;
  dueDate: string;
  status: AgreementStatus;
  createdAt: string;
  updatedAt: string;
  etag: string;
  /** Whether the viewer may move its status on (its owner or the leader). */
  canUpdateStatus: boolean;
}

export interface PrivateNoteView {
  text: string;
  /** null until the note is first saved; send it back as `etag` when saving. */
  etag: string | null;
}

export interface SkemaView {
  roundId: string;
  roundName: string;
  /** The organisation's own statement of its core task, shown at the top of the skema. */
  coreTask: string;
  viewerRole: 'employee' | 'leader';
  employee: PersonRef;
  leader: PersonRef;
  status: SkemaStatus;
  /** Where the skema is, in the words the cards and the tab show (skemaStage). */
  stage: SkemaStage;
  template: SkemaTemplate;
  answers: Record<string, string>;
  talkNotes: Record<string, string>;
  understandings: boolean[];
  talkAt: string | null;
  /** The talk's clock at the time of this answer; null before the talk has started. */
  talkClock: TalkClockView | null;
  followUpDate: string | null;
  employeeComment: string | null;
  sentAt: string;
  preparedAt: string | null;
  heldAt: string | null;
  finalisedAt: string | null;
  acknowledgedAt: string | null;
  updatedAt: string;
  updatedBy: string;
  etag: string;
  agreements: AgreementView[];
  /** "Opfølgning fra sidst": the previous round's agreements as they stood when this was sent. */
  followUp: FollowUpItem[];
  /** When the retention period removed answers, notes and comment; null while they are kept. */
  contentDeletedAt: string | null;
  /** Present for the leader only. */
  privateNote?: PrivateNoteView;
  can: {
    editAnswers: boolean;
    startTalk: boolean;
    editTalkNotes: boolean;
    finalise: boolean;
    acknowledge: boolean;
    manageAgreements: boolean;
    editPrivateNote: boolean;
  };
}

export function agreementView(
  viewer: Person,
  skema: Pick<Skema, 'employeeEmail' | 'leaderEmail'>,
  agreement: Versioned<Agreement>,
): AgreementView {
  const a = agreement.value;
  return {
    id: a.id,
    what: a.what,
    ownerEmail: a.ownerEmail,
    dueDate: a.dueDate,
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    etag: agreement.etag,
    canUpdateStatus: may.updateAgreementStatus(viewer, skema, a.ownerEmail),
  };
}

/** The note as its leader sees it; an empty one when none is written yet. */
export function privateNoteView(note: Versioned<PrivateNote> | undefined): PrivateNoteView {
  return note ? { text: note.value.text, etag: note.etag } : { text: '', etag: null };
}

async function personRef(
  services: SkemaServices,
  orgId: string,
  email: string,
): Promise<PersonRef> {
  const person = await services.repositories.people.get(orgId, email);
  return { email, name: person?.value.name ?? email };
}

/**
 * Builds the viewer's view of a skema they are a party to (the caller has checked that). Reads the
 * names, the round, the organisation's core task, the agreements and, for the leader, the private note.
 */
export async function skemaView(
  services: SkemaServices,
  viewer: Person,
  versioned: Versioned<Skema>,
): Promise<SkemaView> {
  const skema = versioned.value;
  const { repositories } = services;
  const role = relationTo(viewer, skema) === 'employee' ? 'employee' : 'leader';
  const [employee, leader, round, org, agreements, note] = await Promise.all([
    personRef(services, viewer.orgId, skema.employeeEmail),
    personRef(services, viewer.orgId, skema.leaderEmail),
    repositories.rounds.get(viewer.orgId, skema.roundId),
    repositories.organisations.get(viewer.orgId),
    repositories.agreements.listForSkema(viewer.orgId, skema.roundId, skema.employeeEmail),
    role === 'leader'
      ? repositories.privateNotes.get(viewer.orgId, skema.roundId, skema.employeeEmail)
      : Promise.resolve(undefined),
  ]);
  const isLeader = role === 'leader';
  // A note a previous leader wrote stays theirs: the new leader neither reads nor overwrites it.
  const noteReadable = !note || may.readPrivateNote(viewer, note.value);
  const view: SkemaView = {
    roundId: skema.roundId,
    roundName: round?.value.name ?? skema.roundId,
    coreTask: org?.value.coreTask ?? '',
    viewerRole: role,
    employee,
    leader,
    status: skema.status,
    stage: skemaStage(skema),
    template: skema.template,
    answers: skema.answers,
    talkNotes: skema.talkNotes,
    understandings: skema.understandings,
    talkAt: skema.talkAt ?? null,
    talkClock: skema.talkClock ? clockView(skema.talkClock, services.now()) : null,
    followUpDate: skema.followUpDate ?? null,
    employeeComment: skema.employeeComment ?? null,
    sentAt: skema.sentAt,
    preparedAt: skema.preparedAt ?? null,
    heldAt: skema.heldAt ?? null,
    finalisedAt: skema.finalisedAt ?? null,
    acknowledgedAt: skema.acknowledgedAt ?? null,
    updatedAt: skema.updatedAt,
    updatedBy: skema.updatedBy,
    etag: versioned.etag,
    agreements: agreements
      .sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt))
      .map((a) => agreementView(viewer, skema, a)),
    followUp: skema.followUp ?? [],
    contentDeletedAt: skema.contentDeletedAt ?? null,
    can: {
      editAnswers: !isLeader && employeeCanEdit(skema),
      startTalk: isLeader && employeeCanEdit(skema),
      editTalkNotes: isLeader && leaderCanEditNotes(skema),
      finalise: isLeader && leaderCanEditNotes(skema),
      acknowledge: !isLeader && skema.status === 'finalised',
      manageAgreements: isLeader && leaderCanEditNotes(skema),
      editPrivateNote: isLeader && noteReadable,
    },
  };
  if (isLeader && noteReadable) view.privateNote = privateNoteView(note);
  return view;
}
