import { readFileSync } from 'node:fs';
import { DEV_ORG_ID } from '../../bot/config.js';
import { DEMO_CORE_TASK, DEMO_ROSTER } from '../../bot/demo-data.js';
import { newOrganisation } from '../../bot/mus/organisation.js';
import type { Person } from '../../bot/mus/person.js';
import { importRosterCsv } from '../../bot/roster/csv-roster.js';
import { createBotFramework } from '../../bot/teams/bot-framework.js';
import { GraphAppInstaller } from '../../bot/teams/proactive-install.js';
import { fakeTokenProvider } from './fake-graph.js';
import type { SkemaServices } from '../../bot/skema/skema-services.js';
import type { AppOverrides, BuiltApp } from '../../bot/app.js';
import type { Rollout } from '../../bot/rollout-wiring.js';
import type { MusBotRouter } from '../../bot/teams/mus-bot-router.js';
import { testStorage, type TestStorage } from './azurite.js';
import { FakeBotConnector, type FakeMember } from './fake-bot-connector/index.js';
import { botEndpoint, type BotEndpoint } from './bot-test-server.js';
import { memoryLogger } from './memory-logger.js';
import { listenTestApp } from './test-app.js';

export const HR_CHANNEL = '19:hr-kanal@thread.tacv2';
export const TEAM_ID = '19:hr-team@thread.tacv2';
export const TENANT = '72f988bf-0000-4000-8000-0000000000aa';
export const HR_EMAIL = 'lone.hvid@vandvaerk.example';

/** The Bot Framework user id the fake Teams gives a roster person. */
export function teamsUserId(email: string): string {
  return `29:${email}`;
}

/** How Teams lists a roster person as a member of the team (ids derived from their e-mail). */
export function teamMemberOf(p: Pick<Person, 'email' | 'name'>): FakeMember {
  return {
    id: teamsUserId(p.email),
    name: p.name,
    email: p.email,
    userPrincipalName: p.email,
    aadObjectId: `aad-${p.email}`,
    tenantId: TENANT,
  };
}

export interface InvokeResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

/**
 * The whole bot side of the app on real components: Azurite storage with the sample roster, the
 * Bot Framework transport in dev mode, a restify /api/messages, and a fake Bot Connector playing
 * Teams over HTTP. The dispatcher does not run by itself; tests call `drain()`.
 */
export interface RolloutHarness {
  storage: TestStorage;
  fake: FakeBotConnector;
  /** The app's POST /api/messages, as the Teams channel calls it. */
  server: BotEndpoint;
  /** The app as bot/app.ts builds it, listening on a free port. */
  app: BuiltApp;
  rollout: Rollout;
  /** Where bot turns go; `idle()` waits for a turn's background work. */
  router: MusBotRouter;
  /** The skema use cases the tab's API uses, on the same storage. */
  skemaServices: SkemaServices;
  people: Person[];
  /** Posts an activity from `email` in HR's channel (an @mention message) and returns the HTTP status. */
  say(email: string, text: string, locale?: string): Promise<number>;
  /** Clicks an Action.Execute button as `email`; returns the invoke response. */
  click(
    email: string,
    verb: string,
    data: Record<string, unknown>,
    conversation?: 'channel' | 'personal',
    locale?: string,
  ): Promise<InvokeResponse>;
  /** The bot is added to the team: it reads the members and learns their Teams ids. */
  installInTeam(): Promise<void>;
  /** Sends everything due, waiting out retries. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

function activity(
  email: string,
  type: string,
  conversation: 'channel' | 'personal',
  serviceUrl: string,
  locale = 'da-DK',
): Record<string, unknown> {
  const userId = teamsUserId(email);
  const channel = conversation === 'channel';
  return {
    type,
    id: `f:${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: userId, name: email },
    recipient: { id: '28:bot', name: 'MUS' },
    conversation: channel
      ? {
          id: `${HR_CHANNEL};messageid=1`,
          conversationType: 'channel',
          isGroup: true,
          tenantId: TENANT,
        }
      : { id: `a:personal-${userId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: channel
      ? { tenant: { id: TENANT }, team: { id: TEAM_ID }, channel: { id: HR_CHANNEL } }
      : { tenant: { id: TENANT } },
    locale,
  };
}

/** The manifest id the fake Graph's app catalog knows the app by. */
export const MANIFEST_ID = 'a1b2c3d4-0000-4000-8000-0000000000cc';

/** PROACTIVE_INSTALL=on against a fake Graph at `graphBaseUrl`, paced without pauses for tests. */
export function proactiveInstallDeps(
  storage: TestStorage,
  graphBaseUrl: string,
): NonNullable<AppOverrides['proactiveInstall']> {
  const graph = new GraphAppInstaller({
    tokenProvider: fakeTokenProvider(),
    baseUrl: graphBaseUrl,
  });
  return {
    graphFor: () => graph,
    attempts: storage.installAttempts,
    manifestId: MANIFEST_ID,
    minGapMs: 0,
    everyMs: 0,
  };
}

export async function startRolloutHarness(
  options: { ratePerSecond?: number; proactiveInstallGraphUrl?: string } = {},
): Promise<RolloutHarness> {
  const storage = await testStorage();
  const fake = await FakeBotConnector.start();
  await importRosterCsv(storage.repositories.people, DEV_ORG_ID, readFileSync(DEMO_ROSTER));
  // HR has written the core task: step 1 cannot be launched without it.
  await storage.repositories.organisations.ensure(
    newOrganisation(DEV_ORG_ID, 'Vandværket', DEMO_CORE_TASK),
  );
  const people = await storage.repositories.people.list(DEV_ORG_ID);
  const members = people.map(teamMemberOf);
  fake.setMembers(TEAM_ID, members);
  fake.setMembers(HR_CHANNEL, members);
  const { log } = memoryLogger();
  const app = await listenTestApp(
    {
      settings: { devMode: true, rolloutRatePerSecond: options.ratePerSecond ?? 1000 },
      log,
      storage,
    },
    {
      bot: createBotFramework(undefined, { log, requestTimeoutMs: 5000 }),
      background: false,
      announceEveryMs: 0,
      wakeWaitingEveryMs: 0,
      ...(options.proactiveInstallGraphUrl
        ? { proactiveInstall: proactiveInstallDeps(storage, options.proactiveInstallGraphUrl) }
        : {}),
    },
  );
  const { rollout, router, skemaServices } = app;
  const server = botEndpoint(app.url);
  return {
    storage,
    fake,
    server,
    app,
    rollout,
    router,
    skemaServices,
    people,
    say: async (email, text, locale) => {
      const res = await server.post({
        ...activity(email, 'message', 'channel', fake.url, locale),
        text: `<at>MUS</at> ${text}`,
        entities: [
          { type: 'mention', mentioned: { id: '28:bot', name: 'MUS' }, text: '<at>MUS</at>' },
        ],
      });
      return res.status;
    },
    click: async (email, verb, data, conversation = 'channel', locale) => {
      const res = await server.post({
        ...activity(email, 'invoke', conversation, fake.url, locale),
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb, data: { ...data, verb } },
          trigger: 'manual',
        },
      });
      return (await res.json()) as InvokeResponse;
    },
    installInTeam: async () => {
      await server.post({
        ...activity(HR_EMAIL, 'conversationUpdate', 'channel', fake.url),
        conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT },
        membersAdded: [{ id: '28:bot' }],
        channelData: {
          tenant: { id: TENANT },
          team: { id: TEAM_ID, name: 'HR' },
          eventType: 'teamMemberAdded',
        },
      });
      await router.idle();
    },
    drain: async () => {
      await rollout.preparer.idle();
      await rollout.dispatcher.drain();
    },
    close: async () => {
      await app.stop();
      await fake.close();
    },
  };
}
