import { personRef } from '../logger.js';
import { demand, may } from '../mus/access-rules.js';
import { ConflictError } from '../mus/errors.js';
import { withoutMember } from '../mus/group-talk.js';
import type { Person } from '../mus/person.js';
import { deliveriesConcerning } from './person-deliveries.js';
import type { PrivacyServices } from './privacy-services.js';

/*
 * GDPR erasure (right to be forgotten) of one person, by HR. Removed: the person's skemas (as the
 * employee of the talk) with their answers, notes, comment and follow-up copy; the agreements made in
 * their talks; the private notes their leaders wrote about them; the private notes they wrote as a
 * leader; the receipts saying they answered an evaluation; every outbox row addressed to them or
 * reminding someone of their agreements; the app's install attempts for them; their Teams conversation references; their audit trail; and
 * their roster row with its index rows. In other people's audit trails their name and email are
 * removed while the time of the read stays.
 *
 * In a GRUS round's group talks the person leaves the member list and the acknowledgements; the
 * shared notes are the team's record and stay.
 *
 * Kept: the anonymous evaluation answers (nothing links them to the person) and, when the person was a
 * leader, their employees' skemas and agreements, which belong to those employees and still name
 * them as the leader of the talk. Remove or re-assign the person in the roster source too, or the
 * next roster import adds them again.
 */

export interface ErasureReport {
  person: boolean;
  skemas: number;
  agreements: number;
  privateNotes: number;
  evaluationReceipts: number;
  deliveries: number;
  conversations: number;
  auditEntries: number;
  auditEntriesAnonymised: number;
  /**
   * Group talks the person was removed from as a member; absent when they took part in none, so
   * the report of an organisation without GRUS rounds reads as before.
   */
  groupTalks?: number;
  /** Rounds in which the app had asked Graph to install it for the person; absent when none. */
  installAttempts?: number;
}

/** Erases everything stored about `email` in the viewer's organisation; safe to repeat. */
export async function erasePerson(
  services: PrivacyServices,
  viewer: Person,
  email: string,
): Promise<ErasureReport> {
  demand(may.erasePersonalData(viewer));
  const { repositories } = services;
  const orgId = viewer.orgId;
  const report: ErasureReport = {
    person: false,
    skemas: 0,
    agreements: 0,
    privateNotes: 0,
    evaluationReceipts: 0,
    deliveries: 0,
    conversations: 0,
    auditEntries: 0,
    auditEntriesAnonymised: 0,
  };
  const rounds = await repositories.rounds.list(orgId);

  // The outbox first, so no card about the person goes out while the rest is being removed.
  const rows = await deliveriesConcerning(services.deliveries, orgId, rounds, email);
  report.deliveries = await services.deliveries.remove([...rows.addressedTo, ...rows.about]);

  for (const round of rounds) {
    const [skema, agreements, noteAbout, answered, led] = await Promise.all([
      repositories.skemas.get(orgId, round.id, email),
      repositories.agreements.listForSkema(orgId, round.id, email),
      repositories.privateNotes.get(orgId, round.id, email),
      repositories.evaluations.hasAnswered(orgId, round.id, email),
      repositories.skemas.listByLeader(orgId, round.id, email),
    ]);
    for (const { value: a } of agreements) {
      await repositories.agreements.remove(orgId, round.id, email, a.id);
      report.agreements += 1;
    }
    if (noteAbout) {
      await repositories.privateNotes.remove(orgId, round.id, email);
      report.privateNotes += 1;
    }
    for (const { value: s } of led) {
      const note = await repositories.privateNotes.get(orgId, round.id, s.employeeEmail);
      if (note && note.value.leaderEmail === email) {
        await repositories.privateNotes.remove(orgId, round.id, s.employeeEmail);
        report.privateNotes += 1;
      }
    }
    if (answered) {
      await repositories.evaluations.removeReceipt(orgId, round.id, email);
      report.evaluationReceipts += 1;
    }
    if (skema) {
      await repositories.skemas.remove(orgId, round.id, email);
      report.skemas += 1;
    }
    if (round.kind === 'GRUS') {
      const scrubbed = await removeFromGroupTalks(services, orgId, round.id, email);
      if (scrubbed) report.groupTalks = (report.groupTalks ?? 0) + scrubbed;
    }
  }

  if (services.installAttempts) {
    const removed = await services.installAttempts.removePerson(
      orgId,
      rounds.map((r) => r.id),
      email,
    );
    if (removed) report.installAttempts = removed;
  }
  report.conversations = (await repositories.conversations.listForPerson(orgId, email)).length;
  await repositories.conversations.removePerson(orgId, email);
  report.auditEntries = await repositories.audit.removeAbout(orgId, email);
  report.auditEntriesAnonymised = await repositories.audit.anonymiseViewer(orgId, email);
  if (await repositories.people.get(orgId, email)) {
    await repositories.people.remove(orgId, email);
    report.person = true;
  }
  // The log says that an erasure happened and by whom, not whose data it was.
  services.log.info(
    { audit: 'person-erased', orgId, by: personRef(viewer.email), ...report },
    'person erased',
  );
  return report;
}

/** Takes the person out of the round's group talks; retried on a concurrent write. Returns how many. */
async function removeFromGroupTalks(
  services: PrivacyServices,
  orgId: string,
  roundId: string,
  email: string,
): Promise<number> {
  const { groupTalks } = services.repositories;
  let count = 0;
  for (const { value } of await groupTalks.listByRound(orgId, roundId)) {
    if (!value.members.includes(email) && !(email in value.acknowledgedBy)) continue;
    for (let attempt = 0; ; attempt++) {
      const stored = await groupTalks.get(orgId, roundId, value.leaderEmail);
      if (!stored) break;
      try {
        await groupTalks.update(withoutMember(stored.value, email, services.now()), stored.etag);
        count += 1;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 4) throw error;
      }
    }
  }
  return count;
}
