import { personRef } from '../../logger.js';
import {
  answersFromCardData,
  skemaCard,
  SKEMA_VERBS,
  type SkemaNotice,
} from '../../cards/step-3-skema-card.js';
import { skemaTabLink } from '../../cards/tab-links.js';
import type { Bilingual } from '../../mus/bilingual.js';
import {
  ConflictError,
  DomainError,
  RuleError,
  ValidationError,
  type Versioned,
} from '../../mus/errors.js';
import type { Person } from '../../mus/person.js';
import type { Skema } from '../../mus/skema.js';
import { ACKNOWLEDGE_VERB } from '../../cards/skema-summary-card.js';
import { renderSkemaSummary } from '../../rollout/steps/skema-summary.js';
import { acknowledgeSkema } from '../../skema/acknowledge-skema.js';
import { storeAnswers } from '../../skema/save-answers.js';
import { recentVersions } from '../../skema/recent-versions.js';
import type { SkemaServices } from '../../skema/skema-services.js';
import type { BotServices } from '../bot-services.js';
import { ttlCache } from '../../ttl-cache.js';
import type { CardActionHandler, CardActionResult, Turn } from '../turn.js';
import { readPayload, skemaPayload } from './card-payloads.js';
import { CHAT_TEXTS } from '../../../texts/chat.js';

const NOT_YOURS: Bilingual = CHAT_TEXTS.skemaActions.notYours;
const NO_SKEMA: Bilingual = CHAT_TEXTS.skemaActions.noSkema;
const MALFORMED: Bilingual = CHAT_TEXTS.skemaActions.malformed;

/** How long the card's header (core task, round and leader's names) is reused between clicks. */
const HEADER_CACHE_MS = 30_000;
/** How long, and for how many employees, the version each skema card shows is kept in memory. */
const SHOWN_VERSIONS_MS = 10 * 60_000;
const SHOWN_VERSIONS_MAX = 1_000;

/**
 * The skema card's buttons in the employee's chat: save a draft, send to the leader, edit again, and
 * Teams' refresh. The card is always rebuilt from storage; a stale or refused save shows the stored
 * version with what the user typed kept visible, so nothing typed is lost.
 */
export function skemaActions(
  bot: BotServices,
  skema: SkemaServices,
): Record<string, CardActionHandler> {
  // The card's header (core task, round, leader's name) may be half a minute stale, like the user's
  // own identity (MusBotRouter); the skema never is.
  const cached = ttlCache(HEADER_CACHE_MS);
  // The stored version each card was built from, under the ETag the card carries. A save whose card
  // names one of these starts from it instead of reading the skema again: the save is written over
  // that same ETag, so if anything changed since, the service refuses it and the user is shown the
  // current version (the conflict path reads it). Showing a card (refresh, edit) always reads.
  const shownVersions = recentVersions<Skema>(SHOWN_VERSIONS_MS, SHOWN_VERSIONS_MAX);
  const shownKey = (orgId: string, roundId: string, employeeEmail: string): string =>
    `${orgId}|${roundId}|${employeeEmail}`;
  const render = async (
    turn: Turn,
    person: Person,
    stored: Versioned<Skema>,
    options: { notice?: SkemaNotice; editing?: boolean; typed?: Record<string, string> } = {},
  ): Promise<CardActionResult> => {
    const { repositories } = bot;
    const { orgId } = person;
    const { roundId, leaderEmail } = stored.value;
    shownVersions.remember(shownKey(orgId, roundId, stored.value.employeeEmail), stored);
    const [org, round, leader] = await Promise.all([
      cached(`org|${orgId}`, () => repositories.organisations.get(orgId)),
      cached(`round|${orgId}|${roundId}`, () => repositories.rounds.get(orgId, roundId)),
      cached(`person|${orgId}|${leaderEmail}`, () => repositories.people.get(orgId, leaderEmail)),
    ]);
    const shown = options.typed
      ? { ...stored.value, answers: { ...stored.value.answers, ...options.typed } }
      : stored.value;
    return {
      card: skemaCard({
        locale: turn.locale,
        coreTask: org?.value.coreTask ?? '',
        roundName: round?.value.name ?? stored.value.roundId,
        roundKind: round?.value.kind ?? 'MUS',
        leaderName: leader?.value.name ?? stored.value.leaderEmail,
        skema: shown,
        etag: stored.etag,
        employeeUserId: person.teams?.userId ?? turn.userId,
        tabUrl: skemaTabLink(bot.links, stored.value.roundId, person.email),
        ...(options.editing ? { editing: true } : {}),
        ...(options.notice ? { notice: options.notice } : {}),
      }),
    };
  };

  /**
   * Finds the caller's own skema named by the card, or says why not. `forWrite`: the caller writes
   * over the card's ETag, so the version the card was built from serves if this process has it.
   */
  const load = async (
    turn: Turn,
    data: Record<string, unknown>,
    forWrite = false,
  ): Promise<{ person: Person; stored: Versioned<Skema>; etag: string } | CardActionResult> => {
    const person = turn.person;
    if (!person) return { message: CHAT_TEXTS.commands.notOnRoster };
    const ids = readPayload(skemaPayload, data);
    if (!ids) {
      const roundId = typeof data.roundId === 'string' ? data.roundId : undefined;
      const own = roundId
        ? await bot.repositories.skemas.get(person.orgId, roundId, person.email)
        : undefined;
      return own
        ? render(turn, person, own, { notice: { kind: 'error', message: MALFORMED } })
        : { message: MALFORMED };
    }
    if (ids.employeeEmail !== person.email) {
      bot.log.warn(
        { by: personRef(person.email), claimed: personRef(ids.employeeEmail) },
        'skema card action for someone else refused',
      );
      return { message: NOT_YOURS };
    }
    const known = forWrite
      ? shownVersions.at(shownKey(person.orgId, ids.roundId, person.email), ids.etag)
      : undefined;
    if (known) return { person, stored: known, etag: ids.etag };
    const stored = await bot.repositories.skemas.get(person.orgId, ids.roundId, person.email);
    if (!stored) return { message: NO_SKEMA };
    return { person, stored, etag: ids.etag };
  };

  const save =
    (submit: boolean): CardActionHandler =>
    async (turn, data) => {
      const loaded = await load(turn, data, true);
      if ('card' in loaded || 'message' in loaded) return loaded;
      const { person, stored, etag } = loaded;
      const typed = answersFromCardData(data, stored.value);
      let saved: Versioned<Skema>;
      try {
        saved = await storeAnswers(skema, person, stored, { answers: typed, submit, etag });
      } catch (error) {
        const { roundId } = stored.value;
        const current = await bot.repositories.skemas.get(person.orgId, roundId, person.email);
        if (!current) {
          // Removed meanwhile (e.g. the employee's data was erased): there is nothing left to show.
          shownVersions.forget(shownKey(person.orgId, roundId, person.email));
          return { message: NO_SKEMA };
        }
        if (error instanceof ConflictError) {
          return render(turn, person, current, {
            notice: { kind: 'conflict', keptAnswers: typed },
            editing: true,
          });
        }
        if (error instanceof ValidationError) {
          const detail = error.issues.map((i) => i.message);
          const message: Bilingual = {
            da: [error.userMessage.da, ...detail.map((d) => d.da)].join(' '),
            en: [error.userMessage.en, ...detail.map((d) => d.en)].join(' '),
          };
          return render(turn, person, current, {
            notice: { kind: 'error', message },
            editing: true,
            typed,
          });
        }
        if (error instanceof RuleError || error instanceof DomainError) {
          return render(turn, person, current, {
            notice: { kind: 'error', message: error.userMessage },
          });
        }
        throw error;
      }
      return render(turn, person, saved, {
        notice: { kind: submit ? 'submitted' : 'saved' },
      });
    };

  const acknowledgeAction: CardActionHandler = async (turn, data) => {
    const loaded = await load(turn, data);
    if ('card' in loaded || 'message' in loaded) return loaded;
    const { person, stored, etag } = loaded;
    const comment = typeof data.comment === 'string' ? data.comment : undefined;
    const ref = { roundId: stored.value.roundId, employeeEmail: person.email };
    let error: Bilingual | undefined;
    try {
      await acknowledgeSkema(skema, person, ref, { etag, ...(comment ? { comment } : {}) });
    } catch (caught) {
      if (!(caught instanceof DomainError)) throw caught;
      error = caught.userMessage;
    }
    const current =
      (await bot.repositories.skemas.get(person.orgId, ref.roundId, person.email)) ?? stored;
    const rendered = await renderSkemaSummary(
      bot.repositories,
      bot.links,
      turn.locale,
      current,
      error,
    );
    return { card: rendered.card };
  };

  return {
    [ACKNOWLEDGE_VERB]: acknowledgeAction,
    [SKEMA_VERBS.save]: save(false),
    [SKEMA_VERBS.submit]: save(true),
    [SKEMA_VERBS.edit]: async (turn, data) => {
      const loaded = await load(turn, data);
      if ('card' in loaded || 'message' in loaded) return loaded;
      return render(turn, loaded.person, loaded.stored, { editing: true });
    },
    [SKEMA_VERBS.refresh]: async (turn, data) => {
      const loaded = await load(turn, data);
      if ('card' in loaded || 'message' in loaded) return loaded;
      return render(turn, loaded.person, loaded.stored);
    },
  };
}
