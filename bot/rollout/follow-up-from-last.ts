import { followUpSnapshot, type Agreement, type FollowUpItem } from '../mus/agreement.js';
import type { Repositories } from '../mus/repositories.js';
import type { Round } from '../mus/round.js';

/**
 * The round a new round follows up: the newest earlier round of the same kind (a LUS round follows
 * the last LUS round, a MUS round the last MUS round), or none.
 */
export async function previousRound(
  repositories: Pick<Repositories, 'rounds'>,
  round: Round,
): Promise<Round | undefined> {
  const rounds = await repositories.rounds.list(round.orgId);
  return rounds.find(
    (r) => r.id !== round.id && r.kind === round.kind && r.createdAt <= round.createdAt,
  );
}

/**
 * "Opfølgning fra sidst": each person's agreements from the previous round, as they stand now, by
 * the email of the person whose skema they were made in. One partition read of the previous round.
 */
export async function followUpFromLast(
  repositories: Pick<Repositories, 'rounds' | 'agreements'>,
  round: Round,
): Promise<Map<string, FollowUpItem[]>> {
  const previous = await previousRound(repositories, round);
  const byPerson = new Map<string, Agreement[]>();
  if (!previous) return new Map();
  for (const { value } of await repositories.agreements.listByRound(round.orgId, previous.id)) {
    const list = byPerson.get(value.employeeEmail) ?? [];
    list.push(value);
    byPerson.set(value.employeeEmail, list);
  }
  return new Map([...byPerson].map(([email, list]) => [email, followUpSnapshot(list)]));
}
