import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const tabDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tab');

/** The HTML pages; they keep their names (Teams and the manifest link to them) and are never cached. */
const PAGES = ['index.html', 'config.html'] as const;

/** Files worth compressing; source maps too, they are large and only fetched by developer tools. */
const COMPRESSIBLE = /\.(html|js|css|map)$/;

export interface TabBuild {
  outDir: string;
  /** Every source file that went into the main script (for checking what the first load holds). */
  mainInputs: string[];
}

/**
 * Bundles the tab into tab/dist (or `outDir`, e.g. a temporary folder for tests): minified ES modules
 * (the tab and its config page) and the stylesheet get a content hash in their names, so a browser may
 * keep them for a year; the HTML pages are rewritten to name them. Every text file is also written
 * gzipped (.gz) and brotli-compressed (.br), so the server compresses nothing per request.
 */
export async function buildTab(outDir = join(tabDir, 'dist')): Promise<TabBuild> {
  // Old hashed files would pile up otherwise; the folder holds only build output.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    // main: the tab itself; config: the configurable tab's small setup page (config.html).
    entryPoints: {
      main: join(tabDir, 'src', 'main.ts'),
      config: join(tabDir, 'src', 'config.ts'),
    },
    // Screens most people never open (HR's setup, printing) are chunks loaded on demand.
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
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
  const renames = new Map<string, string>();
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (output.entryPoint && file.endsWith('.js')) {
      const entry = basename(output.entryPoint, '.ts');
      renames.set(`${entry}.js`, basename(file));
    }
  }
  const css = readFileSync(join(tabDir, 'public', 'styles.css'));
  const cssName = `styles-${contentHash(css)}.css`;
  writeFileSync(join(outDir, cssName), css);
  renames.set('styles.css', cssName);
  for (const page of PAGES) {
    const html = readFileSync(join(tabDir, 'public', page), 'utf8');
    writeFileSync(join(outDir, page), rewriteReferences(html, renames));
  }
  precompress(outDir);
  const main = Object.entries(result.metafile.outputs).find(
    ([, output]) => output.entryPoint?.endsWith('main.ts') === true,
  );
  return { outDir, mainInputs: Object.keys(main?.[1].inputs ?? {}) };
}

/** 8 upper-case hex characters of the content's SHA-256, like esbuild's [hash] in length and case. */
function contentHash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 8).toUpperCase();
}

/** Replaces `src="main.js"` / `href="styles.css"` by the hashed names. */
function rewriteReferences(html: string, renames: Map<string, string>): string {
  return html.replace(/(src|href)="([^"/]+)"/g, (whole, attribute: string, name: string) => {
    const hashed = renames.get(name);
    return hashed ? `${attribute}="${hashed}"` : whole;
  });
}

function precompress(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    if (!COMPRESSIBLE.test(name)) continue;
    const content = readFileSync(join(outDir, name));
    writeFileSync(join(outDir, `${name}.gz`), gzipSync(content, { level: 9 }));
    writeFileSync(
      join(outDir, `${name}.br`),
      brotliCompressSync(content, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
          [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    );
  }
}

/** The files index.html loads itself: the page, its scripts and its stylesheets. */
export function firstLoadFiles(outDir: string): string[] {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="([^":]+\.(?:js|css))"/g)].map(
    (match) => match[1] ?? '',
  );
  // A script's static imports load with it (chunks shared with screens loaded later); its dynamic
  // imports (`import("./…")`) load only when their screen is opened, so they are not counted.
  const files = ['index.html', ...named];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(outDir, file), 'utf8');
    for (const match of code.matchAll(/from\s*"\.\/([^"]+\.js)"/g)) {
      const imported = match[1] ?? '';
      if (imported && !files.includes(imported)) files.push(imported);
    }
  }
  return files;
}

/** Bytes and gzipped bytes of the first load, per file and in total. */
export function firstLoadSize(outDir: string): {
  files: { name: string; bytes: number; gzipped: number }[];
  totalGzipped: number;
} {
  const files = firstLoadFiles(outDir).map((name) => {
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
