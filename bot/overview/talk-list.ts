import { SKEMA_STATUS_LABELS } from '../cards/skema-status-labels.js';
import type { Bilingual } from '../mus/bilingual.js';
import { ForbiddenError, NotFoundError } from '../mus/errors.js';
import { hasRole, type Person } from '../mus/person.js';
import type { Repositories, TalkRecord } from '../mus/repositories.js';
import { csvDocument, type CsvValue } from './csv.js';
import { OVERVIEW_TEXTS } from '../../texts/overview.js';

/*
 * HR's list of who has had their talk, per leader: the documentation that everyone was offered and
 * held their yearly talk. Statuses and dates only, never what was written (HR sees status, not
 * contents).
 */

export interface TalkListServices {
  repositories: Pick<Repositories, 'rounds' | 'skemas' | 'people'>;
}

export interface TalkListEntry extends Omit<TalkRecord, 'leaderEmail'> {
  employeeName: string;
  /** The talk has taken place (held, finalised or acknowledged). */
  held: boolean;
}

export interface LeaderTalks {
  leaderEmail: string;
  leaderName: string;
  held: number;
  talks: TalkListEntry[];
}

export interface TalkList {
  round: { id: string; name: string };
  total: number;
  held: number;
  leaders: LeaderTalks[];
}

const ONLY_HR: Bilingual = OVERVIEW_TEXTS.talkList.onlyHr;

function wasHeld(record: Pick<TalkRecord, 'status'>): boolean {
  return (
    record.status === 'held' || record.status === 'finalised' || record.status === 'acknowledged'
  );
}

/** The round's talks per leader (leaders and their employees by name); HR only, else 403. */
export async function talkList(
  services: TalkListServices,
  viewer: Person,
  roundId: string,
): Promise<TalkList> {
  if (!hasRole(viewer, 'hr')) throw new ForbiddenError(ONLY_HR);
  const { rounds, skemas, people } = services.repositories;
  const round = await rounds.get(viewer.orgId, roundId);
  if (!round) throw new NotFoundError(OVERVIEW_TEXTS.talkList.roundDoesNotExist);
  const [records, roster] = await Promise.all([
    skemas.listTalkRecords(viewer.orgId, roundId),
    people.list(viewer.orgId),
  ]);
  const names = new Map(roster.map((p) => [p.email, p.name]));
  const byLeader = new Map<string, LeaderTalks>();
  for (const { leaderEmail, ...record } of records) {
    const leader = byLeader.get(leaderEmail) ?? {
      leaderEmail,
      leaderName: names.get(leaderEmail) ?? leaderEmail,
      held: 0,
      talks: [],
    };
    const held = wasHeld(record);
    leader.talks.push({
      ...record,
      employeeName: names.get(record.employeeEmail) ?? record.employeeEmail,
      held,
    });
    if (held) leader.held += 1;
    byLeader.set(leaderEmail, leader);
  }
  const leaders = [...byLeader.values()].sort((a, b) =>
    a.leaderName.localeCompare(b.leaderName, 'da'),
  );
  for (const leader of leaders) {
    leader.talks.sort((a, b) => a.employeeName.localeCompare(b.employeeName, 'da'));
  }
  return {
    round: { id: round.value.id, name: round.value.name },
    total: records.length,
    held: records.filter(wasHeld).length,
    leaders,
  };
}

function both(text: Bilingual): string {
  return text.da === text.en ? text.da : `${text.da} / ${text.en}`;
}

/** The list as CSV for Danish Excel: one row per employee, under their leader. */
export function talkListCsv(list: TalkList): string {
  const rows: CsvValue[][] = [
    [both(OVERVIEW_TEXTS.talkList.talksRound), list.round.name],
    [both(OVERVIEW_TEXTS.talkList.held), list.held, both(OVERVIEW_TEXTS.talkList.text), list.total],
    [],
    [
      both(OVERVIEW_TEXTS.talkList.leader),
      both(OVERVIEW_TEXTS.talkList.leadersEMail),
      both(OVERVIEW_TEXTS.talkList.employee),
      both(OVERVIEW_TEXTS.talkList.employeesEMail),
      both(OVERVIEW_TEXTS.talkList.department),
      both(OVERVIEW_TEXTS.talkList.status),
      both(OVERVIEW_TEXTS.talkList.talkHeld),
      both(OVERVIEW_TEXTS.talkList.planned),
      both(OVERVIEW_TEXTS.talkList.talkBegan),
      both(OVERVIEW_TEXTS.talkList.finalisedByLeader),
      both(OVERVIEW_TEXTS.talkList.acknowledged),
    ],
  ];
  for (const leader of list.leaders) {
    for (const talk of leader.talks) {
      rows.push([
        leader.leaderName,
        leader.leaderEmail,
        talk.employeeName,
        talk.employeeEmail,
        talk.department ?? null,
        both(SKEMA_STATUS_LABELS[talk.status]),
        talk.held ? 'Ja / Yes' : 'Nej / No',
        talk.talkAt ?? null,
        talk.heldAt ?? null,
        talk.finalisedAt ?? null,
        talk.acknowledgedAt ?? null,
      ]);
    }
  }
  return csvDocument(rows);
}
