import type { Messenger } from '../rollout/deliver-card.js';
import type { BotFramework } from './bot-framework.js';
import { toConversationRef } from './conversation-ref.js';
import { CHAT_TEXTS } from '../../texts/chat.js';

const INVALID_REFERENCE = {
  ok: false as const,
  status: 400,
  permanent: true,
  code: 'invalid_reference',
  reasonText: CHAT_TEXTS.proactive.reasonText,
};

/** The rollout's Messenger on top of the Bot Framework transport. */
export function proactiveMessenger(bot: BotFramework): Messenger {
  return {
    send: async (reference, message) => {
      const ref = toConversationRef(reference);
      return ref ? bot.sendMessage(ref, message) : INVALID_REFERENCE;
    },
    createPersonalConversation: async (serviceUrl, tenantId, userId) => {
      const created = await bot.createPersonalConversation(serviceUrl, tenantId, userId);
      return created.ok ? { ok: true, reference: created.reference } : created;
    },
    localeOf: (reference) => toConversationRef(reference)?.locale,
  };
}
