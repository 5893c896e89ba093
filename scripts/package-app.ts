import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { ZipFile } from 'yazl';

/*
 * Builds the Teams app package (the zip an admin uploads) for one environment, the way the Teams
 * Toolkit's teamsApp/zipAppPackage does, so it also works without the toolkit:
 *   npm run package -- [envName]        (default: dev)
 * ${{NAME}} placeholders in manifest.json and its localization files are filled from
 * env/.env.<envName>, then env/.env.<envName>.user, then the process environment (last one wins).
 */

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Placeholders that may be empty (the production app has no name suffix). */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Thrown when the environment does not fill every placeholder; names each one. */
export class UnresolvedPlaceholdersError extends Error {
  constructor(
    readonly envName: string,
    readonly names: string[],
  ) {
    super(
      `Manglende værdier i miljøet "${envName}" / unresolved placeholders for environment "${envName}": ${names.join(', ')}.\n` +
        `Sæt dem i env/.env.${envName} (hemmeligheder i env/.env.${envName}.user) eller i miljøet. / ` +
        `Set them in env/.env.${envName} (secrets in env/.env.${envName}.user) or in the environment.`,
    );
    this.name = 'UnresolvedPlaceholdersError';
  }
}

/** Thrown when the resolved manifest or a localization file breaks the official schema. */
export class ManifestSchemaError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file} følger ikke Teams-skemaet / does not match the Teams schema:\n- ${problems.join('\n- ')}`,
    );
    this.name = 'ManifestSchemaError';
  }
}

/** Reads env/.env.<name> and env/.env.<name>.user (if present); later files override earlier. */
export function readEnvFiles(envDir: string, envName: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const path = join(envDir, file);
    if (!existsSync(path)) continue;
    for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
      if (value !== undefined) values[key] = value;
    }
  }
  return values;
}

/** Replaces every ${{NAME}}; returns the text and the names that had no (non-empty) value. */
export function resolvePlaceholders(
  text: string,
  env: Record<string, string | undefined>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const resolved = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = env[name];
    if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return whole;
    }
    // Values land inside JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  return { text: resolved, missing: [...missing].sort() };
}

/** The official schema bundled with @microsoft/app-manifest for a `$schema` URL: no network. */
export function bundledSchema(schemaUrl: string): object {
  const match = /\/json-schemas\/teams\/(v[\w.]+)\/([\w.]+\.schema\.json)$/.exec(schemaUrl);
  if (!match) throw new Error(`Ukendt skema / unknown schema URL: ${schemaUrl}`);
  const packageDir = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  const path = join(packageDir, 'json-schemas', 'teams', match[1]!, match[2]!);
  if (!existsSync(path))
    throw new Error(`Skemaet findes ikke lokalt / schema not bundled: ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

interface SchemaValidator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
type AjvConstructor = new (options: Record<string, unknown>) => {
  compile(schema: object): SchemaValidator;
};

/**
 * Validates a manifest or localization object against the bundled schema its `$schema` names.
 * Manifests go through @microsoft/app-manifest's own validator. Localization schemas carry patterns
 * such as `\b]` that are invalid under the unicode flag ajv uses by default (the library's
 * validator throws on them), so those are compiled with the library's own ajv-draft-04 without it.
 */
export async function schemaProblems(document: { $schema?: string }): Promise<string[]> {
  if (!document.$schema) return ['$schema mangler / is missing'];
  const schema = bundledSchema(document.$schema);
  if (!document.$schema.endsWith('.Localization.schema.json')) {
    return AppManifestUtils.validateAgainstSchema(
      document as AppManifest,
      schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
    );
  }
  const requireFromLibrary = createRequire(
    createRequire(import.meta.url).resolve('@microsoft/app-manifest'),
  );
  const Ajv = (requireFromLibrary('ajv-draft-04') as { default: AjvConstructor }).default;
  const addFormats = (requireFromLibrary('ajv-formats') as { default: (ajv: unknown) => void })
    .default;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

export interface PackageOptions {
  envName: string;
  /** Folder with manifest.json, its localization files and icons. */
  appPackageDir?: string;
  /** Folder with the .env.<name> files. */
  envDir?: string;
  /** Where appPackage.<envName>.zip is written. */
  outDir?: string;
  /** Overrides the env files (defaults to process.env). */
  environment?: Record<string, string | undefined>;
}

interface ManifestFiles {
  icons?: { color?: string; outline?: string };
  localizationInfo?: { additionalLanguages?: { file: string }[]; defaultLanguageFile?: string };
}

/**
 * Resolves placeholders, checks the result against the bundled official schemas and writes the zip.
 * Fails listing every unresolved placeholder of every file at once. Returns the zip's path.
 */
export async function buildAppPackage(options: PackageOptions): Promise<string> {
  const appPackageDir = options.appPackageDir ?? join(projectRoot, 'appPackage');
  const envDir = options.envDir ?? join(projectRoot, 'env');
  const outDir = options.outDir ?? join(appPackageDir, 'build');
  const env = {
    ...readEnvFiles(envDir, options.envName),
    ...(options.environment ?? process.env),
  };

  const manifestTemplate = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
  const template = JSON.parse(manifestTemplate) as ManifestFiles;
  const jsonFiles = [
    'manifest.json',
    ...(template.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
    ...(template.localizationInfo?.defaultLanguageFile
      ? [template.localizationInfo.defaultLanguageFile]
      : []),
  ];
  const iconFiles = [template.icons?.color, template.icons?.outline].filter(
    (f): f is string => typeof f === 'string',
  );

  const resolved = new Map<string, string>();
  const missing = new Set<string>();
  for (const file of jsonFiles) {
    const result = resolvePlaceholders(readFileSync(join(appPackageDir, file), 'utf8'), env);
    result.missing.forEach((name) => missing.add(name));
    resolved.set(file, result.text);
  }
  if (missing.size) throw new UnresolvedPlaceholdersError(options.envName, [...missing].sort());

  for (const [file, text] of resolved) {
    const problems = await schemaProblems(JSON.parse(text) as { $schema?: string });
    if (problems.length) throw new ManifestSchemaError(file, problems);
  }

  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.envName}.zip`);
  const zip = new ZipFile();
  // A fixed time keeps the zip identical for identical input.
  const mtime = new Date('2025-01-01T00:00:00Z');
  for (const [file, text] of resolved) zip.addBuffer(Buffer.from(text, 'utf8'), file, { mtime });
  for (const icon of iconFiles) zip.addFile(join(appPackageDir, icon), icon, { mtime });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(zipPath);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.on('error', reject).pipe(out);
  });
  return zipPath;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const envName = process.argv[2] ?? 'dev';
  try {
    const zipPath = await buildAppPackage({ envName });
    console.log(`Teams-apppakke / Teams app package: ${zipPath}`);
  } catch (error) {
    if (error instanceof UnresolvedPlaceholdersError || error instanceof ManifestSchemaError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
