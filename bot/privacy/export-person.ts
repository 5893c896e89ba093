import { demand, may } from '../mus/access-rules.js';
import type { AgreementStatus, FollowUpItem } from '../mus/agreement.js';
import type { AuditAction } from '../mus/audit.js';
import { AUDIT_LIST_MAX } from '../mus/audit.js';
import type { Bilingual } from '../mus/bilingual.js';
import { NotFoundError, RuleError } from '../mus/errors.js';
import type { GroupTalkStatus } from '../mus/group-talk.js';
import type { Person, Role, TeamsIdentity } from '../mus/person.js';
import type { RoundKind } from '../mus/round.js';
import { questionSections } from '../mus/skema-template.js';
import type { SkemaStatus } from '../mus/skema.js';
import { deliveriesConcerning } from './person-deliveries.js';
import type { PrivacyServices } from './privacy-services.js';
import { PRIVACY_TEXTS } from '../../texts/privacy.js';

/*
 * GDPR export (right of access): everything the app stores about one person, as JSON. It holds the
 * person's own data only. Other people appear solely as the leader of a talk (name and email) and as
 * the owner or author of what was written in the person's own talks (which is that leader). Left
 * out on purpose: evaluation answers (anonymous: nothing links them to anyone, so they are nobody's
 * personal data), other people's skemas, private notes a leader wrote about the person (they are the
 * leader's own notes; they appear in that leader's export), reminders sent to others, and the name of
 * the HR person behind an earlier export (the person sees it in the app's own audit view).
 */

export interface PersonRefExport {
  email: string;
  name: string;
}

export interface PersonExport {
  exportedAt: string;
  organisation: { id: string; name: string };
  person: {
    email: string;
    name: string;
    department: string;
    leaderEmail: string | null;
    roles: Role[];
    teams: TeamsIdentity | null;
  };
  /** The person's own skemas (as the employee of the talk), one per round. */
  skemas: {
    roundId: string;
    roundName: string;
    roundKind: RoundKind;
    leader: PersonRefExport;
    status: SkemaStatus;
    sections: { id: string; title: Bilingual; answer: string | null; talkNote: string | null }[];
    understandings: boolean[];
    talkAt: string | null;
    followUpDate: string | null;
    employeeComment: string | null;
    followUp: FollowUpItem[];
    sentAt: string;
    preparedAt: string | null;
    heldAt: string | null;
    finalisedAt: string | null;
    acknowledgedAt: string | null;
    contentDeletedAt: string | null;
  }[];
  /** The agreements made in the person's own talks. */
  agreements: {
    roundId: string;
    id: string;
    what: string;
    ownerEmail: string;
    dueDate: string;
    status: AgreementStatus;
    createdAt: string;
    updatedAt: string;
  }[];
  /** Private notes the person wrote as a leader: their own notes, so part of their export. */
  privateNotes: { roundId: string; aboutEmail: string; text: string; updatedAt: string }[];
  /** The rounds whose evaluation the person answered (the answers themselves are anonymous). */
  evaluationReceipts: { roundId: string; roundName: string }[];
  /** The Teams conversations the bot keeps to write to the person. */
  conversations: { key: string; updatedAt: string; reference: unknown }[];
  /**
   * Who opened the person's skema (one of their leaders), and when HR exported their data; newest
   * first. `viewer` is null for exports (listed as HR's, without naming the HR person, so the export
   * holds no one else's data) and for viewers who have since been erased.
   */
  auditTrail: {
    at: string;
    action: AuditAction;
    roundId: string | null;
    viewer: PersonRefExport | null;
  }[];
  /**
   * The group talks (GRUS) the person took part in, as a member or as the leader. The shared notes
   * are included where the person could read them (the leader always, a member once finalised);
   * other members appear by count only.
   */
  groupTalks: {
    roundId: string;
    roundName: string;
    part: 'leader' | 'member';
    leader: PersonRefExport;
    status: GroupTalkStatus;
    memberCount: number;
    notes: { id: string; title: Bilingual; note: string }[] | null;
    followUpDate: string | null;
    heldAt: string | null;
    finalisedAt: string | null;
    /** When the person (as a member) acknowledged the summary. */
    acknowledgedAt: string | null;
  }[];
  /** Cards the app sent or will send to the person. */
  deliveries: {
    roundId: string;
    step: number;
    audience: string;
    status: string;
    createdAt: string;
    updatedAt: string;
  }[];
}

const NO_PERSON = PRIVACY_TEXTS.exportPerson.noPerson;

export const EXPORT_REASON_MAX = 500;

/**
 * One person's data, for a request of access. A person downloads their own ("Mine data"): what they
 * wrote (their answers, and as a leader their own private notes), what was shared with them (the
 * talk notes and agreements of their talks, group talks), and who opened their skema. A leader's
 * private notes about an employee are the leader's working notes: they are in the leader's own
 * export, never in the employee's, and never in an export HR takes.
 *
 * HR exports someone else's data only with a stated reason, without any private notes, and the
 * export leaves a line (with the reason) in the audit trail of the person and of everyone whose
 * writing it contains (the leaders whose talk notes are in it), taken after the export so it does
 * not list itself.
 */
export async function exportPerson(
  services: PrivacyServices,
  viewer: Person,
  email: string,
  options: { reason?: string } = {},
): Promise<PersonExport> {
  const own = viewer.email === email;
  if (!own) {
    demand(may.exportPersonalData(viewer));
    if (!options.reason?.trim()) {
      throw new RuleError(PRIVACY_TEXTS.exportPerson.sayWhyYouExport);
    }
  }
  const { repositories } = services;
  const orgId = viewer.orgId;
  const [stored, org, rounds] = await Promise.all([
    repositories.people.get(orgId, email),
    repositories.organisations.get(orgId),
    repositories.rounds.list(orgId),
  ]);
  if (!stored) throw new NotFoundError(NO_PERSON);
  const person = stored.value;
  const names = new Map<string, Promise<string>>();
  const ref = async (who: string): Promise<PersonRefExport> => {
    if (!names.has(who)) {
      names.set(
        who,
        repositories.people.get(orgId, who).then((p) => p?.value.name ?? who),
      );
    }
    return { email: who, name: await names.get(who)! };
  };

  const result: PersonExport = {
    exportedAt: services.now().toISOString(),
    organisation: { id: orgId, name: org?.value.name ?? orgId },
    person: {
      email: person.email,
      name: person.name,
      department: person.department,
      leaderEmail: person.leaderEmail ?? null,
      roles: person.roles,
      teams: person.teams ?? null,
    },
    skemas: [],
    agreements: [],
    privateNotes: [],
    evaluationReceipts: [],
    conversations: [],
    auditTrail: [],
    groupTalks: [],
    deliveries: [],
  };

  for (const round of rounds) {
    const [skema, agreements, answered, led] = await Promise.all([
      repositories.skemas.get(orgId, round.id, email),
      repositories.agreements.listForSkema(orgId, round.id, email),
      repositories.evaluations.hasAnswered(orgId, round.id, email),
      repositories.skemas.listByLeader(orgId, round.id, email),
    ]);
    if (skema) {
      const s = skema.value;
      result.skemas.push({
        roundId: round.id,
        roundName: round.name,
        roundKind: round.kind,
        leader: await ref(s.leaderEmail),
        status: s.status,
        sections: questionSections(s.template).map((section) => ({
          id: section.id,
          title: section.title,
          answer: s.answers[section.id] ?? null,
          talkNote: s.talkNotes[section.id] ?? null,
        })),
        understandings: s.understandings,
        talkAt: s.talkAt ?? null,
        followUpDate: s.followUpDate ?? null,
        employeeComment: s.employeeComment ?? null,
        followUp: s.followUp ?? [],
        sentAt: s.sentAt,
        preparedAt: s.preparedAt ?? null,
        heldAt: s.heldAt ?? null,
        finalisedAt: s.finalisedAt ?? null,
        acknowledgedAt: s.acknowledgedAt ?? null,
        contentDeletedAt: s.contentDeletedAt ?? null,
      });
    }
    for (const { value: a } of agreements) {
      result.agreements.push({
        roundId: a.roundId,
        id: a.id,
        what: a.what,
        ownerEmail: a.ownerEmail,
        dueDate: a.dueDate,
        status: a.status,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      });
    }
    if (answered) result.evaluationReceipts.push({ roundId: round.id, roundName: round.name });
    if (round.kind === 'GRUS') {
      for (const { value: g } of await repositories.groupTalks.listByRound(orgId, round.id)) {
        const part =
          g.leaderEmail === email ? 'leader' : g.members.includes(email) ? 'member' : null;
        if (!part) continue;
        const readable = part === 'leader' || g.status === 'finalised';
        result.groupTalks.push({
          roundId: round.id,
          roundName: round.name,
          part,
          leader: await ref(g.leaderEmail),
          status: g.status,
          memberCount: g.members.length,
          notes: readable
            ? g.template.sections.map((section) => ({
                id: section.id,
                title: section.title,
                note: g.notes[section.id] ?? '',
              }))
            : null,
          followUpDate: readable ? (g.followUpDate ?? null) : null,
          heldAt: g.heldAt ?? null,
          finalisedAt: g.finalisedAt ?? null,
          acknowledgedAt: g.acknowledgedBy[email] ?? null,
        });
      }
    }
    // Private notes are the writer's own: only in their own export.
    for (const { value: s } of own ? led : []) {
      const note = await repositories.privateNotes.get(orgId, round.id, s.employeeEmail);
      if (note && note.value.leaderEmail === email) {
        result.privateNotes.push({
          roundId: round.id,
          aboutEmail: s.employeeEmail,
          text: note.value.text,
          updatedAt: note.value.updatedAt,
        });
      }
    }
  }

  const [conversations, trail, deliveries] = await Promise.all([
    repositories.conversations.listForPerson(orgId, email),
    repositories.audit.listAbout(orgId, email, AUDIT_LIST_MAX),
    deliveriesConcerning(services.deliveries, orgId, rounds, email),
  ]);
  result.conversations = conversations.map((c) => ({
    key: c.key,
    updatedAt: c.updatedAt,
    reference: c.reference,
  }));
  result.auditTrail = trail.map((e) => ({
    at: e.at,
    action: e.action,
    roundId: e.roundId ?? null,
    viewer: e.action === 'data-exported' ? null : (e.viewer ?? null),
  }));
  // Only the rows addressed to the person; a reminder about their agreement sent to their leader
  // is the leader's card.
  result.deliveries = deliveries.addressedTo.map((d) => ({
    roundId: d.roundId,
    step: d.step,
    audience: d.audience,
    status: d.status,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  }));

  if (own) return result;
  // Everyone whose data the file holds sees that it was exported: the person, and the leaders whose
  // talk notes and group-talk notes are in it.
  const concerned = new Set<string>([email]);
  for (const s of result.skemas) concerned.add(s.leader.email);
  for (const g of result.groupTalks) if (g.notes) concerned.add(g.leader.email);
  const at = services.now().toISOString();
  await Promise.all(
    [...concerned].map((employeeEmail) =>
      repositories.audit.record({
        orgId,
        employeeEmail,
        viewer: { email: viewer.email, name: viewer.name },
        action: 'data-exported',
        at,
        reason: options.reason!.trim().slice(0, EXPORT_REASON_MAX),
      }),
    ),
  );
  services.log.info(
    { audit: 'data-exported', orgId, people: concerned.size },
    'personal data exported',
  );
  return result;
}
