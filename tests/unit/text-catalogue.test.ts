import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Bilingual } from '../../bot/mus/bilingual.js';
import { AGREEMENT_STATUS_LABELS } from '../../bot/mus/agreement.js';
import { stepName } from '../../bot/mus/rollout-steps.js';
import { TERMS } from '../../bot/mus/glossary.js';
import {
  OWN_SKEMA_STATUS_LABELS,
  SKEMA_STATUS_LABELS,
  sentSkemaLabel,
} from '../../bot/cards/skema-status-labels.js';
import { TEXTS } from '../../tab/src/i18n.js';
import { SETUP_TEXTS } from '../../tab/src/setup-texts.js';
import { fill } from '../../texts/fill.js';
import { STATUS_TEXTS } from '../../texts/status.js';

/*
 * One text catalogue for the bot and the tab (texts/, plus the tab's own keys in tab/src/i18n.ts):
 * every text in Danish and English with the same {names} to fill in, so neither language shows a raw
 * "{leader}" or drops a name; and no user-visible { da, en } text written inline anywhere else.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Files that still hold inline texts, to move into texts/ folder by folder. This list only shrinks:
 * the scan below fails for a file that has no inline text left, so a migrated file leaves the list.
 */
const NOT_YET_MIGRATED: readonly string[] = [];

/** Files that are catalogues themselves. */
const CATALOGUE_FILES = (path: string): boolean =>
  path.startsWith('texts/') || path === 'tab/src/i18n.ts' || path === 'tab/src/setup-texts.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
      ? [path.split(sep).join('/')]
      : [];
  });
}

function isBilingual(value: unknown): value is Bilingual {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bilingual).da === 'string' &&
    typeof (value as Bilingual).en === 'string'
  );
}

/** Every text of a (nested) catalogue, by its dotted key. */
function entriesOf(catalogue: object, prefix: string): [string, Bilingual][] {
  return Object.entries(catalogue as Record<string, unknown>).flatMap(
    ([key, value]): [string, Bilingual][] => {
      if (isBilingual(value)) return [[`${prefix}.${key}`, value]];
      if (typeof value === 'object' && value !== null) return entriesOf(value, `${prefix}.${key}`);
      return [];
    },
  );
}

/** Each catalogue module under texts/ and what it exports, by file. */
async function sharedCatalogues(): Promise<Record<string, [string, Bilingual][]>> {
  const found: Record<string, [string, Bilingual][]> = {};
  for (const file of sourceFiles('texts')) {
    const module = (await import(join(repoRoot, file))) as Record<string, unknown>;
    found[file] = Object.entries(module).flatMap(([name, value]) =>
      typeof value === 'object' && value !== null ? entriesOf(value, name) : [],
    );
  }
  return found;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

function problemsOf(entries: [string, Bilingual][]): string[] {
  const problems: string[] = [];
  for (const [key, text] of entries) {
    if (!text.da.trim()) problems.push(`${key}: no Danish`);
    if (!text.en.trim()) problems.push(`${key}: no English`);
    const da = placeholders(text.da).join(',');
    const en = placeholders(text.en).join(',');
    if (da !== en) problems.push(`${key}: {${da}} in Danish, {${en}} in English`);
  }
  return problems;
}

/** A value written as text in the source: a string, a template, or strings joined by + or .join(). */
function isWrittenText(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isWrittenText(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text !== '';
  if (ts.isTemplateExpression(node)) return true;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return isWrittenText(node.left) || isWrittenText(node.right);
  }
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'join' &&
    ts.isArrayLiteralExpression(node.expression.expression)
  ) {
    return node.expression.expression.elements.some(isWrittenText);
  }
  return false;
}

/** 'en', 'da-DK': a language or locale code, not a text anyone reads. */
function isLanguageTag(node: ts.Expression): boolean {
  return ts.isStringLiteral(node) && /^[a-z]{2}(-[A-Z]{2})?$/.test(node.text);
}

/** `x === 'en'`, `x !== 'da'` and the like: a choice by language. */
function isLanguageTest(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isLanguageTest(node.expression);
  if (!ts.isBinaryExpression(node)) return false;
  const equality = [
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ].includes(node.operatorToken.kind);
  const isLanguage = (side: ts.Expression): boolean =>
    ts.isStringLiteral(side) && (side.text === 'en' || side.text === 'da');
  return equality && (isLanguage(node.left) || isLanguage(node.right));
}

/**
 * The lines of `file` with a `{ da: '…', en: '…' }` literal written in place, or a text chosen by
 * language in place (`locale === 'en' ? '…' : '…'`).
 */
function inlineTexts(file: string): number[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(repoRoot, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const values = new Map(
        node.properties
          .filter(ts.isPropertyAssignment)
          .filter((p) => ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
          .map((p) => [(p.name as ts.Identifier | ts.StringLiteral).text, p.initializer]),
      );
      const da = values.get('da');
      const en = values.get('en');
      if (da && en && (isWrittenText(da) || isWrittenText(en))) {
        lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
      }
    }
    // The same text chosen by language in place: `locale === 'en' ? 'Text' : 'Tekst'`.
    if (
      ts.isConditionalExpression(node) &&
      isLanguageTest(node.condition) &&
      (isWrittenText(node.whenTrue) || isWrittenText(node.whenFalse)) &&
      !(isLanguageTag(node.whenTrue) && isLanguageTag(node.whenFalse))
    ) {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

describe('the text catalogue', () => {
  it('every text under texts/ is in Danish and English, with the same placeholders', async () => {
    const catalogues = await sharedCatalogues();
    assert.ok(Object.keys(catalogues).length > 1, 'the catalogue modules are found');
    for (const [file, entries] of Object.entries(catalogues)) {
      if (file === 'texts/fill.ts') continue;
      assert.ok(entries.length > 0, `${file} exports texts`);
      assert.deepEqual(problemsOf(entries), [], file);
    }
  });

  it("the tab's own keys (tab/src/i18n.ts, setup-texts.ts) are in Danish and English, with the same placeholders", () => {
    for (const [name, catalogue] of Object.entries({ TEXTS, SETUP_TEXTS })) {
      const entries = entriesOf(catalogue, name);
      assert.ok(entries.length > 0, name);
      assert.deepEqual(problemsOf(entries), [], name);
    }
  });

  it("the tab's two catalogues never give one key two texts", () => {
    assert.deepEqual(
      Object.keys(SETUP_TEXTS).filter((key) => key in TEXTS),
      [],
    );
  });

  it('no file of the bot or the tab writes a { da, en } text, or picks a text by language, in place; it takes it from the catalogue', () => {
    const files = [...sourceFiles('bot'), ...sourceFiles(join('tab', 'src'))];
    assert.ok(files.length > 50, `only ${files.length} files found`);
    const offenders = files
      .filter((file) => !CATALOGUE_FILES(file) && !NOT_YET_MIGRATED.includes(file))
      .flatMap((file) => inlineTexts(file).map((line) => `${file}:${line}`));
    assert.deepEqual(offenders, []);
  });

  it('the list of files still to migrate names only files that still hold inline texts', () => {
    const done = NOT_YET_MIGRATED.filter((file) => inlineTexts(file).length === 0);
    assert.deepEqual(done, [], 'these files are migrated: take them off NOT_YET_MIGRATED');
  });

  it('fills in names in both languages, a Bilingual value in each its own word, and leaves braces in a value alone', () => {
    const text = { da: '{who} sendte {what} {when}', en: '{who} sent {what} {when}' };
    const filled = fill(text, {
      who: 'Ane {x}',
      what: { da: 'skemaet', en: 'the form' },
      when: 3,
    });
    assert.deepEqual(filled, { da: 'Ane {x} sendte skemaet 3', en: 'Ane {x} sent the form 3' });
  });

  it('the card and the tab name the same status with the same entry', () => {
    assert.equal(sentSkemaLabel('sent'), STATUS_TEXTS.delivery.sent);
    assert.equal(sentSkemaLabel('waiting'), STATUS_TEXTS.delivery.waiting);
    assert.equal(sentSkemaLabel(undefined), STATUS_TEXTS.delivery.notDelivered);
    assert.equal(TEXTS.colSent, STATUS_TEXTS.delivery.sent);
    assert.equal(TEXTS.colWaiting, STATUS_TEXTS.delivery.waiting);
    assert.equal(TEXTS.notSent, STATUS_TEXTS.skema.notSent);
    assert.equal(SKEMA_STATUS_LABELS.finalised, STATUS_TEXTS.skema.finalised);
    assert.equal(OWN_SKEMA_STATUS_LABELS.sent, STATUS_TEXTS.ownSkema.draft);
    assert.equal(AGREEMENT_STATUS_LABELS.done, STATUS_TEXTS.agreement.done);
    assert.equal(TERMS.agreementDone, STATUS_TEXTS.agreement.done);
    assert.equal(stepName(1, 'MUS'), STATUS_TEXTS.steps.informLeaders);
    assert.deepEqual(stepName(3, 'GRUS'), { da: 'Send GRUS-skema', en: 'Send the GRUS form' });
  });
});
