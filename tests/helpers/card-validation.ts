import * as AC from 'adaptivecards';
import assert from 'node:assert/strict';

/**
 * Parses a card with the `adaptivecards` library at schema 1.5 (what Teams renders) and fails on any
 * parse error or warning, listing them.
 */
export function assertValidCard(card: unknown): void {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const events = Array.from(
    { length: context.eventCount },
    (_, i) => context.getEventAt(i).message,
  );
  assert.deepEqual(events, [], `card has parse problems:\n${events.join('\n')}`);
  assert.equal((card as { version?: string }).version, '1.5');
}

/** All visible text of a card (TextBlocks, facts, input labels, action titles), for content assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder']) {
      if (typeof n[key] === 'string') out.push(n[key]);
    }
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}
