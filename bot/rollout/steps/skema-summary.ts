import { skemaSummaryCard } from '../../cards/skema-summary-card.js';
import { skemaTabLink, type TabLinkSettings } from '../../cards/tab-links.js';
import type { Bilingual, Locale } from '../../mus/bilingual.js';
import type { Versioned } from '../../mus/errors.js';
import type { Repositories } from '../../mus/repositories.js';
import type { Skema } from '../../mus/skema.js';
import type { RenderedCard } from './rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../../texts/notifications.js';

/** The finalised talk's summary card for the employee, built from storage. */
export async function renderSkemaSummary(
  repositories: Repositories,
  links: TabLinkSettings,
  locale: Locale,
  stored: Versioned<Skema>,
  error?: Bilingual,
): Promise<RenderedCard> {
  const { orgId, roundId, employeeEmail, leaderEmail } = stored.value;
  const [round, leader, employee, agreements] = await Promise.all([
    repositories.rounds.get(orgId, roundId),
    repositories.people.get(orgId, leaderEmail),
    repositories.people.get(orgId, employeeEmail),
    repositories.agreements.listForSkema(orgId, roundId, employeeEmail),
  ]);
  const names: Record<string, string> = {};
  if (leader) names[leader.value.email] = leader.value.name;
  if (employee) names[employee.value.email] = employee.value.name;
  return {
    card: skemaSummaryCard({
      locale,
      roundName: round?.value.name ?? roundId,
      leaderName: leader?.value.name ?? leaderEmail,
      skema: stored.value,
      etag: stored.etag,
      agreements: agreements.map((a) => a.value),
      names,
      tabUrl: skemaTabLink(links, roundId, employeeEmail),
      ...(error ? { error } : {}),
    }),
    summary: NOTIFICATION_TEXTS.summaryOfTalk[locale],
  };
}
