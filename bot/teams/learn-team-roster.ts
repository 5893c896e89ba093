import { normaliseEmail, type Person, type TeamsIdentity } from '../mus/person.js';
import type { PersonRepository } from '../mus/repositories.js';
import type { BotFramework, TeamsMember } from './bot-framework.js';
import type { ConversationRef } from './conversation-ref.js';
import { hasNewTeamsIds, teamsIdentityOf } from './identify-user.js';

/** Members per page: the most the Bot Connector hands out in one. */
const PAGE_SIZE = 500;

/**
 * Reads a team's members page by page and records the Teams ids of everyone on the roster, so the
 * rollout can open a 1:1 chat with them. The roster is read once and matched in memory; each page's
 * new ids are written in bulk, so a team of 25,000 costs about 50 pages and a few hundred
 * transactions instead of two storage round trips per member. `onPage` hears how far it got.
 * Returns how many members matched and how many did not.
 */
export async function learnTeamRoster(
  deps: { people: PersonRepository; bot: Pick<BotFramework, 'getPagedMembers'> },
  orgId: string,
  reference: ConversationRef,
  onPage?: (progress: { matched: number; unknown: number }) => void,
): Promise<{ matched: number; unknown: number; failed?: string }> {
  const roster = new Map((await deps.people.list(orgId)).map((p) => [p.email, p]));
  const tenantOfTeam = reference.conversation.tenantId;
  let matched = 0;
  let unknown = 0;
  let token: string | undefined;
  do {
    const page = await deps.bot.getPagedMembers(reference, token, PAGE_SIZE);
    if (!page.ok) return { matched, unknown, failed: page.reason };
    const updates: { email: string; identity: TeamsIdentity }[] = [];
    for (const member of page.members) {
      const person = rosterPersonOf(roster, member);
      if (!person) {
        unknown++;
        continue;
      }
      matched++;
      const identity = teamsIdentityOf(member, member.tenantId ?? tenantOfTeam);
      if (hasNewTeamsIds(person, identity)) updates.push({ email: person.email, identity });
    }
    if (updates.length > 0) await deps.people.setTeamsIdentities(orgId, updates);
    onPage?.({ matched, unknown });
    token = page.continuationToken;
  } while (token);
  return { matched, unknown };
}

/** The roster person a member is, by e-mail or else by user principal name. */
function rosterPersonOf(roster: ReadonlyMap<string, Person>, member: TeamsMember) {
  for (const address of [member.email, member.userPrincipalName]) {
    const person = address ? roster.get(normaliseEmail(address)) : undefined;
    if (person) return person;
  }
  return undefined;
}
