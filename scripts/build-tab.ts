import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bundles the tab: one minified ES module plus the static HTML and CSS, into tab/dist. */
export async function buildTab(
  outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tab', 'dist'),
): Promise<void> {
  const tabDir = join(outDir, '..');
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(tabDir, 'src', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'edge110', 'safari16'],
    outfile: join(outDir, 'main.js'),
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(join(tabDir, 'public'), outDir, { recursive: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildTab();
}
