import type { AdaptiveCard } from '../../cards/elements.js';
import type { TabLinkSettings } from '../../cards/tab-links.js';
import type { Locale } from '../../mus/bilingual.js';
import type { Organisation } from '../../mus/organisation.js';
import type { Person } from '../../mus/person.js';
import type { Repositories, TalkRecord } from '../../mus/repositories.js';
import type { StepNumber } from '../../mus/rollout-steps.js';
import type { Round } from '../../mus/round.js';
import type { DeliveryAudience, DeliveryStatus } from '../delivery.js';

export interface StepRecipient {
  email: string;
  audience: DeliveryAudience;
}

/** What a step needs to render a recipient's card at send time (so it shows the current state). */
export interface CardContext {
  repositories: Repositories;
  links: TabLinkSettings;
  org: Organisation;
  round: Round;
  recipient: Person;
  /** Someone else on the roster (the recipient's leader); may be a few seconds stale. */
  findPerson: (email: string) => Promise<Person | undefined>;
  /** Whether the bot has a 1:1 chat with someone on the roster; may be a few seconds stale. */
  hasChat: (email: string) => Promise<boolean>;
  /** How an earlier step's cards fared, by recipient e-mail; may be a minute stale. */
  deliveryStatuses: (
    step: StepNumber,
    audience: DeliveryAudience,
  ) => Promise<ReadonlyMap<string, DeliveryStatus>>;
  /**
   * The round's talks led by `leaderEmail` (who, status, dates; no texts), from one listing of the
   * round that serves every leader's card of the step within a minute (so it may be a minute stale):
   * 500 leaders' cards must not cost a read
   * of each of their employees' skemas (that stalled step 3 of a 10,000-person round).
   */
  teamTalks: (leaderEmail: string) => Promise<TalkRecord[]>;
  locale: Locale;
  /** The recipient's Bot Framework user id, for per-user card refresh. */
  recipientUserId?: string;
  now: Date;
}

export interface RenderedCard {
  card: AdaptiveCard;
  /** Shown in the notification and chat list. */
  summary: string;
}

/**
 * One rollout step: who gets a card, anything to create before sending (the skemas of step 3), and
 * the card each recipient gets.
 */
export interface RolloutStep {
  step: StepNumber;
  recipients(people: Person[], round: Round): StepRecipient[];
  /**
   * Work before any card can go (the skemas of step 3). Idempotent: run again after a crash, it
   * creates only what is missing. `progress` is told how many recipients are done so far.
   */
  prepare?(
    repositories: Repositories,
    round: Round,
    people: Person[],
    now: Date,
    progress?: (done: number) => Promise<void>,
  ): Promise<void>;
  render(context: CardContext, audience: DeliveryAudience): Promise<RenderedCard>;
}

/** People whose skema a leader holds: employees who have a leader on the roster. */
export function employeesWithLeader(people: Person[]): Person[] {
  const emails = new Set(people.map((p) => p.email));
  return people.filter(
    (p) => p.roles.includes('employee') && p.leaderEmail !== undefined && emails.has(p.leaderEmail),
  );
}

/** Leaders who have a leader of their own on the roster: the people a LUS round talks with. */
export function leadersWithLeader(people: Person[]): Person[] {
  const emails = new Set(people.map((p) => p.email));
  return people.filter(
    (p) => p.roles.includes('leader') && p.leaderEmail !== undefined && emails.has(p.leaderEmail),
  );
}

/**
 * Who gets a skema in the round, held with their own leader: in a LUS round the leaders who have a
 * leader; in MUS and GRUS rounds the employees who have one.
 */
export function participants(people: Person[], round: Pick<Round, 'kind'>): Person[] {
  return round.kind === 'LUS' ? leadersWithLeader(people) : employeesWithLeader(people);
}

export function leaders(people: Person[]): Person[] {
  return people.filter((p) => p.roles.includes('leader'));
}

export async function leaderOf(context: CardContext): Promise<Person | undefined> {
  const email = context.recipient.leaderEmail;
  if (!email) return undefined;
  return context.findPerson(email);
}
