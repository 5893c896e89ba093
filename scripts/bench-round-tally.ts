/*
 * Counting for `npm run bench:round`: which person each accepted card went to, read from fake
 * Teams' records (the 1:1 chats the bot created, or the personal conversation a user clicked in),
 * and a step's figures from the requests in its time window.
 */
import type { FakeBotConnector, RecordedCall } from '../tests/helpers/fake-bot-connector/index.js';

/** Maps a personal conversation id to the email of its user; undefined for channels. */
export class ConversationOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly fake: FakeBotConnector) {}

  ownerOf(conversationId: string | undefined): string | undefined {
    if (!conversationId) return undefined;
    const clicked = /^a:personal-29:(.+)$/.exec(conversationId);
    if (clicked) return clicked[1];
    let owner = this.owners.get(conversationId);
    if (owner === undefined) {
      for (const c of this.fake.createdConversations()) {
        this.owners.set(c.id, (c.memberIds[0] ?? '').replace(/^29:/, ''));
      }
      owner = this.owners.get(conversationId);
    }
    return owner || undefined;
  }
}

export interface StepWindow {
  /** Requests that arrived in the window, in arrival order. */
  calls: RecordedCall[];
  /** Accepted cards per recipient email. */
  cardsTo: Map<string, number>;
  /** Arrival time of each recipient's last card. */
  lastCardAt: Map<string, number>;
}

/** Requests from `from` (inclusive) to `to` (exclusive), with the cards sent to people in them. */
export function windowOf(
  fake: FakeBotConnector,
  owners: ConversationOwners,
  from: number,
  to: number,
): StepWindow {
  const calls = fake.requests().filter((c) => c.at >= from && c.at < to);
  const cardsTo = new Map<string, number>();
  const lastCardAt = new Map<string, number>();
  for (const c of calls) {
    if (c.route !== 'sendToConversation' || c.status !== 201) continue;
    const email = owners.ownerOf(c.conversationId);
    if (!email) continue;
    cardsTo.set(email, (cardsTo.get(email) ?? 0) + 1);
    lastCardAt.set(email, c.at);
  }
  return { calls, cardsTo, lastCardAt };
}

/**
 * The requests per second counted against the tenant's limit while the step's cards went out: all
 * requests fake Teams accepted (1:1 chats created, cards, round card updates) between the first and
 * the last card, n requests spanning n - 1 intervals. Cards per second too.
 */
export function sendRates(window: StepWindow): {
  requestsPerSecond: number;
  cardsPerSecond: number;
  periodMs: number;
  throttled: number;
} {
  const cards = window.calls.filter(
    (c) =>
      c.route === 'sendToConversation' && c.status === 201 && c.conversationId?.startsWith('a:'),
  );
  const throttled = window.calls.filter((c) => c.refusedBy === 'rateLimit').length;
  const first = cards[0]?.at ?? 0;
  const last = cards.at(-1)?.at ?? 0;
  const periodMs = last - first;
  if (cards.length < 2 || periodMs <= 0) {
    return { requestsPerSecond: 0, cardsPerSecond: 0, periodMs, throttled };
  }
  const accepted = window.calls.filter(
    (c) => c.at >= first && c.at <= last && c.status >= 200 && c.status < 300,
  ).length;
  return {
    requestsPerSecond: (accepted - 1) / (periodMs / 1000),
    cardsPerSecond: (cards.length - 1) / (periodMs / 1000),
    periodMs,
    throttled,
  };
}
