import { normaliseEmail, type Person, type TeamsIdentity } from '../mus/person.js';
import type { PersonRepository } from '../mus/repositories.js';
import type { BotFramework, TeamsMember } from './bot-framework.js';
import type { IncomingTurn } from './turn.js';

/** The Teams ids a member comes with, as recorded on the roster person. */
export function teamsIdentityOf(member: TeamsMember, tenantId: string | undefined): TeamsIdentity {
  return {
    userId: member.userId,
    ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}

/** Whether the ids tell us something the roster does not know yet. */
export function hasNewTeamsIds(person: Person, identity: TeamsIdentity): boolean {
  const known = person.teams;
  return (
    known?.userId !== identity.userId ||
    (identity.aadObjectId !== undefined && known?.aadObjectId !== identity.aadObjectId)
  );
}

/** The roster person a Teams member is, by email or UPN; records their Teams ids when new. */
export async function matchMember(
  people: PersonRepository,
  orgId: string,
  member: TeamsMember,
  tenantId: string | undefined,
): Promise<Person | undefined> {
  for (const address of [member.email, member.userPrincipalName]) {
    if (!address) continue;
    const found = await people.get(orgId, normaliseEmail(address));
    if (!found) continue;
    const identity = teamsIdentityOf(member, tenantId);
    if (!hasNewTeamsIds(found.value, identity)) return found.value;
    await people.setTeamsIdentity(orgId, found.value.email, identity);
    return { ...found.value, teams: identity };
  }
  return undefined;
}

/**
 * Who is behind a turn: found by the Teams ids the bot has learnt, or else asked of Teams (the member's
 * email/UPN) and matched to the roster. Undefined when the person is not on the roster.
 */
export async function identifyUser(
  deps: { people: PersonRepository; bot: Pick<BotFramework, 'getMember'> },
  turn: IncomingTurn,
): Promise<Person | undefined> {
  const known = await deps.people.findByTeamsId(turn.orgId, {
    userId: turn.userId,
    ...(turn.aadObjectId ? { aadObjectId: turn.aadObjectId } : {}),
  });
  if (known) return known;
  const member = await deps.bot.getMember(turn.reference, turn.userId);
  if (!member.ok) return undefined;
  return matchMember(deps.people, turn.orgId, member.member, turn.reference.conversation.tenantId);
}
