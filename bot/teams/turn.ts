import type { AdaptiveCard } from '../cards/elements.js';
import type { Bilingual, Locale } from '../mus/bilingual.js';
import type { Person } from '../mus/person.js';
import type { ConversationRef } from './conversation-ref.js';

/**
 * One turn as our command and card modules see it, without the Bot Framework SDK: who is asking,
 * where, in which language, and a way to answer.
 */
export interface IncomingTurn {
  orgId: string;
  locale: Locale;
  /** The Bot Framework user id (`29:…`). */
  userId: string;
  /** The user's Entra object id, when Teams sends it. */
  aadObjectId?: string;
  conversationKey: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  reference: ConversationRef;
  /** Sends text (markdown) or a card in this conversation; returns the new activity's id. */
  reply(message: {
    text?: string;
    card?: AdaptiveCard;
    summary?: string;
  }): Promise<string | undefined>;
}

/** A turn whose user has been looked up on the roster. */
export interface Turn extends IncomingTurn {
  /** The user as found on the roster; absent when the bot cannot match them. */
  person?: Person;
}

/** The app's side of the bot: what to do with messages, card actions and new conversations. */
export interface TurnRouter {
  message(turn: IncomingTurn, text: string): Promise<void>;
  cardAction(
    turn: IncomingTurn,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<CardActionResult>;
  /** The bot was added to a conversation (a team, a chat, a personal install) or saw it again. */
  conversationSeen(turn: IncomingTurn, event: 'installed' | 'message'): Promise<void>;
}

/** What a card action answers: the card to show in place of the clicked one, or a short message. */
export type CardActionResult = { card: AdaptiveCard } | { message: Bilingual };

export type CardActionHandler = (
  turn: Turn,
  data: Record<string, unknown>,
) => Promise<CardActionResult>;
