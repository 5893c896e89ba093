import type { Versioned } from '../mus/errors.js';
import { normaliseEmail, type Person } from '../mus/person.js';
import type { PersonRepository, TeamsIdentityUpdate } from '../mus/repositories.js';
import type { BotFramework, TeamsMember } from './bot-framework.js';
import type { ConversationRef } from './conversation-ref.js';
import { hasNewTeamsIds, teamsIdentityOf } from './identify-user.js';

/** Members per page: the most the Bot Connector hands out in one. */
const PAGE_SIZE = 500;

/**
 * Reads a team's members page by page and records the Teams ids of everyone on the roster, so the
 * rollout can open a 1:1 chat with them. The roster is read once (with ETags) and matched in memory;
 * each page's new ids are written in bulk against those versions, so a team of 25,000 costs about
 * 50 pages and a few hundred transactions, and no storage read per member. `onPage` hears how far
 * it got.
 * Returns how many members matched and how many did not.
 */
export async function learnTeamRoster(
  deps: { people: PersonRepository; bot: Pick<BotFramework, 'getPagedMembers'> },
  orgId: string,
  reference: ConversationRef,
  onPage?: (progress: { matched: number; unknown: number }) => void,
): Promise<{ matched: number; unknown: number; failed?: string }> {
  const roster = new Map((await deps.people.listVersions(orgId)).map((p) => [p.value.email, p]));
  const tenantOfTeam = reference.conversation.tenantId;
  let matched = 0;
  let unknown = 0;
  let token: string | undefined;
  do {
    const page = await deps.bot.getPagedMembers(reference, token, PAGE_SIZE);
    if (!page.ok) return { matched, unknown, failed: page.reason };
    const updates: TeamsIdentityUpdate[] = [];
    for (const member of page.members) {
      const known = rosterPersonOf(roster, member);
      if (!known) {
        unknown++;
        continue;
      }
      matched++;
      const identity = teamsIdentityOf(member, member.tenantId ?? tenantOfTeam);
      if (hasNewTeamsIds(known.value, identity)) {
        updates.push({ email: known.value.email, identity, known });
      }
    }
    if (updates.length > 0) {
      // The new versions replace the listed ones, so a person met again later is compared (and
      // guarded) against what was just written.
      for (const written of await deps.people.setTeamsIdentities(orgId, updates)) {
        roster.set(written.value.email, written);
      }
    }
    onPage?.({ matched, unknown });
    token = page.continuationToken;
  } while (token);
  return { matched, unknown };
}

/** The roster person a member is, by e-mail or else by user principal name. */
function rosterPersonOf(
  roster: ReadonlyMap<string, Versioned<Person>>,
  member: TeamsMember,
): Versioned<Person> | undefined {
  for (const address of [member.email, member.userPrincipalName]) {
    const person = address ? roster.get(normaliseEmail(address)) : undefined;
    if (person) return person;
  }
  return undefined;
}
