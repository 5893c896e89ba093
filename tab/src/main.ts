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
import { renderGroupTalkScreen } from './views/group-talk-view.js';
import { renderHome } from './views/home-view.js';
import { renderMyAgreements } from './views/my-agreements-view.js';
import { renderPrintView } from './views/print-view.js';
import { renderInfoPage } from './views/info-page.js';
import { renderSetup } from './views/setup-view.js';
import { renderSkemaScreen } from './views/skema-screen.js';

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
    renderRoute(undefined, initial);
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
  let me: Me;
  try {
    me = await api.me();
    performance.mark('mus:signed-in');
  } catch (error) {
    message(error instanceof ApiError && error.status !== 401 ? error.message : t('signInFailed'));
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
    root.setAttribute('aria-busy', 'true');
    try {
      if (route.name === 'skema') {
        dispose = await renderSkemaScreen(root, env, route.roundId, route.email);
      } else if (route.name === 'group') {
        dispose = await renderGroupTalkScreen(root, env, route);
      } else if (route.name === 'setup') {
        await renderSetup(root, env, route.roundId ? { roundId: route.roundId } : {});
      } else if (route.name === 'print') {
        await renderPrintView(root, env, route.roundId, route.email);
      } else if (route.name === 'agreements') {
        await renderMyAgreements(root, env);
      } else if (route.name === 'home') {
        await renderHome(root, env, { roundId: route.roundId, autoOpenMeeting });
      } else {
        renderRoute(env, route);
      }
    } catch (error) {
      showError(error);
      if (!root.hasChildNodes()) message(userMessage(error));
    } finally {
      root.removeAttribute('aria-busy');
      markReady();
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

function renderRoute(env: AppEnv | undefined, route: Route): void {
  if (route.name === 'privacy') renderInfoPage(root, env, 'privacyHeading', 'privacyText');
  else if (route.name === 'terms') renderInfoPage(root, env, 'termsHeading', 'termsText');
  markReady();
}

main().catch((error: unknown) => {
  console.error(error);
  message(t('unexpected'));
});
