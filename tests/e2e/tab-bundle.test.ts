import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstLoadSize } from '../../scripts/build-tab.js';
import { builtTab } from './harness/tab-test-app.js';

/*
 * What the tab ships: a small first load without TeamsFx or MSAL, and no code path that could turn a
 * user's text into HTML. (Time to first render is measured by `npm run bench:tab`, not asserted.)
 */

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Catalogue modules only the bot speaks (cards, chat, API errors): the tab must not download them. */
const BOT_ONLY_TEXTS = ['texts/cards.ts'];

describe("the tab's bundle", function () {
  this.timeout(60_000);

  it('loads under 60 KB gzipped (HTML, JS and CSS of the first screen)', async () => {
    const { outDir } = await builtTab();
    const size = firstLoadSize(outDir);
    console.log(
      `      first load: ${size.files.map((f) => `${f.name} ${(f.gzipped / 1024).toFixed(1)} KB`).join(', ')}; total ${(size.totalGzipped / 1024).toFixed(1)} KB gzip`,
    );
    assert.ok(size.totalGzipped < 60 * 1024, `${size.totalGzipped} bytes gzipped`);
  });

  it("holds neither TeamsFx nor MSAL, and of the server's code only the pure domain, the status labels and the shared texts", async () => {
    const { mainInputs } = await builtTab();
    assert.deepEqual(
      mainInputs.filter((input) => /teamsfx|msal/i.test(input)),
      [],
    );
    const fromBot = mainInputs.filter((input) => input.startsWith('bot/'));
    assert.ok(fromBot.length > 0, 'the texts of the method come from bot/mus');
    assert.deepEqual(
      fromBot.filter(
        (input) => !input.startsWith('bot/mus/') && input !== 'bot/cards/skema-status-labels.ts',
      ),
      [],
    );
    // The catalogue is split by feature so the tab bundles only what it shows, never the cards' texts.
    const fromTexts = mainInputs.filter((input) => input.startsWith('texts/'));
    assert.deepEqual(
      fromTexts.filter((input) => BOT_ONLY_TEXTS.includes(input)),
      [],
    );
  });

  it('has no way to render text as HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const offenders = sources('tab/src')
      .filter((file) => file.endsWith('.ts'))
      .filter((file) =>
        /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write/.test(
          readFileSync(file, 'utf8'),
        ),
      );
    assert.deepEqual(offenders, []);
  });
});
