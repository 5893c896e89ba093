import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTab } from './build-tab.js';

/*
 * `npm run build`: the server as one ES module, dist/index.js, for `node dist/index.js` (App Service),
 * plus the tab (tab/dist). npm packages stay external and load from node_modules at run time, so the
 * bundle holds only our code. dist/ sits one level below the project root like bot/ does, so paths
 * the server computes from import.meta.url (the tab's files, the demo roster) resolve the same.
 */

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles bot/index.ts into outDir/index.js (ESM, node20, dependencies external). */
export async function buildServer(outDir = join(projectRoot, 'dist')): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [join(projectRoot, 'bot', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildServer();
  await buildTab();
  console.log('Bygget / built: dist/index.js, tab/dist/');
}
