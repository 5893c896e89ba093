import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { AppCredentials, AuthenticationConstants } from 'botframework-connector';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Logger } from '../logger.js';
import { localeFrom, pick } from '../mus/bilingual.js';
import { CHAT_TEXTS } from '../../texts/chat.js';
import type { ConversationRef } from './conversation-ref.js';
import {
  createConnectorClient,
  type ConnectorAccount,
  type ConnectorClient,
  type TokenSource,
} from './connector-client.js';
import type { CallFailure } from './send-failure.js';
import { cachedTokenSource } from './token-cache.js';

/*
 * The Bot Framework transport, and the only module that imports the Bot Framework SDK (botbuilder is
 * past the end of its support; moving to the Microsoft 365 Agents SDK should touch this file only).
 *
 * The SDK's CloudAdapter serves inbound turns only. Proactive calls (send, update, create
 * conversation, list members) go through our own Bot Connector client (connector-client.ts): each call
 * is exactly one HTTP request, and its real outcome (status, Retry-After, Teams' error code) comes
 * back to the caller, so the rollout engine alone decides when to try again. From the SDK they take
 * only the bot's token, asked of the credential the SDK builds from the bot's settings. Replies inside
 * a turn keep the SDK's retries: they answer a user who is waiting, outside the rollout's rate budget.
 */

export { TeamsActivityHandler, TurnContext };
export type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue };
export type { CallFailure } from './send-failure.js';

/** Bot credentials; no appId means dev mode, where Bot Framework authentication is off. */
export interface BotFrameworkCredentials {
  appId?: string;
  appPassword?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

/** What the bot sends: text (markdown) and/or attachments such as Adaptive Cards. */
export interface OutgoingMessage {
  text?: string;
  /** Shown in notifications and the chat list instead of "sent a card". */
  summary?: string;
  attachments?: { contentType: string; content: unknown }[];
}

/** The outcome of one send or update: the activity id, or a classified failure. */
export type SendOutcome = { ok: true; activityId: string; conversationId: string } | CallFailure;

export type CreateConversationOutcome =
  { ok: true; conversationId: string; reference: ConversationRef } | CallFailure;

/** A member of a team or chat as Teams lists it. */
export interface TeamsMember {
  /** Bot Framework user id (`29:…`). */
  userId: string;
  aadObjectId?: string;
  name?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export type MemberOutcome = { ok: true; member: TeamsMember } | CallFailure;

export type MembersPageOutcome =
  { ok: true; members: TeamsMember[]; continuationToken?: string } | CallFailure;

/** The part of an HTTP request the adapter reads (restify's request fits). */
export interface BotHttpRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  method?: string;
}

/** The part of an HTTP response the adapter writes (restify's response fits). */
export interface BotHttpResponse {
  socket: unknown;
  end(...args: unknown[]): unknown;
  header(name: string, value: unknown): unknown;
  send(...args: unknown[]): unknown;
  status(code: number): unknown;
}

/** Whatever handles a turn: an ActivityHandler. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

export interface BotFrameworkOptions {
  log: Logger;
  /** The handler for `handleRequest` calls that do not pass one. */
  handler?: TurnHandler;
  /** Timeout of each proactive call, after which it counts as failed with status 0. */
  requestTimeoutMs?: number;
}

export interface BotFramework {
  /** Undefined in dev mode. */
  readonly appId: string | undefined;
  readonly devMode: boolean;
  /** Serves POST /api/messages: authenticates the activity and runs the turn. */
  handleRequest(req: BotHttpRequest, res: BotHttpResponse, handler?: TurnHandler): Promise<void>;
  /** Sends a new message to a conversation; one HTTP request, no hidden retries. */
  sendMessage(reference: ConversationRef, message: OutgoingMessage): Promise<SendOutcome>;
  /** Replaces a message the bot sent earlier (e.g. a progress card). */
  updateActivity(
    reference: ConversationRef,
    activityId: string,
    message: OutgoingMessage,
  ): Promise<SendOutcome>;
  /** Creates (or finds) the 1:1 chat with a user who has the app, for proactive messages. */
  createPersonalConversation(
    serviceUrl: string,
    tenantId: string,
    userId: string,
  ): Promise<CreateConversationOutcome>;
  /** One member of a conversation, with email/UPN (how the bot matches people to the roster). */
  getMember(reference: ConversationRef, userId: string): Promise<MemberOutcome>;
  /** One page of a team's or chat's members; pass the previous page's token for the next. */
  getPagedMembers(
    reference: ConversationRef,
    continuationToken?: string,
    pageSize?: number,
  ): Promise<MembersPageOutcome>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Builds the adapter and the proactive sender from the bot's credentials. */
export function createBotFramework(
  credentials: BotFrameworkCredentials | undefined,
  options: BotFrameworkOptions,
): BotFramework {
  const appId = credentials?.appId || undefined;
  const settings = appId
    ? {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: credentials?.appPassword,
        MicrosoftAppType: credentials?.appType ?? 'MultiTenant',
        MicrosoftAppTenantId: credentials?.tenantId,
      }
    : {};
  const credentialFactory = new ConfigurationServiceClientCredentialFactory(settings);
  const authentication = new ClientReusingAuthentication(settings, credentialFactory);
  const adapter = new MusCloudAdapter(authentication, options.log);
  const connector = createConnectorClient({
    tokens: appId
      ? botTokenSource(credentialFactory, appId, options.log)
      : () => Promise.resolve(undefined),
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  });
  return new BotFrameworkTransport(adapter, connector, appId, options);
}

/**
 * The bot's token for the Bot Connector (public cloud), from the credential the SDK makes for the
 * configured app type (password, single tenant or managed identity); kept until shortly before it
 * expires.
 */
function botTokenSource(
  factory: ConfigurationServiceClientCredentialFactory,
  appId: string,
  log: Logger,
): TokenSource {
  let credential: Promise<AppCredentials> | undefined;
  const credentialOf = async (): Promise<AppCredentials> => {
    const made = await factory.createCredentials(
      appId,
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      AuthenticationConstants.ToChannelFromBotLoginUrl,
      true,
    );
    if (!(made instanceof AppCredentials)) {
      throw new Error('the Bot Framework SDK made a credential that cannot give a token');
    }
    return made;
  };
  return cachedTokenSource(async () => {
    credential ??= credentialOf();
    try {
      return await (await credential).getToken();
    } catch (error) {
      // A credential that could not be made is not kept; the next call tries again.
      credential = undefined;
      log.warn({ err: error }, 'could not get a Bot Connector token for the bot');
      throw error;
    }
  });
}

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type UserTokenClient = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>
>;
type TurnConnectorClient = Awaited<
  ReturnType<NonNullable<AuthenticateRequestResult['connectorFactory']>['create']>
>;

/** Kept clients per bot identity and endpoint; a handful in practice, so a small bound suffices. */
const MAX_KEPT_CLIENTS = 100;

/**
 * The SDK's authentication, except that the ConnectorClient and UserTokenClient the CloudAdapter
 * makes for every inbound turn are made once per bot identity (from the validated claims), service
 * URL and audience, and then reused. Building them costs about a quarter of a millisecond of CPU per
 * turn (two HTTP pipelines), most of it for nothing: an invoke is answered in the HTTP response and
 * never uses either. Both are stateless apart from their credentials, which cache and refresh their
 * own tokens, so sharing them between turns is safe. Proactive calls keep their own clients.
 */
class ClientReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<TurnConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const bot = botIdentityOf(result.claimsIdentity);
    return {
      ...result,
      connectorFactory: {
        create: (serviceUrl: string, audience?: string) =>
          reuse(this.connectors, `${bot}|${serviceUrl}|${audience ?? ''}`, () =>
            factory.create(serviceUrl, audience),
          ),
      },
    };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return reuse(this.tokenClients, botIdentityOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }
}

/** The claims that choose the bot's credentials (the SDK reads the audience, else the app id). */
function botIdentityOf(claims: ClaimsIdentity): string {
  return `${claims.getClaimValue('aud') ?? ''}|${claims.getClaimValue('appid') ?? ''}`;
}

/** The kept value for `key`, or a new one; one that failed is dropped so the next turn retries. */
function reuse<T>(kept: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = kept.get(key);
  if (!value) {
    if (kept.size >= MAX_KEPT_CLIENTS) kept.clear();
    value = make();
    kept.set(key, value);
    value.catch(() => kept.delete(key));
  }
  return value;
}

/** The CloudAdapter for inbound turns, with our turn-error handling. */
class MusCloudAdapter extends CloudAdapter {
  constructor(
    authentication: ConfigurationBotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(authentication);
    this.onTurnError = (context, error) => this.apologise(context, error);
  }

  /** Authenticates a posted activity and runs the turn; the SDK's AuthenticationError if refused. */
  processPosted(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): ReturnType<CloudAdapter['processActivity']> {
    return this.processActivity(authorization, activity, logic);
  }

  /** Logs the failure with its context and tells the user, in their language, without details. */
  private async apologise(context: TurnContext, error: Error): Promise<void> {
    const activity = context.activity;
    this.log.error(
      {
        err: error,
        activityType: activity.type,
        activityId: activity.id,
        channelId: activity.channelId,
        conversationId: activity.conversation?.id,
        conversationType: activity.conversation?.conversationType,
        tenantId: activity.conversation?.tenantId,
        userId: activity.from?.id,
      },
      'bot turn failed',
    );
    // Only a user who did something is waiting for an answer; install events and the like get none.
    if (activity.type !== 'message' && activity.type !== 'invoke') return;
    try {
      await context.sendActivity(pick(CHAT_TEXTS.bot.apology, localeFrom(activity.locale)));
    } catch (sendError) {
      this.log.error({ err: sendError, activityId: activity.id }, 'could not send the apology');
    }
  }
}

class BotFrameworkTransport implements BotFramework {
  readonly devMode: boolean;

  constructor(
    private readonly adapter: MusCloudAdapter,
    private readonly connector: ConnectorClient,
    readonly appId: string | undefined,
    private readonly options: BotFrameworkOptions,
  ) {
    this.devMode = appId === undefined;
  }

  async handleRequest(
    req: BotHttpRequest,
    res: BotHttpResponse,
    handler: TurnHandler | undefined = this.options.handler,
  ): Promise<void> {
    if (!handler) throw new Error('handleRequest needs a turn handler');
    if (!this.devMode && !hasWellFormedBearerToken(req.headers.authorization)) {
      // Anyone can post here: a request without a token, or with something that is not a JWT at
      // all, is answered with one log line, before the SDK (which prints a whole stack for each
      // refusal) sees it. A well-formed token is the SDK's to verify.
      this.options.log.warn({ status: 401 }, 'bot request without a token refused');
      res.status(401);
      res.end();
      return;
    }
    const activity = activityOf(req.body);
    if (!activity) {
      res.status(400);
      res.end();
      return;
    }
    const authorization =
      typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    // processActivity rather than the SDK's process(): the latter prints every refused token's stack
    // to the console. Here a token that does not hold is one log line and a 401; any other error goes
    // to the server's error handler (500 with a correlation id).
    let answer: Awaited<ReturnType<MusCloudAdapter['processPosted']>>;
    try {
      answer = await this.adapter.processPosted(authorization, activity, (context) =>
        handler.run(context),
      );
    } catch (error) {
      if (!isAuthenticationFailure(error)) throw error;
      this.options.log.warn({ status: 401 }, 'bot request with a token that does not hold refused');
      res.status(401);
      res.end();
      return;
    }
    res.status(answer?.status ?? 200);
    if (answer?.body !== undefined) res.send(answer.body);
    res.end();
  }

  async sendMessage(reference: ConversationRef, message: OutgoingMessage): Promise<SendOutcome> {
    const conversationId = reference.conversation.id;
    const outcome = await this.connector.sendToConversation(
      reference.serviceUrl,
      conversationId,
      toActivity(reference, message),
    );
    if (!outcome.ok) return this.failed(outcome, reference.serviceUrl);
    return { ok: true, activityId: outcome.id, conversationId };
  }

  async updateActivity(
    reference: ConversationRef,
    activityId: string,
    message: OutgoingMessage,
  ): Promise<SendOutcome> {
    const conversationId = reference.conversation.id;
    const outcome = await this.connector.updateActivity(
      reference.serviceUrl,
      conversationId,
      activityId,
      { ...toActivity(reference, message), id: activityId },
    );
    if (!outcome.ok) return this.failed(outcome, reference.serviceUrl);
    return { ok: true, activityId: outcome.id, conversationId };
  }

  async createPersonalConversation(
    serviceUrl: string,
    tenantId: string,
    userId: string,
  ): Promise<CreateConversationOutcome> {
    const bot = { id: `28:${this.appId ?? 'dev-bot'}`, name: '' };
    const outcome = await this.connector.createConversation(serviceUrl, {
      isGroup: false,
      bot,
      members: [{ id: userId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    });
    if (!outcome.ok) return this.failed(outcome, serviceUrl);
    const conversationId = outcome.id;
    const reference: ConversationRef = {
      channelId: 'msteams',
      serviceUrl,
      conversation: {
        id: conversationId,
        conversationType: 'personal',
        tenantId,
        isGroup: false,
      },
      user: { id: userId },
      bot,
    };
    return { ok: true, conversationId, reference };
  }

  async getMember(reference: ConversationRef, userId: string): Promise<MemberOutcome> {
    const outcome = await this.connector.getMember(
      reference.serviceUrl,
      teamOrChatId(reference),
      userId,
    );
    if (!outcome.ok) return this.failed(outcome, reference.serviceUrl);
    return { ok: true, member: toTeamsMember(outcome.account) };
  }

  async getPagedMembers(
    reference: ConversationRef,
    continuationToken?: string,
    pageSize?: number,
  ): Promise<MembersPageOutcome> {
    const page: { pageSize?: number; continuationToken?: string } = {};
    if (pageSize !== undefined) page.pageSize = pageSize;
    if (continuationToken !== undefined) page.continuationToken = continuationToken;
    const outcome = await this.connector.getPagedMembers(
      reference.serviceUrl,
      teamOrChatId(reference),
      page,
    );
    if (!outcome.ok) return this.failed(outcome, reference.serviceUrl);
    const result: MembersPageOutcome = { ok: true, members: outcome.members.map(toTeamsMember) };
    if (outcome.continuationToken) result.continuationToken = outcome.continuationToken;
    return result;
  }

  /** Logs a failed connector call and hands its classified outcome on. */
  private failed(failure: CallFailure, serviceUrl: string): CallFailure {
    this.options.log.warn(
      { serviceUrl, status: failure.status, code: failure.code, teamsCode: failure.teamsCode },
      'Bot Connector call failed',
    );
    return failure;
  }
}

/** A channel thread's id names the team plus a message; the members belong to the team. */
function teamOrChatId(reference: ConversationRef): string {
  return reference.conversation.id.split(';')[0] ?? reference.conversation.id;
}

function toActivity(reference: ConversationRef, message: OutgoingMessage): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: 'message',
    conversation: {
      id: reference.conversation.id,
      isGroup: reference.conversation.isGroup ?? false,
      conversationType: reference.conversation.conversationType ?? '',
      name: reference.conversation.name ?? '',
      ...(reference.conversation.tenantId ? { tenantId: reference.conversation.tenantId } : {}),
    },
  };
  if (message.text !== undefined) {
    activity.text = message.text;
    activity.textFormat = 'markdown';
  }
  if (message.summary !== undefined) activity.summary = message.summary;
  if (message.attachments) activity.attachments = message.attachments;
  if (reference.user)
    activity.recipient = { id: reference.user.id, name: reference.user.name ?? '' };
  if (reference.bot) activity.from = { id: reference.bot.id, name: reference.bot.name ?? '' };
  return activity;
}

function toTeamsMember(account: ConnectorAccount): TeamsMember {
  const member: TeamsMember = { userId: account.id ?? '' };
  for (const name of ['aadObjectId', 'name', 'email', 'userPrincipalName', 'tenantId'] as const) {
    const value = account[name];
    if (value !== undefined) member[name] = value;
  }
  return member;
}

/** Whether the Authorization header carries a bearer token that at least parses as a signed JWT. */
function hasWellFormedBearerToken(authorization: unknown): boolean {
  if (typeof authorization !== 'string') return false;
  const match = /^Bearer (\S+)$/.exec(authorization);
  if (!match?.[1]) return false;
  try {
    decodeJwt(match[1]);
    return typeof decodeProtectedHeader(match[1]).alg === 'string';
  } catch {
    return false;
  }
}

/**
 * The posted activity, with its times as dates (as the SDK's own request handling prepares it), or
 * undefined when the body is not an activity at all.
 */
function activityOf(body: unknown): Activity | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const activity = { ...(body as Record<string, unknown>) };
  if (typeof activity.type !== 'string') return undefined;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** The SDK refused the request's credentials (its AuthenticationError carries a 401 or 403). */
function isAuthenticationFailure(error: unknown): boolean {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return statusCode === 401 || statusCode === 403;
}
