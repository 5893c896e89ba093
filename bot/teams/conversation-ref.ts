import { z } from 'zod';

/**
 * A conversation the bot can write to later, in our own shape: the JSON we keep in the
 * ConversationStore. It is a subset of the Bot Framework ConversationReference, so references taken
 * from activities fit it, and it does not depend on the SDK that produced them.
 */
export interface ConversationRef {
  channelId: string;
  serviceUrl: string;
  conversation: {
    id: string;
    conversationType?: string;
    tenantId?: string;
    isGroup?: boolean;
    name?: string;
  };
  user?: { id: string; aadObjectId?: string; name?: string };
  bot?: { id: string; name?: string };
  locale?: string;
}

const account = z.object({
  id: z.string().min(1),
  aadObjectId: z.string().optional(),
  name: z.string().optional(),
});

const conversationRefSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
    name: z.string().optional(),
  }),
  user: account.optional(),
  bot: account.pick({ id: true, name: true }).optional(),
  locale: z.string().optional(),
});

/** Reads a stored reference back; throws when it is not one (e.g. written by an older version). */
export function parseConversationRef(value: unknown): ConversationRef {
  return stripUndefined(conversationRefSchema.parse(value));
}

/** Reads a reference, or undefined when it is not one. */
export function toConversationRef(value: unknown): ConversationRef | undefined {
  const parsed = conversationRefSchema.safeParse(value);
  return parsed.success ? stripUndefined(parsed.data) : undefined;
}

/** The ConversationStore key: `personal:<userId>` for 1:1 chats, `channel:<conversationId>` otherwise. */
export function conversationKey(ref: ConversationRef): string {
  if (ref.conversation.conversationType === 'personal' && ref.user)
    return `personal:${ref.user.id}`;
  return `channel:${ref.conversation.id}`;
}

/** Drops keys whose value is undefined, so the stored JSON stays minimal. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
