import type { ConversationStore } from '../mus/repositories.js';
import type { Skema } from '../mus/skema.js';
import type { BotFramework } from '../teams/bot-framework.js';
import type { ConversationRef } from '../teams/conversation-ref.js';

/**
 * Sends a short message into the employee's 1:1 chat with the bot. False when the bot has no chat
 * with them yet (the app is not installed for them) or Teams refused the message; the calendar
 * invitation reaches them either way.
 */
export function chatNotifier(
  conversations: Pick<ConversationStore, 'getPersonal'>,
  bot: Pick<BotFramework, 'sendMessage'>,
): (skema: Skema, text: string) => Promise<boolean> {
  return async (skema, text) => {
    const chat = await conversations.getPersonal(skema.orgId, skema.employeeEmail);
    if (!chat) return false;
    const outcome = await bot.sendMessage(chat.reference as ConversationRef, {
      text,
      summary: 'MUS-samtalen er booket / The MUS talk is booked',
    });
    return outcome.ok;
  };
}
