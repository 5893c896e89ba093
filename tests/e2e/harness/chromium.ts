import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/*
 * The system Chromium that the browser tests drive (playwright-core downloads no browser). When it is
 * missing the tests fail with what to do, rather than with a launch stack trace.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumMissingError extends Error {
  constructor() {
    super(
      `Chromium is missing at ${CHROMIUM_PATH}: the tab's browser tests need it. ` +
        'Install it (Debian/Ubuntu: apt-get install -y chromium), run .ci/run (which installs it), ' +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
    this.name = 'ChromiumMissingError';
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}
