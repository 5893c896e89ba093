import { h } from './dom.js';

/*
 * Saves bytes the tab fetched itself as a download. A link straight to the API cannot carry the
 * Teams SSO token, so the tab fetches with the token and hands the browser (or Teams) an object URL
 * through a temporary <a download>.
 */

/** Offers `blob` as a download named `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers read the URL only after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
