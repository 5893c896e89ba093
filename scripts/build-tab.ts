import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bundles the tab: minified ES modules (the tab and its config page) plus static HTML and CSS, into tab/dist. */
export async function buildTab(
  outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tab', 'dist'),
): Promise<void> {
  const tabDir = join(outDir, '..');
  mkdirSync(outDir, { recursive: true });
  await build({
    // main: the tab itself; config: the configurable tab's small setup page (config.html).
    entryPoints: {
      main: join(tabDir, 'src', 'main.ts'),
      config: join(tabDir, 'src', 'config.ts'),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'edge110', 'safari16'],
    outdir: outDir,
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(join(tabDir, 'public'), outDir, { recursive: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildTab();
}
