import type { Logger } from '../logger.js';
import { localeFrom, pick } from '../mus/bilingual.js';
import type { ConversationStore } from '../mus/repositories.js';
import { BOT_TEXTS } from './bot-texts.js';
import { TeamsActivityHandler, TurnContext } from './bot-framework.js';
import { conversationKey, toConversationRef } from './conversation-ref.js';

export interface MusActivityHandlerDeps {
  conversations: ConversationStore;
  /** The organisation a tenant belongs to (`default` in dev mode). */
  orgIdOf: (tenantId: string | undefined) => string;
  log: Logger;
}

/**
 * What the bot does with what Teams sends it: remembers every conversation it is in (so it can write
 * proactively later) and answers messages. Command dispatch and card actions come in their own modules.
 */
export class MusActivityHandler extends TeamsActivityHandler {
  constructor(private readonly deps: MusActivityHandlerDeps) {
    super();

    this.onMessage(async (context, next) => {
      await this.remember(context);
      await context.sendActivity(pick(BOT_TEXTS.help, localeFrom(context.activity.locale)));
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const botRemoved = (context.activity.membersRemoved ?? []).some(
        (member) => member.id === botId,
      );
      await (botRemoved ? this.forget(context) : this.remember(context));
      await next();
    });

    this.onInstallationUpdate(async (context, next) => {
      const action = context.activity.action ?? '';
      await (action.startsWith('remove') ? this.forget(context) : this.remember(context));
      await next();
    });
  }

  /** Stores the reference of the turn's conversation, replacing an older one for the same key. */
  private async remember(context: TurnContext): Promise<void> {
    const found = this.conversationOf(context);
    if (!found) return;
    await this.deps.conversations.put({
      orgId: found.orgId,
      key: found.key,
      reference: found.reference,
      updatedAt: new Date().toISOString(),
    });
  }

  /** The app was removed from this conversation: proactive messages there would only fail. */
  private async forget(context: TurnContext): Promise<void> {
    const found = this.conversationOf(context);
    if (!found) return;
    await this.deps.conversations.remove(found.orgId, found.key);
    this.deps.log.info({ orgId: found.orgId, key: found.key }, 'app removed from a conversation');
  }

  private conversationOf(context: TurnContext) {
    const activity = context.activity;
    const reference = toConversationRef(TurnContext.getConversationReference(activity));
    if (!reference) {
      this.deps.log.warn(
        { activityType: activity.type, activityId: activity.id },
        'activity without a usable conversation reference',
      );
      return undefined;
    }
    const tenantId = reference.conversation.tenantId ?? tenantOfChannelData(activity.channelData);
    if (tenantId && !reference.conversation.tenantId) reference.conversation.tenantId = tenantId;
    return { orgId: this.deps.orgIdOf(tenantId), key: conversationKey(reference), reference };
  }
}

function tenantOfChannelData(channelData: unknown): string | undefined {
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const tenant: unknown = Reflect.get(channelData, 'tenant');
  if (typeof tenant !== 'object' || tenant === null) return undefined;
  const id: unknown = Reflect.get(tenant, 'id');
  return typeof id === 'string' && id !== '' ? id : undefined;
}
