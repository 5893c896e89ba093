import { app, authentication } from '@microsoft/teams-js';
import type { Identity } from './api-client.js';

/*
 * Everything the tab asks Teams: the context (user, locale, theme, where the tab is shown), live
 * theme changes and the SSO token. Only teams-js `app` and `authentication` are used, which keeps the
 * first load small.
 */

export type Theme = 'default' | 'dark' | 'contrast';

/** Where Teams shows the tab. */
export type Frame = 'personal' | 'channel' | 'meetingSidePanel' | 'meetingChat' | 'other';

export interface TeamsSession {
  context: app.Context;
  frame: Frame;
  /** The meeting the tab is shown in (side panel, meeting chat or details tab). */
  meetingId?: string;
  /** `skema:<roundId>:<email>` from a deep link, if the tab was opened by one. */
  subEntityId?: string;
}

export function asTheme(theme: string | undefined): Theme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

export function applyTheme(theme: string | undefined): void {
  document.documentElement.dataset.theme = asTheme(theme);
}

/**
 * app.initialize() never settles inside an iframe that is not Teams (and rejects at once in a
 * top-level window), so it races a timeout; undefined means "not in Teams".
 */
export async function connectToTeams(timeoutMs = 4000): Promise<TeamsSession | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const init = app
    .initialize()
    .then(() => app.getContext())
    .catch(() => undefined);
  const context = await Promise.race([init, timeout]);
  clearTimeout(timer);
  if (!context) return undefined;
  return {
    context,
    frame: frameOf(context),
    meetingId: context.meeting?.id,
    subEntityId: context.page.subPageId || undefined,
  };
}

function frameOf(context: app.Context): Frame {
  const frame: string = context.page.frameContext;
  if (frame === 'sidePanel' || frame === 'meetingStage') return 'meetingSidePanel';
  if (context.meeting?.id) return 'meetingChat';
  if (context.channel?.id) return 'channel';
  if (frame === 'content' && !context.chat?.id && !context.team) return 'personal';
  return 'other';
}

/** Follows Teams' theme as the user changes it. */
export function followTheme(onChange?: (theme: Theme) => void): void {
  app.registerOnThemeChangeHandler((theme) => {
    applyTheme(theme);
    onChange?.(asTheme(theme));
  });
}

/** Tells Teams the tab has loaded (hides Teams' loading indicator where the manifest asks for it). */
export function notifyLoaded(): void {
  app.notifySuccess().catch(() => undefined);
}

/** Seconds-since-epoch expiry of a JWT, read without verifying (the server verifies). */
function expiryOf(token: string): number {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : 0;
  } catch {
    return 0;
  }
}

/** Signs requests with the Teams SSO token, reusing it until five minutes before it expires. */
export function ssoIdentity(): Identity {
  let cached: { token: string; exp: number } | undefined;
  return {
    async headers() {
      if (!cached || cached.exp - 300 < Date.now() / 1000) {
        const token = await authentication.getAuthToken();
        cached = { token, exp: expiryOf(token) };
      }
      return { authorization: `Bearer ${cached.token}` };
    },
    forget() {
      cached = undefined;
    },
  };
}

/** Dev mode outside Teams: act as a chosen roster person (the server honours this only in dev mode). */
export function devIdentity(email: string | undefined): Identity {
  return {
    headers: () =>
      Promise.resolve<Record<string, string>>(email ? { 'x-mus-dev-user': email } : {}),
    forget: () => undefined,
  };
}
