import type { PersonRepository } from '../mus/repositories.js';
import type { BotFramework } from './bot-framework.js';
import type { ConversationRef } from './conversation-ref.js';
import { matchMember } from './identify-user.js';

const PAGE_SIZE = 500;

/**
 * Reads a team's members page by page and records the Teams ids of everyone on the roster, so the
 * rollout can open a 1:1 chat with them. Returns how many members matched and how many did not.
 */
export async function learnTeamRoster(
  deps: { people: PersonRepository; bot: Pick<BotFramework, 'getPagedMembers'> },
  orgId: string,
  reference: ConversationRef,
): Promise<{ matched: number; unknown: number; failed?: string }> {
  let matched = 0;
  let unknown = 0;
  let token: string | undefined;
  do {
    const page = await deps.bot.getPagedMembers(reference, token, PAGE_SIZE);
    if (!page.ok) return { matched, unknown, failed: page.reason };
    for (const member of page.members) {
      const person = await matchMember(
        deps.people,
        orgId,
        member,
        member.tenantId ?? reference.conversation.tenantId,
      );
      if (person) matched++;
      else unknown++;
    }
    token = page.continuationToken;
  } while (token);
  return { matched, unknown };
}
