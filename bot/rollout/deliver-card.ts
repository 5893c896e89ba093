import type { TabLinkSettings } from '../cards/tab-links.js';
import type { Logger } from '../logger.js';
import { localeFrom, type Bilingual } from '../mus/bilingual.js';
import type { Organisation } from '../mus/organisation.js';
import type { Person } from '../mus/person.js';
import type { Round } from '../mus/round.js';
import type { Repositories, StoredConversation, TalkRecord } from '../mus/repositories.js';
import type { Delivery, DeliveryOutcome, DeliveryStatus, DeliveryStore } from './delivery.js';
import { AgreementGoneError, renderAgreementReminder } from './agreement-reminders.js';
import { NoLongerDueError, renderFollowThroughReminder } from './follow-through-reminders.js';
import { stampLanguage } from '../cards/card-language.js';
import { ROLLOUT_STEP_MODULES } from './steps/index.js';
import type { CardContext, RenderedCard } from './steps/rollout-step.js';
import { ttlCache } from '../ttl-cache.js';
import { RecipientDirectory } from './recipient-directory.js';
import { ROLLOUT_TEXTS } from '../../texts/rollout.js';

type Failure = Extract<DeliveryOutcome, { ok: false }>;

/** The proactive side of the Bot Framework, as the rollout needs it. */
export interface Messenger {
  /** Sends a card to a stored conversation reference: one HTTP call, its real outcome. */
  send(
    reference: unknown,
    message: { summary: string; attachments: { contentType: string; content: unknown }[] },
  ): Promise<DeliveryOutcome>;
  /** Creates the 1:1 chat with a user who has the app; returns the reference to store. */
  createPersonalConversation(
    serviceUrl: string,
    tenantId: string,
    userId: string,
  ): Promise<{ ok: true; reference: unknown; locale?: string } | Failure>;
  /** The locale a stored reference was taken in, if it says. */
  localeOf(reference: unknown): string | undefined;
}

export interface CardDelivererDeps {
  repositories: Repositories;
  /** The outbox, read when a card shows how an earlier step's cards fared (step 4's team list). */
  deliveries: Pick<DeliveryStore, 'list'>;
  messenger: Messenger;
  links: TabLinkSettings;
  log: Logger;
  now?: () => Date;
  /** How long org and round records are reused between sends. */
  cacheMs?: number;
  /** How long a step's delivery statuses are reused between sends (a listing of the whole step). */
  statusCacheMs?: number;
  /** Where recipients and their chats are looked up (a default one is made when absent). */
  directory?: RecipientDirectory;
}

function permanent(code: string, reasonText: Bilingual): Failure {
  return { ok: false, status: 404, permanent: true, code, reasonText };
}

const NOT_ON_ROSTER: Bilingual = ROLLOUT_TEXTS.deliverCard.notOnRoster;
const AGREEMENT_GONE: Bilingual = ROLLOUT_TEXTS.deliverCard.agreementGone;
const NO_LONGER_DUE = ROLLOUT_TEXTS.deliverCard.noLongerDue;
const UNKNOWN_IN_TEAMS: Bilingual = ROLLOUT_TEXTS.deliverCard.unknownInTeams;

/**
 * Delivers one outbox row: finds (or creates) the recipient's 1:1 chat, renders the step's card
 * from current storage, and sends it. Returns the real outcome for the dispatcher to record.
 * `pace` is awaited right before each call to Teams, so the dispatcher's rate limit applies to the
 * requests themselves rather than to the storage reads in front of them.
 */
export function createCardDeliverer(
  deps: CardDelivererDeps,
): (d: Delivery, pace?: () => Promise<void>) => Promise<DeliveryOutcome> {
  const now = deps.now ?? (() => new Date());
  const cached = ttlCache(deps.cacheMs ?? 10_000, () => now().getTime());
  // One listing of a step serves every leader's card sent within the minute, so the step-4 cards of
  // 500 leaders cost a few listings, not a read per employee.
  const cachedStatuses = ttlCache(deps.statusCacheMs ?? 60_000, () => now().getTime());
  const deliveryStatuses = (
    orgId: string,
    roundId: string,
    step: Delivery['step'],
    audience: Delivery['audience'],
  ): Promise<ReadonlyMap<string, DeliveryStatus>> =>
    cachedStatuses(`${orgId}|${roundId}|${step}|${audience}`, async () => {
      const rows = await deps.deliveries.list(orgId, roundId, step);
      return new Map(
        rows.filter((r) => r.audience === audience).map((r) => [r.recipientEmail, r.status]),
      );
    });
  // Likewise one listing of a round's talks (without their texts) serves every leader's card.
  const cachedTalks = ttlCache(deps.statusCacheMs ?? 60_000, () => now().getTime());
  const talksByLeader = (
    orgId: string,
    roundId: string,
    step: Delivery['step'],
  ): Promise<ReadonlyMap<string, TalkRecord[]>> =>
    // Per step: a step's first leader card reads the talks afresh (step 4's follows step 3's soon
    // in a test, weeks later in a real round).
    cachedTalks(`${orgId}|${roundId}|${step}`, async () => {
      const byLeader = new Map<string, TalkRecord[]>();
      for (const record of await deps.repositories.skemas.listTalkRecords(orgId, roundId)) {
        byLeader.set(record.leaderEmail, [...(byLeader.get(record.leaderEmail) ?? []), record]);
      }
      return byLeader;
    });
  const directory =
    deps.directory ?? new RecipientDirectory(deps.repositories, { now: () => now().getTime() });

  const conversationFor = async (
    org: Organisation,
    email: string,
    teams: { userId?: string; tenantId?: string } | undefined,
    pace: () => Promise<void>,
    /** Where the write of a chat created here goes, to be awaited once the card is sent. */
    storing: Promise<void>[],
    createNew = false,
  ): Promise<StoredConversation | Failure> => {
    const stored = createNew ? undefined : await directory.conversation(org.id, email);
    if (stored) return stored;
    if (!teams?.userId || !org.serviceUrl) return permanent('not_installed', UNKNOWN_IN_TEAMS);
    await pace();
    const created = await deps.messenger.createPersonalConversation(
      org.serviceUrl,
      teams.tenantId ?? org.id,
      teams.userId,
    );
    if (!created.ok) return created;
    const conversation: StoredConversation = {
      orgId: org.id,
      personEmail: email,
      key: `personal:${teams.userId}`,
      reference: created.reference,
      updatedAt: now().toISOString(),
    };
    directory.remember(conversation);
    // Stored while the card is drawn and sent, not before: the send does not wait for a storage
    // write. Should it fail, the next card creates the chat again (Teams answers with the same one).
    // After any earlier write of this send, so a chat created anew is the one stored last.
    const earlier = storing.at(-1) ?? Promise.resolve();
    storing.push(
      earlier
        .then(() => deps.repositories.conversations.put(conversation))
        .catch((error: unknown) => {
          deps.log.warn(
            { err: error, orgId: org.id },
            'storing a new 1:1 chat failed; it is created again for the next card',
          );
        }),
    );
    return conversation;
  };

  const drawAndSend = async (
    delivery: Delivery,
    org: Organisation,
    round: Round,
    person: Person,
    pace: () => Promise<void>,
    storing: Promise<void>[],
  ): Promise<DeliveryOutcome> => {
    const { repositories } = deps;
    const conversation = await conversationFor(org, person.email, person.teams, pace, storing);
    if ('ok' in conversation) return conversation;
    const context: CardContext = {
      repositories,
      links: deps.links,
      org,
      round,
      recipient: person,
      findPerson: (email) => directory.person(org.id, email),
      hasChat: async (email) => (await directory.conversation(org.id, email)) !== undefined,
      deliveryStatuses: (step, audience) => deliveryStatuses(org.id, round.id, step, audience),
      teamTalks: async (leaderEmail) =>
        (await talksByLeader(org.id, round.id, delivery.step)).get(leaderEmail) ?? [],
      locale: localeFrom(deps.messenger.localeOf(conversation.reference)),
      recipientUserId: person.teams?.userId,
      now: now(),
    };
    let rendered: RenderedCard;
    try {
      // Agreement and follow-through reminders follow up the talks; every other row is its step's card.
      if (delivery.audience === 'agreement') {
        rendered = await renderAgreementReminder(context, delivery.subject);
      } else if (delivery.audience === 'followup') {
        rendered = await renderFollowThroughReminder(context, delivery.subject);
      } else {
        rendered = await ROLLOUT_STEP_MODULES[delivery.step].render(context, delivery.audience);
      }
    } catch (error) {
      if (error instanceof AgreementGoneError) return permanent('agreement_gone', AGREEMENT_GONE);
      if (error instanceof NoLongerDueError) return permanent('no_longer_due', NO_LONGER_DUE);
      throw error;
    }
    const message = {
      summary: rendered.summary,
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: stampLanguage(rendered.card, context.locale),
        },
      ],
    };
    await pace();
    const outcome = await deps.messenger.send(conversation.reference, message);
    if (outcome.ok || outcome.code !== 'conversation_not_found' || !person.teams?.userId) {
      return outcome;
    }
    // The stored 1:1 chat is gone (the user removed and added the app again, or Teams moved it):
    // create it anew and try once more; if that fails too, the row waits for the app.
    const fresh = await conversationFor(org, person.email, person.teams, pace, storing, true);
    if ('ok' in fresh) return fresh;
    await pace();
    return deps.messenger.send(fresh.reference, message);
  };

  return async (delivery, pace = () => Promise.resolve()) => {
    const { repositories } = deps;
    const [org, round, person] = await Promise.all([
      cached(`org|${delivery.orgId}`, () => repositories.organisations.get(delivery.orgId)),
      cached(`round|${delivery.orgId}|${delivery.roundId}`, () =>
        repositories.rounds.get(delivery.orgId, delivery.roundId),
      ),
      directory.person(delivery.orgId, delivery.recipientEmail),
    ]);
    if (!org || !round) {
      return permanent('round_gone', ROLLOUT_TEXTS.deliverCard.roundNoLongerExists);
    }
    if (!person) return permanent('not_on_roster', NOT_ON_ROSTER);
    const storing: Promise<void>[] = [];
    try {
      return await drawAndSend(delivery, org.value, round.value, person, pace, storing);
    } finally {
      await Promise.all(storing);
    }
  };
}
