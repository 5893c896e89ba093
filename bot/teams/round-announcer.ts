import type { AdaptiveCard } from '../cards/elements.js';
import { roundCard, type StepProgress } from '../cards/round-card.js';
import type { Logger } from '../logger.js';
import type { Locale } from '../mus/bilingual.js';
import type { Repositories } from '../mus/repositories.js';
import type { Round } from '../mus/round.js';
import type { DeliveryStore } from '../rollout/delivery.js';
import type { InstallTally } from '../rollout/install-attempts.js';
import type { BotFramework } from './bot-framework.js';
import { toConversationRef } from './conversation-ref.js';

export interface RoundAnnouncerDeps {
  repositories: Repositories;
  deliveries: DeliveryStore;
  /** How proactive installation is going in a round; undefined when it is off. */
  installs?: (orgId: string, roundId: string) => Promise<InstallTally | undefined>;
  bot: Pick<BotFramework, 'updateActivity'>;
  log: Logger;
  /** Teams allows a few updates per second per conversation; progress needs far fewer. */
  minIntervalMs?: number;
}

/**
 * Keeps HR's round card in the channel current: renders it with each launched step's delivery counts
 * and, while a step is sending, updates the posted card in place at most every few seconds.
 */
export class RoundAnnouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly userIds = new Map<string, { ids: string[]; until: number }>();

  constructor(private readonly deps: RoundAnnouncerDeps) {}

  /** How far each launched step has come. */
  async progress(round: Round): Promise<Partial<Record<number, StepProgress>>> {
    const launched = round.steps.filter((s) => s.launchedAt).map((s) => s.step);
    if (launched.length === 0) return {};
    const answered = await this.answered(round, launched);
    const entries = await Promise.all(
      launched.map(async (step) => {
        const counts = await this.deps.deliveries.counts(round.orgId, round.id, step);
        const withAnswers: StepProgress =
          answered[step] === undefined ? counts : { ...counts, answered: answered[step] };
        return [step, withAnswers] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /**
   * Steps 3–5 count answers: skemas prepared, talks held (from the status projection, so a round of
   * 10,000 is a few rows, not every skema, at each update), evaluations given (a counter).
   */
  private async answered(round: Round, launched: number[]): Promise<Record<number, number>> {
    const result: Record<number, number> = {};
    if (launched.includes(3) || launched.includes(4)) {
      let total = 0;
      let sent = 0;
      let prepared = 0;
      for (const tally of await this.deps.repositories.skemas.statusTally(round.orgId, round.id)) {
        for (const count of Object.values(tally.byStatus)) total += count;
        sent += tally.byStatus.sent;
        prepared += tally.byStatus.prepared;
      }
      if (launched.includes(3)) result[3] = total - sent;
      if (launched.includes(4)) result[4] = total - sent - prepared;
    }
    if (launched.includes(5)) {
      result[5] = await this.deps.repositories.evaluations.countAnswers(round.orgId, round.id);
    }
    return result;
  }

  async card(round: Round, locale: Locale): Promise<AdaptiveCard> {
    const [progress, refreshUserIds, installs] = await Promise.all([
      this.progress(round),
      this.hrUserIds(round),
      this.deps.installs?.(round.orgId, round.id),
    ]);
    return roundCard({
      locale,
      round,
      progress,
      refreshUserIds,
      ...(installs ? { installs } : {}),
    });
  }

  /**
   * The HR people who work the round — who created it and who launched its steps — by Teams user id,
   * for the card's per-user refresh. A few point reads, kept a minute per round.
   */
  private async hrUserIds(round: Round): Promise<string[]> {
    const emails = [
      ...new Set(
        [round.createdBy, ...round.steps.map((s) => s.launchedBy)].filter(
          (e): e is string => typeof e === 'string',
        ),
      ),
    ];
    const key = `${round.orgId}|${round.id}|${emails.join(',')}`;
    const cached = this.userIds.get(key);
    if (cached && cached.until > Date.now()) return cached.ids;
    const people = await Promise.all(
      emails.map((email) => this.deps.repositories.people.get(round.orgId, email)),
    );
    const ids = people.flatMap((p) => (p?.value.teams?.userId ? [p.value.teams.userId] : []));
    if (this.userIds.size > 1_000) this.userIds.clear();
    this.userIds.set(key, { ids, until: Date.now() + 60_000 });
    return ids;
  }

  /** Asks for an update of the posted card; runs at once or after the minimum interval. */
  schedule(orgId: string, roundId: string): void {
    const key = `${orgId}|${roundId}`;
    if (this.timers.has(key)) return;
    const wait = Math.max(
      0,
      (this.lastRun.get(key) ?? 0) + (this.deps.minIntervalMs ?? 3000) - Date.now(),
    );
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.lastRun.set(key, Date.now());
      const run = this.updateNow(orgId, roundId)
        .catch((error: unknown) =>
          this.deps.log.warn({ err: error, roundId }, 'could not update the round card'),
        )
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, wait);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Re-renders the round card and replaces the posted one. */
  async updateNow(orgId: string, roundId: string): Promise<void> {
    const round = await this.deps.repositories.rounds.get(orgId, roundId);
    const announcement = round?.value.announcement;
    if (!round || !announcement) return;
    const stored = await this.deps.repositories.conversations.get(
      orgId,
      announcement.conversationKey,
    );
    const reference = toConversationRef(stored?.reference);
    if (!reference) return;
    const card = await this.card(round.value, announcement.locale ?? 'da');
    const outcome = await this.deps.bot.updateActivity(reference, announcement.activityId, {
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
    if (!outcome.ok)
      this.deps.log.warn({ roundId, reason: outcome.reason }, 'round card update refused');
  }

  /** Cancels pending updates and waits for running ones (shutdown). */
  async stop(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running);
  }
}
