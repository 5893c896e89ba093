import { app } from '@microsoft/teams-js';

type Theme = 'default' | 'dark' | 'contrast';

const root = document.getElementById('app') as HTMLElement;

function setTheme(theme: string | undefined): void {
  const t: Theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  document.documentElement.dataset.theme = t;
}

/** teams-js never settles inside a non-Teams iframe, so give it a few seconds and then decide. */
async function initialiseTeams(timeoutMs = 4000): Promise<app.Context | undefined> {
  const timeout = new Promise<undefined>((resolve) =>
    setTimeout(() => resolve(undefined), timeoutMs),
  );
  const init = app
    .initialize()
    .then(() => app.getContext())
    .catch(() => undefined);
  return Promise.race([init, timeout]);
}

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

async function main(): Promise<void> {
  const context = await initialiseTeams();
  const english = (context?.app.locale ?? navigator.language).toLowerCase().startsWith('en');
  document.documentElement.lang = english ? 'en' : 'da';
  setTheme(context?.app.theme);
  if (context) app.registerOnThemeChangeHandler(setTheme);

  const headers: Record<string, string> = {};
  const devUser = new URLSearchParams(location.search).get('devUser');
  if (!context && devUser) headers['x-mus-dev-user'] = devUser;
  root.replaceChildren();
  if (!context) {
    root.append(
      paragraph(
        english
          ? 'Development mode: opened outside Teams. Add ?devUser=<email> to act as a person from the roster.'
          : 'Udviklingstilstand: åbnet uden for Teams. Tilføj ?devUser=<e-mail> for at bruge appen som en person fra medarbejderlisten.',
        'banner',
      ),
    );
  }
  const res = await fetch('/api/me', { headers });
  if (!res.ok) {
    root.append(
      paragraph(
        english
          ? 'We could not find you in the MUS roster. Ask HR to add you.'
          : 'Vi kunne ikke finde dig på MUS-listen. Bed HR om at tilføje dig.',
        'card',
      ),
    );
    return;
  }
  const me = (await res.json()) as { name: string; roles: string[] };
  const h1 = document.createElement('h1');
  h1.textContent = english ? `My MUS — ${me.name}` : `Mine MUS — ${me.name}`;
  root.append(h1);
}

void main();
