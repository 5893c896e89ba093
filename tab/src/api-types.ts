/*
 * The shapes the server's tab API sends, taken from the server's own types (type-only imports: none
 * of the server's code ends up in the bundle).
 */
export type {
  AgreementView,
  PersonRef,
  PrivateNoteView,
  SkemaView,
} from '../../bot/skema/skema-view.js';
export type { TeamMember, TeamOverview, StatusCounts } from '../../bot/skema/leader-team.js';
export type { RoundSummary, RoundRole } from '../../bot/skema/my-rounds.js';
export type { SkemaStatus } from '../../bot/mus/skema.js';
export type { TalkClockAction, TalkClockView } from '../../bot/mus/talk-clock.js';
export type { TalkClockAnswer } from '../../bot/skema/talk-clock.js';
export type { AgreementListItem, MyAgreements } from '../../bot/skema/my-agreements.js';
export type { SavedSkema } from '../../bot/api/prefer-minimal.js';
export type { UnitEvaluation } from '../../bot/evaluation/unit-evaluation.js';
export type {
  GroupMember,
  GroupPreparation,
  GroupTalkView,
} from '../../bot/group-talk/group-talk-view.js';
export type { AgreementStatus } from '../../bot/mus/agreement.js';
export type {
  DepartmentOverview,
  EvaluationOverview,
  LeaderOverview,
  RoundOverview,
  SkemaCounts,
  StepOverview,
} from '../../bot/overview/round-overview.js';
export type { EvaluationGroupResult, StatementResult } from '../../bot/mus/evaluation-results.js';
export type { Role } from '../../bot/mus/person.js';
export type { RoundSetupView } from '../../bot/api/round-setup-view.js';
export type { SkemaTemplate, TemplateSection } from '../../bot/mus/skema-template.js';
export type { StepTwoInvitation } from '../../bot/mus/step-two-invitation.js';
export type { HrContact } from '../../bot/mus/organisation.js';
export type { RoundKind } from '../../bot/mus/round.js';
export type { TalkTimeSuggestions as BookingSuggestions } from '../../bot/booking/book-talk.js';
export type { MeetingTabOutcome } from '../../bot/booking/meeting-tab.js';

import type { Bilingual } from '../../bot/mus/bilingual.js';
import type { Role } from '../../bot/mus/person.js';
import type { MeetingTabOutcome } from '../../bot/booking/meeting-tab.js';
import type { SkemaView as ServerSkemaView } from '../../bot/skema/skema-view.js';

/** GET /api/me */
export interface Me {
  email: string;
  name: string;
  department: string;
  roles: Role[];
  leaderEmail: string | null;
}

/** GET/PUT /api/organisation (HR only). */
export interface OrganisationView {
  coreTask: string;
  hrContact: { name: string; email?: string; phone?: string } | null;
  etag: string;
}

/** GET /api/dev/people (dev mode only). */
export interface DevPerson {
  email: string;
  name: string;
  department: string;
  roles: Role[];
}

/** POST …/booking: the skema with its planned time, the calendar event, what else happened. */
export interface BookedTalk {
  skema: ServerSkemaView;
  event: { id: string; webLink?: string; joinUrl?: string };
  employeeTold: boolean;
  meetingTab: MeetingTabOutcome;
}

/** The body of every API error. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: Bilingual;
    issues?: { where: string; message: Bilingual }[];
    current?: unknown;
    changed?: string[];
  };
}
