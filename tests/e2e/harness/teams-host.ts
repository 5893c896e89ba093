import type { Frame, FrameLocator, Page } from 'playwright-core';

/*
 * A stand-in for Teams around the tab. Teams hosts a tab in an iframe and talks to teams-js through
 * postMessage: the tab posts `{ id, uuidAsString, func, args }` to window.parent, the host answers
 * `{ id, uuidAsString, args }`, and pushes events as `{ func, args }` (e.g. themeChange). This page
 * answers just what the tab asks: initialize, getContext, authentication.getAuthToken; and it can
 * switch the theme. It is served on the app's own origin (teams-js accepts a parent on its own origin
 * without its list of Microsoft origins) by intercepting one URL in the browser.
 */

export type FrameContext = 'content' | 'sidePanel' | 'meetingStage' | 'settings';
export type Theme = 'default' | 'dark' | 'contrast';

export interface HostOptions {
  /** Wait for the tab's first screen (default); false to look at it while it still loads. */
  waitUntilReady?: boolean;
  /** The SSO token getAuthToken hands out. */
  token: string;
  userPrincipalName: string;
  theme?: Theme;
  locale?: string;
  frameContext?: FrameContext;
  /** Deep-link sub-entity, e.g. `skema:<roundId>:<email>`. */
  subEntityId?: string;
  meetingId?: string;
  chatId?: string;
  /** Path and query of the tab page (default /tab/index.html). */
  tabPath?: string;
}

export const HOST_PATH = '/e2e/teams-host.html';

/** Legacy-shaped context, as Teams sends it (teams-js turns it into app.Context). */
function legacyContext(o: HostOptions): Record<string, unknown> {
  return {
    locale: o.locale ?? 'da-DK',
    theme: o.theme ?? 'default',
    frameContext: o.frameContext ?? 'content',
    entityId: o.meetingId ? 'mus-fane' : 'mine-mus',
    subEntityId: o.subEntityId ?? '',
    userPrincipalName: o.userPrincipalName,
    loginHint: o.userPrincipalName,
    userObjectId: '00000000-0000-0000-0000-000000000000',
    tid: '3f1c1a2e-8a55-4d6b-9c1e-0a7b5e2d4c10',
    meetingId: o.meetingId,
    chatId: o.chatId ?? (o.meetingId ? `19:meeting_${o.meetingId}@thread.v2` : undefined),
    hostName: 'Teams',
    hostClientType: 'web',
    appSessionId: 'e2e-session',
  };
}

const RUNTIME = {
  apiVersion: 4,
  isLegacyTeams: false,
  supports: {
    appInitialization: {},
    authentication: {},
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {} },
    teamsCore: {},
    meeting: {},
  },
};

function hostHtml(options: HostOptions): string {
  const config = {
    token: options.token,
    context: legacyContext(options),
    frameContext: options.frameContext ?? 'content',
    runtime: JSON.stringify(RUNTIME),
    tabPath: options.tabPath ?? '/tab/index.html',
  };
  // JSON inside <script>: escape `<` so no text can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Teams (test host)</title></head>
<body style="margin:0">
<iframe id="tab" title="MUS" style="width:100%;height:100vh;border:0"></iframe>
<script>
const cfg = ${json};
window.hostLog = [];
const frame = document.getElementById('tab');
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;
  const msg = event.data;
  if (!msg || typeof msg.func !== 'string') return;
  window.hostLog.push(msg.func);
  const reply = (args) =>
    frame.contentWindow.postMessage({ id: msg.id, uuidAsString: msg.uuidAsString, args }, event.origin);
  if (msg.func === 'initialize') reply([cfg.frameContext, 'web', cfg.runtime, '2.58.0']);
  else if (msg.func === 'getContext') reply([cfg.context]);
  else if (msg.func === 'authentication.getAuthToken') reply([true, cfg.token]);
  // Everything else the tab sends (registerHandler, app.notifySuccess …) is one-way.
});
window.setTeamsTheme = (theme) => {
  cfg.context.theme = theme;
  frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, location.origin);
};
frame.src = cfg.tabPath;
</script>
</body></html>`;
}

export interface HostedTab {
  /** Locators inside the tab. */
  tab: FrameLocator;
  /** The tab's frame, for evaluate() and script injection. */
  frame(): Promise<Frame>;
  setTheme(theme: Theme): Promise<void>;
  /** What the tab asked the host, in order. */
  hostLog(): Promise<string[]>;
}

/** Opens the tab inside the stand-in Teams host, on `baseUrl`'s origin. */
export async function openInTeams(
  page: Page,
  baseUrl: string,
  options: HostOptions,
): Promise<HostedTab> {
  const hostUrl = `${baseUrl}${HOST_PATH}`;
  await page.unroute(hostUrl);
  await page.route(hostUrl, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: hostHtml(options) }),
  );
  await page.goto(hostUrl);
  const tab = page.frameLocator('#tab');
  if (options.waitUntilReady !== false) await tab.locator('body[data-ready="true"]').waitFor();
  return {
    tab,
    async frame() {
      const handle = await page.locator('#tab').elementHandle();
      const frame = await handle?.contentFrame();
      if (!frame) throw new Error('the tab iframe has no frame');
      return frame;
    },
    setTheme: (theme) =>
      page.evaluate((t) => {
        (window as unknown as { setTeamsTheme(theme: string): void }).setTeamsTheme(t);
      }, theme),
    hostLog: () => page.evaluate(() => (window as unknown as { hostLog: string[] }).hostLog),
  };
}
