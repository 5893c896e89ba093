import { app, pages } from '@microsoft/teams-js';

/*
 * The configuration page of the configurable tab (channel, group chat, meeting). There is nothing to
 * choose: the tab always opens the same page, which decides from the Teams context and the signed-in
 * user what to show. So the page only tells Teams that saving is allowed, and what to save.
 */

const status = document.getElementById('status');

function say(text: string): void {
  if (status) status.textContent = text;
}

async function configure(): Promise<void> {
  await app.initialize();
  const context = await app.getContext();
  if (context.app.theme) document.documentElement.dataset.theme = context.app.theme;

  pages.config.registerOnSaveHandler((saveEvent) => {
    const contentUrl = new URL('/tab/index.html', location.origin).toString();
    pages.config
      .setConfig({
        entityId: 'mus-fane',
        contentUrl,
        websiteUrl: contentUrl,
        suggestedDisplayName: 'MUS',
      })
      .then(() => saveEvent.notifySuccess())
      .catch((error: unknown) => {
        say('Fanen kunne ikke gemmes. / The tab could not be saved.');
        saveEvent.notifyFailure(error instanceof Error ? error.message : String(error));
      });
  });
  pages.config.setValidityState(true);
}

configure().catch(() => {
  say(
    'Siden skal åbnes fra Teams, når du tilføjer fanen. / Open this page from Teams when adding the tab.',
  );
});
