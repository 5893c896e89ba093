import type { ApiClient } from './api-client.js';
import type { Me } from './api-types.js';
import type { Route } from './routes.js';
import type { TeamsSession } from './teams-host.js';

/** What every view gets: the API, who the user is, where the tab runs, and how to move on. */
export interface AppEnv {
  api: ApiClient;
  me: Me;
  /** Absent outside Teams (dev mode). */
  session?: TeamsSession;
  navigate(route: Route, options?: { replace?: boolean }): void;
  /** Announces a short message to screen readers and shows it. */
  announce(text: string): void;
  /** Shows an error in the page's alert region. */
  showError(error: unknown): void;
}

/** A rendered view's clean-up: stop timers, save what is pending. */
export type Dispose = () => Promise<void> | void;
