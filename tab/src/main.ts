import { localeFrom } from '../../bot/mus/bilingual.js';
import {
  ApiClient,
  ApiError,
  groupTalkPath,
  ROUNDS_PATH,
  setPageLeaving,
  skemaPath,
  userMessage,
  type Identity,
} from './api-client.js';
import { saveEverythingNow } from './autosave.js';
import type { Me } from './api-types.js';
import type { AppEnv, Dispose } from './app-env.js';
import { chosenDevUser, serverMode, startDevMode } from './dev-mode.js';
import { h, onUnhandledError, replace } from './dom.js';
import { setLocale, t } from './i18n.js';
import { parseRoute, routeFromSubEntity, routeHash, type Route } from './routes.js';
import {
  applyTheme,
  connectToTeams,
  followTheme,
  notifyLoaded,
  ssoIdentity,
  type TeamsSession,
} from './teams-host.js';
import { renderHome } from './views/home-view.js';
import { renderInfoPage } from './views/info-page.js';
import {
  failedNotice,
  loadingSkeleton,
  SKELETON_AFTER_MS,
  SLOW_AFTER_MS,
  slowNotice,
} from './views/load-state.js';

/*
 * The tab's entry point: find out where it runs (Teams, or a browser against a dev server), who the
 * user is, and show the screen the URL (or Teams' deep link, or the meeting) asks for.
 */

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el;
}

const root = byId('app');
const banner = byId('dev-banner');
const alerts = byId('alerts');
const live = byId('live');

function showError(error: unknown): void {
  if (!(error instanceof ApiError)) console.error(error);
  replace(alerts, h('p', { className: 'alert', role: 'alert' }, userMessage(error)));
}

function announce(text: string): void {
  // Cleared first so the same text twice is read twice.
  live.textContent = '';
  setTimeout(() => {
    live.textContent = text;
  }, 50);
}

function message(text: string): void {
  replace(root, h('p', { className: 'card' }, text));
  markReady();
}

let ready = false;
/** Marks the first real render (the benchmark and the tests wait for it). */
function markReady(): void {
  if (ready) return;
  ready = true;
  document.body.dataset.ready = 'true';
  performance.mark('mus:first-render');
}

async function identify(session: TeamsSession | undefined): Promise<Identity | undefined> {
  if (session) return ssoIdentity();
  const mode = await serverMode();
  if (mode === 'unreachable') {
    message(t('serverUnreachable'));
    return undefined;
  }
  if (mode !== 'dev') {
    message(t('openInTeams'));
    return undefined;
  }
  const params = new URLSearchParams(location.search);
  // Dev mode has no Teams to ask: the URL may choose the theme and language to try them out.
  applyTheme(params.get('theme') ?? undefined);
  if (params.get('lang')) setLocale(localeFrom(params.get('lang')));
  const identity = await startDevMode(banner);
  if (!chosenDevUser()) {
    message(t('devChoose'));
    return undefined;
  }
  return identity;
}

async function main(): Promise<void> {
  // Danish unless Teams (or, in dev mode, ?lang=en) says English.
  setLocale('da');
  applyTheme(undefined);
  onUnhandledError(showError);
  saveWhenLeaving();

  const initial = parseRoute(location.hash);
  const session = await connectToTeams();
  performance.mark('mus:teams-ready');
  if (session) {
    setLocale(localeFrom(session.context.app.locale));
    applyTheme(session.context.app.theme);
    followTheme();
  }
  // The manifest's privacy and terms links open these pages, also without signing in.
  if (initial.name === 'privacy' || initial.name === 'terms') {
    renderRoute(root, undefined, initial);
    return;
  }

  const identity = await identify(session);
  if (!identity) return;
  const api = new ApiClient(identity);
  const deepLink = location.hash ? undefined : routeFromSubEntity(session?.subEntityId);
  const first = deepLink ?? initial;
  // The first screen's data is fetched while /api/me answers.
  api.prefetch(
    first.name === 'skema'
      ? skemaPath(first.roundId, first.email)
      : first.name === 'group'
        ? groupTalkPath(first.roundId, first.leaderEmail)
        : ROUNDS_PATH,
  );
  // So is its code, when it is not the home screen (the import is cached for renderScreen).
  if (first.name === 'skema') void import('./views/skema-screen.js').catch(() => undefined);
  if (first.name === 'group') void import('./views/group-talk-view.js').catch(() => undefined);
  let me: Me;
  try {
    me = await api.me();
    performance.mark('mus:signed-in');
  } catch (error) {
    // Signing in failed: nothing is shown yet, so trying again starts the tab over.
    const reason =
      error instanceof ApiError && error.status !== 401 ? error.message : t('signInFailed');
    replace(
      root,
      failedNotice(reason, () => location.reload()),
    );
    markReady();
    return;
  }

  const env: AppEnv = {
    api,
    me,
    session,
    announce,
    showError,
    navigate(route, options = {}) {
      const hash = routeHash(route);
      if (options.replace || location.hash === hash) {
        history.replaceState(null, '', hash);
        void show(route, false);
      } else {
        location.hash = hash; // hashchange renders it
      }
    },
  };

  let dispose: Dispose = () => undefined;
  let showing = 0;
  const show = async (route: Route, autoOpenMeeting: boolean): Promise<void> => {
    const mine = ++showing;
    await Promise.resolve(dispose()).catch(showError);
    dispose = () => undefined;
    if (mine !== showing) return;
    replace(alerts);
    // Each screen renders into a container of its own, shown once it is ready: the screen before
    // stays until then, and a load that was overtaken (a retry, another click) never shows.
    const screen = h('div', { className: 'screen', hidden: true });
    root.append(screen);
    root.setAttribute('aria-busy', 'true');
    const retry = (): void => void show(route, autoOpenMeeting);
    const current = (): boolean => mine === showing;
    const skeletonTimer = setTimeout(() => {
      if (current()) root.replaceChildren(loadingSkeleton(), screen);
    }, SKELETON_AFTER_MS);
    const slowTimer = setTimeout(() => {
      if (current()) root.replaceChildren(slowNotice(retry), loadingSkeleton(), screen);
    }, SLOW_AFTER_MS);
    let rendered: Dispose = () => undefined;
    try {
      rendered = (await renderScreen(screen, env, route, autoOpenMeeting)) ?? rendered;
      if (!current()) {
        screen.remove();
        await rendered();
        return;
      }
      screen.hidden = false;
      root.replaceChildren(screen);
      dispose = rendered;
    } catch (error) {
      if (!current()) {
        screen.remove();
        return;
      }
      screen.hidden = false;
      root.replaceChildren(screen);
      if (screen.hasChildNodes()) showError(error);
      else screen.append(failedNotice(userMessage(error), retry));
    } finally {
      clearTimeout(skeletonTimer);
      clearTimeout(slowTimer);
      if (current()) {
        root.removeAttribute('aria-busy');
        markReady();
      }
    }
  };

  window.addEventListener('hashchange', () => void show(parseRoute(location.hash), false));
  await show(first, !location.hash && !deepLink);
  if (session) notifyLoaded();
}

/**
 * When the panel closes or the page is hidden, everything typed and not yet saved goes out at once
 * (as keepalive requests the browser finishes after the page is gone); a copy also stays in the
 * browser until the server has it (field-binding.ts), so nothing typed is lost.
 */
function saveWhenLeaving(): void {
  const leave = (): void => {
    setPageLeaving(true);
    saveEverythingNow();
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leave();
    else setPageLeaving(false);
  });
  window.addEventListener('pagehide', leave);
}

function renderRoute(target: HTMLElement, env: AppEnv | undefined, route: Route): void {
  if (route.name === 'privacy') renderInfoPage(target, env, 'privacyHeading', 'privacyText');
  else if (route.name === 'terms') renderInfoPage(target, env, 'termsHeading', 'termsText');
  markReady();
}

/** Renders one screen into `target`; returns what stops its timers, if it has any. */
async function renderScreen(
  target: HTMLElement,
  env: AppEnv,
  route: Route,
  autoOpenMeeting: boolean,
): Promise<Dispose | undefined> {
  switch (route.name) {
    // Every screen but home loads when opened, so the first screen stays small (tab-bundle.test.ts);
    // a deep link's screen is fetched with its data while /api/me answers (main above).
    case 'skema': {
      const { renderSkemaScreen } = await import('./views/skema-screen.js');
      return renderSkemaScreen(target, env, route.roundId, route.email);
    }
    case 'group': {
      const { renderGroupTalkScreen } = await import('./views/group-talk-view.js');
      return renderGroupTalkScreen(target, env, route);
    }
    case 'setup': {
      const { renderSetup } = await import('./views/setup-view.js');
      await renderSetup(target, env, route.roundId ? { roundId: route.roundId } : {});
      return undefined;
    }
    case 'print': {
      const { renderPrintView } = await import('./views/print-view.js');
      await renderPrintView(target, env, route.roundId, route.email);
      return undefined;
    }
    case 'agreements': {
      const { renderMyAgreements } = await import('./views/my-agreements-view.js');
      await renderMyAgreements(target, env);
      return undefined;
    }
    case 'home':
      await renderHome(target, env, { roundId: route.roundId, autoOpenMeeting });
      return undefined;
    default:
      renderRoute(target, env, route);
      return undefined;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  message(t('unexpected'));
});
