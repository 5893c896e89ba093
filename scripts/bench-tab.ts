/*
 * Tab benchmark: how big is the first load, and how fast does the first screen appear?
 *
 *   npm run bench:tab [-- --runs 7] [-- --screenshots <dir>]
 *
 * Builds the tab and prints the gzipped size of what a browser loads first (index.html, main.js,
 * styles.css). Then starts the app like the browser tests do (in-memory Azurite, sample roster, SSO
 * tokens from a local key), opens the tab in headless Chromium inside the test stand-in for Teams, and
 * prints the time to first render — the tab's own `mus:first-render` mark, counted from the tab
 * page's navigation start — for the leader's team list and for a skema opened by deep link. Every run
 * uses a fresh browser context (cold cache). The numbers are for reading, not for asserting.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { startAzurite } from '../bot/storage/embedded-azurite.js';
import { openTableStorage } from '../bot/storage/open-table-storage.js';
import { launchChromium } from '../tests/e2e/harness/chromium.js';
import { builtTab, PEOPLE, startTabTestApp } from '../tests/e2e/harness/tab-test-app.js';
import { openInTeams, type HostOptions } from '../tests/e2e/harness/teams-host.js';
import { firstLoadSize } from './build-tab.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, screenshots: { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs) || 5);

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function firstRender(
  browser: Browser,
  url: string,
  options: HostOptions,
  screenshot?: string,
): Promise<number> {
  // Teams' meeting side panel is 320 px wide.
  const viewport =
    options.frameContext === 'sidePanel'
      ? { width: 320, height: 800 }
      : { width: 1100, height: 900 };
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const hosted = await openInTeams(page, url, options);
    const frame = await hosted.frame();
    const marks = await frame.evaluate(() =>
      ['mus:teams-ready', 'mus:signed-in', 'mus:first-render'].map(
        (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN,
      ),
    );
    if (process.env.BENCH_DEBUG)
      console.log('    marks', marks.map((m) => m.toFixed(0)).join(' / '));
    const ms = marks[2] ?? NaN;
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return ms;
  } finally {
    await context.close();
  }
}

const location = mkdtempSync(join(tmpdir(), 'mus-bench-tab-'));
const azurite = await startAzurite({ location, inMemory: true });
let browser: Browser | undefined;
let app: Awaited<ReturnType<typeof startTabTestApp>> | undefined;
try {
  const tab = await builtTab();
  const size = firstLoadSize(tab.outDir);
  console.log('Første indlæsning / first load (gzip -9):');
  for (const f of size.files) {
    console.log(
      `  ${f.name.padEnd(12)} ${(f.bytes / 1024).toFixed(1).padStart(6)} KB → ${(f.gzipped / 1024).toFixed(1).padStart(5)} KB gzip`,
    );
  }
  console.log(`  i alt / total ${(size.totalGzipped / 1024).toFixed(1)} KB gzip (budget 60 KB)`);

  const storage = await openTableStorage({
    connectionString: azurite.connectionString,
    tablePrefix: 'benchtab',
  });
  app = await startTabTestApp({ storage });
  await app.createRound('mus-bench', [PEOPLE.employee, PEOPLE.otherEmployee]);
  browser = await launchChromium();
  const leader = {
    token: await app.tokenFor(PEOPLE.leader),
    userPrincipalName: PEOPLE.leader,
  };
  const screens: [string, HostOptions][] = [
    ['team list / medarbejderliste', leader],
    ['skema (deep link)', { ...leader, subEntityId: `skema:mus-bench:${PEOPLE.employee}` }],
    [
      'skema, dark, side panel',
      {
        ...leader,
        theme: 'dark',
        frameContext: 'sidePanel',
        subEntityId: `skema:mus-bench:${PEOPLE.employee}`,
      },
    ],
  ];
  if (values.screenshots) mkdirSync(values.screenshots, { recursive: true });
  console.log(`\nTid til første visning / time to first render, headless Chromium, ${runs} runs:`);
  for (const [name, options] of screens) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const shot =
        values.screenshots && i === 0
          ? join(values.screenshots, `${name.replace(/[^a-z]+/gi, '-')}.png`)
          : undefined;
      times.push(await firstRender(browser, app.url, options, shot));
    }
    console.log(
      `  ${name.padEnd(30)} median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
    );
  }
} finally {
  await browser?.close();
  await app?.close();
  await azurite.stop();
  rmSync(location, { recursive: true, force: true });
}
