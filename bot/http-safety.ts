import type { Next, Request, Response } from 'restify';
import { ERRORS_TEXTS } from '../texts/errors.js';

/**
 * Where Teams and Microsoft 365 frame the tab (Teams on the web, Outlook and the Microsoft 365 app):
 * the tab's page may be framed there and by itself, nowhere else.
 */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

/** The tab is one bundled script and one stylesheet from our own origin; it talks only to us. */
const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/**
 * Headers every answer carries: no MIME sniffing, no full URLs in Referer; the tab's pages get a
 * Content-Security-Policy; the API's answers (personal data) are never stored by a cache.
 */
export function safetyHeaders(req: Request, res: Response, next: Next): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  const path = req.getPath();
  if (path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  if (path === '/' || path.startsWith('/tab/')) res.setHeader('Content-Security-Policy', TAB_CSP);
  next();
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host name of a Host header without its port (`[::1]:3978` → `[::1]`). */
export function hostName(host: string | undefined): string {
  if (!host) return '';
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.split(':')[0] ?? '';
}

/**
 * Dev mode trusts a chosen roster person as the caller, so it must be reached from this machine
 * only: a request naming any other host (a DNS-rebinding page, a tunnel) is refused before any
 * route sees it.
 */
export function loopbackHostOnly(req: Request, res: Response, next: Next): void {
  if (LOOPBACK_HOSTS.has(hostName(req.headers.host))) {
    next();
    return;
  }
  res.status(403);
  res.json({
    error: {
      code: 'dev_mode_loopback_only',
      message: ERRORS_TEXTS.http.appRunsDevMode,
    },
  });
  next(false);
}
