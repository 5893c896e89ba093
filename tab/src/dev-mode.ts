import { ApiClient, type Identity } from './api-client.js';
import { h, replace, uid } from './dom.js';
import { t } from './i18n.js';
import { devIdentity } from './teams-host.js';

/*
 * Outside Teams the tab only runs against a server in dev mode (GET /healthz says mode "dev"). Then
 * a banner says so and lets the developer act as any roster person (`?devUser=<email>` or the list
 * from GET /api/dev/people, which exists in dev mode only). A production server gets "open in Teams".
 */

export async function serverMode(): Promise<'dev' | 'production' | 'unreachable'> {
  try {
    const res = await fetch('/healthz', { cache: 'no-store' });
    const body = (await res.json()) as { mode?: unknown };
    return body.mode === 'dev' ? 'dev' : 'production';
  } catch {
    return 'unreachable';
  }
}

/** The roster person chosen in the URL (`?devUser=`). */
export function chosenDevUser(): string | undefined {
  return new URLSearchParams(location.search).get('devUser')?.trim() || undefined;
}

/** Shows the dev-mode banner with the person picker; returns the identity to use. */
export async function startDevMode(banner: HTMLElement): Promise<Identity> {
  const current = chosenDevUser();
  const selectId = uid('dev-user');
  const select = h('select', { id: selectId }, h('option', { value: '' }, t('devChoose')));
  const hint = h('p', { className: 'muted' });
  replace(
    banner,
    h(
      'div',
      { className: 'dev-banner', role: 'region', 'aria-label': t('devBanner') },
      h('p', {}, h('strong', {}, t('devBanner'))),
      h(
        'div',
        { className: 'field inline' },
        h('label', { for: selectId }, t('devPickPerson')),
        select,
      ),
      hint,
    ),
  );
  banner.hidden = false;
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    if (select.value) url.searchParams.set('devUser', select.value);
    else url.searchParams.delete('devUser');
    url.hash = '';
    location.assign(url.toString());
  });
  try {
    const people = await new ApiClient(devIdentity(undefined)).devPeople();
    if (people.length === 0) hint.textContent = t('devNoPeople');
    for (const p of people) {
      select.append(
        h(
          'option',
          { value: p.email, selected: p.email === current?.toLowerCase() },
          `${p.name} (${p.roles.join(', ')}) — ${p.email}`,
        ),
      );
    }
    if (current && !people.some((p) => p.email === current.toLowerCase())) {
      select.append(h('option', { value: current, selected: true }, current));
    }
  } catch {
    if (current) select.append(h('option', { value: current, selected: true }, current));
  }
  return devIdentity(current);
}
