import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const tabDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tab');

/** The files a browser loads to show the tab's first screen (index.html and what it names). */
export const FIRST_LOAD_FILES = ['index.html', 'main.js', 'styles.css'] as const;

export interface TabBuild {
  outDir: string;
  /** Every source file that went into main.js (for checking what the first load holds). */
  mainInputs: string[];
}

/**
 * Bundles the tab: minified ES modules (the tab and its config page) plus static HTML and CSS, into
 * tab/dist (or `outDir`, e.g. a temporary folder for tests).
 */
export async function buildTab(outDir = join(tabDir, 'dist')): Promise<TabBuild> {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
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
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  cpSync(join(tabDir, 'public'), outDir, { recursive: true });
  const main = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('main.js'));
  return { outDir, mainInputs: Object.keys(main?.[1].inputs ?? {}) };
}

/** Bytes and gzipped bytes of the first load, per file and in total. */
export function firstLoadSize(outDir: string): {
  files: { name: string; bytes: number; gzipped: number }[];
  totalGzipped: number;
} {
  const files = FIRST_LOAD_FILES.map((name) => {
    const content = readFileSync(join(outDir, name));
    return { name, bytes: content.length, gzipped: gzipSync(content, { level: 9 }).length };
  });
  return { files, totalGzipped: files.reduce((sum, f) => sum + f.gzipped, 0) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outDir } = await buildTab();
  const size = firstLoadSize(outDir);
  console.log(
    `Fanen er bygget / tab built: ${outDir} — første indlæsning / first load ${(size.totalGzipped / 1024).toFixed(1)} KB gzip`,
  );
}
