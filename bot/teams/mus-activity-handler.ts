import { z } from 'zod';
import type { Logger } from '../logger.js';
import { localeFrom, pick } from '../mus/bilingual.js';
import type { ConversationStore } from '../mus/repositories.js';
import { CHAT_TEXTS } from '../../texts/chat.js';
import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from './bot-framework.js';
import type { IncomingTurn, TurnRouter } from './turn.js';
import { cardLanguage, stampLanguage } from '../cards/card-language.js';
import { conversationKey, toConversationRef } from './conversation-ref.js';

export interface MusActivityHandlerDeps {
  conversations: ConversationStore;
  /** The app's modules; without one the bot only answers with its help text. */
  router?: TurnRouter;
  /** The organisation a tenant belongs to (`default` in dev mode). */
  orgIdOf: (tenantId: string | undefined) => string;
  /**
   * Whether activities from this tenant are served (ALLOWED_TENANTS; in production an activity
   * without a tenant is refused). Absent: every tenant is.
   */
  acceptTenant?: (tenantId: string | undefined) => boolean;
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
      const turn = this.incomingTurn(context);
      if (this.deps.router && turn) {
        const text = TurnContext.removeRecipientMention(context.activity) ?? '';
        await this.deps.router.message(turn, text);
      } else {
        await context.sendActivity(pick(CHAT_TEXTS.bot.help, localeFrom(context.activity.locale)));
      }
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const botRemoved = (context.activity.membersRemoved ?? []).some(
        (member) => member.id === botId,
      );
      const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
      await (botRemoved ? this.forget(context) : this.remember(context));
      if (botAdded) await this.seen(context);
      await next();
    });

    this.onInstallationUpdate(async (context, next) => {
      const action = context.activity.action ?? '';
      const removed = action.startsWith('remove');
      await (removed ? this.forget(context) : this.remember(context));
      if (!removed) await this.seen(context);
      await next();
    });
  }

  /** Refuses, with one log line, activities from a tenant the app does not serve. */
  override async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenantId = activity.conversation?.tenantId ?? tenantOfChannelData(activity.channelData);
    if (this.deps.acceptTenant && !this.deps.acceptTenant(tenantId)) {
      this.deps.log.warn(
        { tenantId: tenantId ?? null, activityType: activity.type },
        'activity refused: its tenant is not allowed',
      );
      return;
    }
    await super.run(context);
  }

  private async seen(context: TurnContext): Promise<void> {
    const turn = this.incomingTurn(context);
    if (this.deps.router && turn) await this.deps.router.conversationSeen(turn, 'installed');
  }

  /** Card buttons (Action.Execute): the router answers with the card that replaces the clicked one. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = this.incomingTurn(context);
    const locale = localeFrom(context.activity.locale);
    if (!this.deps.router || !turn) {
      return invokeMessage(pick(CHAT_TEXTS.bot.help, locale));
    }
    const action = invokeValue.action;
    const data: unknown = action?.data;
    const payload =
      typeof data === 'object' && data !== null && !Array.isArray(data)
        ? (data as Record<string, unknown>)
        : {};
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    // A person's card answers in the language it was drawn in; HR's round card, refreshed for each
    // HR person who looks at it, in the language of the one looking.
    const drawnIn = verb.startsWith('round.') ? undefined : cardLanguage(payload);
    const answerIn = drawnIn ?? locale;
    const result = await this.deps.router.cardAction({ ...turn, locale: answerIn }, verb, payload);
    if ('card' in result) {
      return {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: stampLanguage(
          result.card,
          answerIn,
        ) as unknown as AdaptiveCardInvokeResponse['value'],
      };
    }
    return invokeMessage(pick(result.message, answerIn));
  }

  /** The turn in our own terms, or undefined when the activity has no usable conversation. */
  private incomingTurn(context: TurnContext): IncomingTurn | undefined {
    const found = this.conversationOf(context);
    if (!found) return undefined;
    const activity = context.activity;
    const type = found.reference.conversation.conversationType;
    return {
      orgId: found.orgId,
      locale: localeFrom(activity.locale),
      userId: activity.from?.id ?? '',
      ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
      conversationKey: found.key,
      conversationType:
        type === 'personal' ? 'personal' : type === 'groupChat' ? 'groupChat' : 'channel',
      reference: found.reference,
      reply: async (message) => {
        const response = await context.sendActivity({
          type: 'message',
          ...(message.text !== undefined ? { text: message.text, textFormat: 'markdown' } : {}),
          ...(message.summary !== undefined ? { summary: message.summary } : {}),
          ...(message.card
            ? {
                attachments: [
                  { contentType: 'application/vnd.microsoft.card.adaptive', content: message.card },
                ],
              }
            : {}),
        });
        return response?.id;
      },
    };
  }

  /** Stores the reference of the turn's conversation, replacing an older one for the same key. */
  private async remember(context: TurnContext): Promise<void> {
    const found = this.conversationOf(context);
    if (!found) return;
    // Keep the roster match of a 1:1 chat: the reference is refreshed, the person stays.
    const existing = await this.deps.conversations.get(found.orgId, found.key);
    await this.deps.conversations.put({
      orgId: found.orgId,
      key: found.key,
      reference: found.reference,
      updatedAt: new Date().toISOString(),
      ...(existing?.personEmail ? { personEmail: existing.personEmail } : {}),
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

function invokeMessage(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: text as unknown as AdaptiveCardInvokeResponse['value'],
  };
}

/** Teams' channelData names the tenant as `{ tenant: { id } }`; anything else names none. */
const channelDataTenant = z.object({ tenant: z.object({ id: z.string().min(1) }) });

function tenantOfChannelData(channelData: unknown): string | undefined {
  const parsed = channelDataTenant.safeParse(channelData);
  return parsed.success ? parsed.data.tenant.id : undefined;
}
