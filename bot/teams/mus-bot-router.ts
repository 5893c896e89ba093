import type { Logger } from '../logger.js';
import type { Bilingual } from '../mus/bilingual.js';
import { DomainError } from '../mus/errors.js';
import { newOrganisation } from '../mus/organisation.js';
import type { BotFramework } from './bot-framework.js';
import type { BotServices } from './bot-services.js';
import { roundActions } from './card-actions/round-actions.js';
import { runCommand } from './commands/run-command.js';
import { identifyUser } from './identify-user.js';
import { learnTeamRoster } from './learn-team-roster.js';
import { parseCommand } from './parse-command.js';
import { ttlCache } from '../ttl-cache.js';
import type {
  CardActionHandler,
  CardActionResult,
  IncomingTurn,
  Turn,
  TurnRouter,
} from './turn.js';
import { CHAT_TEXTS } from '../../texts/chat.js';

const UNKNOWN_ACTION: Bilingual = CHAT_TEXTS.router.unknownAction;
const UNEXPECTED: Bilingual = CHAT_TEXTS.router.unexpected;

/**
 * Routes what Teams sends to the app's modules: typed commands to the command module, card buttons
 * (by verb) to their card-action module, and new conversations to roster learning.
 */
export class MusBotRouter implements TurnRouter {
  private readonly actions: Record<string, CardActionHandler>;
  private readonly background = new Set<Promise<void>>();
  private readonly identities = ttlCache(30_000, Date.now, (person) => person === undefined);

  constructor(
    private readonly services: BotServices,
    private readonly bot: Pick<BotFramework, 'getMember' | 'getPagedMembers'>,
    extraActions: Record<string, CardActionHandler> = {},
  ) {
    this.actions = { ...roundActions(services), ...extraActions };
  }

  private get log(): Logger {
    return this.services.log;
  }

  /**
   * Who is behind a turn, with their 1:1 chat linked to them. Cached for half a minute: a user who
   * clicks through a card in a hurry should not cost four storage reads per click.
   */
  private async withPerson(turn: IncomingTurn): Promise<Turn> {
    const key = `${turn.orgId}|${turn.userId}|${turn.aadObjectId ?? ''}|${turn.conversationKey}`;
    const person = await this.identities(key, async () => {
      const found = await identifyUser(
        { people: this.services.repositories.people, bot: this.bot },
        turn,
      );
      if (found && turn.conversationType === 'personal')
        await this.linkPersonalChat(turn, found.email);
      return found;
    });
    return person ? { ...turn, person } : turn;
  }

  private async linkPersonalChat(turn: IncomingTurn, email: string): Promise<void> {
    const { conversations } = this.services.repositories;
    const stored = await conversations.getPersonal(turn.orgId, email);
    if (stored?.key === turn.conversationKey) return;
    await conversations.put({
      orgId: turn.orgId,
      personEmail: email,
      key: turn.conversationKey,
      reference: turn.reference,
      updatedAt: this.services.now().toISOString(),
    });
  }

  async message(incoming: IncomingTurn, text: string): Promise<void> {
    const turn = await this.withPerson(incoming);
    await runCommand(this.services, turn, parseCommand(text));
  }

  async cardAction(
    incoming: IncomingTurn,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<CardActionResult> {
    const handler = Object.hasOwn(this.actions, verb) ? this.actions[verb] : undefined;
    if (!handler) return { message: UNKNOWN_ACTION };
    try {
      return await handler(await this.withPerson(incoming), data);
    } catch (error) {
      if (error instanceof DomainError) return { message: error.userMessage };
      this.log.error({ err: error, verb, userId: incoming.userId }, 'card action failed');
      return { message: UNEXPECTED };
    }
  }

  async conversationSeen(turn: IncomingTurn, event: 'installed' | 'message'): Promise<void> {
    await this.rememberServiceUrl(turn);
    if (turn.conversationType === 'personal') {
      const { person } = await this.withPerson(turn);
      // Someone who just installed the app gets the cards that waited for them.
      if (event === 'installed' && person) this.services.wakeWaiting(turn.orgId);
      return;
    }
    if (event === 'installed' && turn.conversationType === 'channel') {
      // A big team's roster takes a while to read: learn it after the turn has been answered.
      const work = learnTeamRoster(
        { people: this.services.repositories.people, bot: this.bot },
        turn.orgId,
        turn.reference,
      )
        .then((result) => {
          this.log.info({ ...result, orgId: turn.orgId }, 'team roster learnt');
          // The members learnt now may have cards waiting for them.
          this.services.wakeWaiting(turn.orgId);
          return undefined;
        })
        .catch((error: unknown) => this.log.warn({ err: error }, 'learning the team roster failed'))
        .finally(() => this.background.delete(work));
      this.background.add(work);
    }
  }

  /** Organisations are created on first contact; the tenant's Bot Connector endpoint is kept. */
  private async rememberServiceUrl(turn: IncomingTurn): Promise<void> {
    const { organisations } = this.services.repositories;
    const org =
      (await organisations.get(turn.orgId)) ??
      (await organisations.ensure(newOrganisation(turn.orgId, turn.orgId)));
    if (org.value.serviceUrl !== turn.reference.serviceUrl) {
      await organisations
        .update({ ...org.value, serviceUrl: turn.reference.serviceUrl }, org.etag)
        .catch((error: unknown) => {
          if (!(error instanceof DomainError)) throw error;
          // Another turn updated the organisation at the same moment; its serviceUrl is as good.
        });
    }
  }

  /** Waits for background work (roster learning); for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.all(this.background);
  }
}
