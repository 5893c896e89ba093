import type { Logger } from '../logger.js';
import { ForbiddenError, NotFoundError, type Versioned } from '../mus/errors.js';
import {
  groupTalkRelation,
  memberMaySeeNotes,
  type GroupTalk,
  type GroupTalkStatus,
} from '../mus/group-talk.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import { questionSections, type SkemaTemplate } from '../mus/skema-template.js';
import type { Skema } from '../mus/skema.js';
import { GROUP_TALK_TEXTS } from '../../texts/group-talk.js';

/*
 * The group talk as one viewer may see it. Who sees what (docs/architecture.md, "Who sees what"):
 *   - the leader: everything, and on GET each member's submitted preparation per question with their
 *     name, plus who has not prepared. A draft the member has not submitted stays the member's own.
 *     Opening them is written to each prepared member's audit trail, as opening their skema is.
 *   - a member: who is in the talk and its status always; the shared notes only once finalised;
 *     never the other members' individual preparation (in the method each brings their own
 *     thoughts into the talk; what the team shares is what was said and agreed there).
 *   - anyone else, HR included: 403. HR follows the members' skema statuses in the overview.
 */

export interface GroupTalkServices {
  repositories: Pick<Repositories, 'groupTalks' | 'skemas' | 'people' | 'rounds' | 'audit'>;
  now: () => Date;
  log: Logger;
}

export interface GroupTalkKey {
  roundId: string;
  leaderEmail: string;
}

export interface GroupMember {
  email: string;
  name: string;
  /** Leader only: whether the member has submitted their preparation (null for members). */
  prepared: boolean | null;
  /** Leader: when each member acknowledged; a member sees only their own. */
  acknowledgedAt: string | null;
}

/** One question's answers from every member who has prepared. */
export interface GroupPreparation {
  sectionId: string;
  answers: { email: string; name: string; text: string }[];
}

export interface GroupTalkView {
  roundId: string;
  roundName: string;
  leader: { email: string; name: string };
  viewerRole: 'leader' | 'member';
  status: GroupTalkStatus;
  template: SkemaTemplate;
  departments: string[];
  members: GroupMember[];
  /** The shared notes per section; null for a member until the talk is finalised. */
  notes: Record<string, string> | null;
  followUpDate: string | null;
  heldAt: string | null;
  finalisedAt: string | null;
  /**
   * Leader only, and only in the answer to GET (where the read is audited): the members' prepared
   * answers per question. Null in every other answer; the tab keeps what it loaded.
   */
  preparations: GroupPreparation[] | null;
  /** Leader only (with `preparations`): members who have not submitted a preparation. */
  notPrepared: { email: string; name: string }[] | null;
  etag: string;
  can: { editNotes: boolean; start: boolean; finalise: boolean; acknowledge: boolean };
}

const NO_GROUP_TALK = GROUP_TALK_TEXTS.groupTalkView.noGroupTalk;

/** Loads the group talk and checks the viewer takes part in it (leader or member). */
export async function loadGroupTalkForParty(
  services: GroupTalkServices,
  viewer: Person,
  key: GroupTalkKey,
): Promise<Versioned<GroupTalk>> {
  const stored = await services.repositories.groupTalks.get(
    viewer.orgId,
    key.roundId,
    key.leaderEmail,
  );
  if (!stored) {
    // Only those who would take part learn that there is none: to anyone else a missing talk and
    // someone else's talk look the same, so who leads a group talk cannot be probed.
    const wouldTakePart =
      viewer.email === key.leaderEmail || viewer.leaderEmail === key.leaderEmail;
    if (wouldTakePart) throw new NotFoundError(NO_GROUP_TALK);
    throw new ForbiddenError();
  }
  if (groupTalkRelation(viewer, stored.value) === 'none') throw new ForbiddenError();
  return stored;
}

function isSubmitted(skema: Skema): boolean {
  return skema.status !== 'sent';
}

async function namesOf(services: GroupTalkServices, talk: GroupTalk): Promise<Map<string, string>> {
  const { people } = services.repositories;
  const team = await people.listTeam(talk.orgId, talk.leaderEmail);
  const names = new Map(team.map((p) => [p.email, p.name]));
  const missing = [talk.leaderEmail, ...talk.members].filter((e) => !names.has(e));
  const found = await Promise.all(missing.map((e) => people.get(talk.orgId, e)));
  found.forEach((p, i) => names.set(missing[i]!, p?.value.name ?? missing[i]!));
  return names;
}

/**
 * Builds the view for `viewer`. With `withPreparations` (GET by the leader) the members' submitted
 * answers are read and each read is recorded in that member's audit trail before it is returned.
 */
export async function groupTalkView(
  services: GroupTalkServices,
  viewer: Person,
  stored: Versioned<GroupTalk>,
  options: { withPreparations?: boolean } = {},
): Promise<GroupTalkView> {
  const talk = stored.value;
  const relation = groupTalkRelation(viewer, talk);
  if (relation === 'none') throw new ForbiddenError();
  const isLeader = relation === 'leader';
  const [names, round, skemas] = await Promise.all([
    namesOf(services, talk),
    services.repositories.rounds.get(talk.orgId, talk.roundId),
    isLeader
      ? services.repositories.skemas.listByLeader(talk.orgId, talk.roundId, talk.leaderEmail)
      : Promise.resolve([]),
  ]);
  const nameOf = (email: string): string => names.get(email) ?? email;
  const members = new Set(talk.members);
  const submitted = skemas
    .map((s) => s.value)
    .filter((s) => members.has(s.employeeEmail) && isSubmitted(s));
  const preparedEmails = new Set(submitted.map((s) => s.employeeEmail));

  let preparations: GroupPreparation[] | null = null;
  let notPrepared: { email: string; name: string }[] | null = null;
  if (isLeader && options.withPreparations) {
    const at = services.now().toISOString();
    // The trail is written first: a read that cannot be recorded is refused, as for one skema.
    await Promise.all(
      submitted.map((s) =>
        services.repositories.audit.record({
          orgId: viewer.orgId,
          employeeEmail: s.employeeEmail,
          viewer: { email: viewer.email, name: viewer.name },
          action: 'skema-opened',
          roundId: talk.roundId,
          at,
        }),
      ),
    );
    services.log.info(
      { audit: 'group-preparations-opened', roundId: talk.roundId, count: submitted.length },
      'leader opened the group talk with the members’ preparations',
    );
    const ordered = [...submitted].sort((a, b) =>
      nameOf(a.employeeEmail).localeCompare(nameOf(b.employeeEmail), 'da'),
    );
    preparations = questionSections(talk.template).map((section) => ({
      sectionId: section.id,
      answers: ordered.map((s) => ({
        email: s.employeeEmail,
        name: nameOf(s.employeeEmail),
        text: s.answers[section.id] ?? '',
      })),
    }));
    notPrepared = talk.members
      .filter((e) => !preparedEmails.has(e))
      .map((email) => ({ email, name: nameOf(email) }));
  }

  const finalised = talk.status === 'finalised';
  const memberList: GroupMember[] = talk.members
    .map((email) => ({
      email,
      name: nameOf(email),
      prepared: isLeader ? preparedEmails.has(email) : null,
      acknowledgedAt:
        isLeader || email === viewer.email ? (talk.acknowledgedBy[email] ?? null) : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  return {
    roundId: talk.roundId,
    roundName: round?.value.name ?? talk.roundId,
    leader: { email: talk.leaderEmail, name: nameOf(talk.leaderEmail) },
    viewerRole: isLeader ? 'leader' : 'member',
    status: talk.status,
    template: talk.template,
    departments: talk.departments,
    members: memberList,
    notes: isLeader || memberMaySeeNotes(talk) ? talk.notes : null,
    followUpDate: isLeader || finalised ? (talk.followUpDate ?? null) : null,
    heldAt: talk.heldAt ?? null,
    finalisedAt: talk.finalisedAt ?? null,
    preparations,
    notPrepared,
    etag: stored.etag,
    can: {
      editNotes: isLeader && !finalised,
      start: isLeader && talk.status === 'sent',
      finalise: isLeader && !finalised,
      acknowledge: !isLeader && finalised && !talk.acknowledgedBy[viewer.email],
    },
  };
}
