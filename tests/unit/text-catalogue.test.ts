import assert from 'node:assert/strict';
import type { Bilingual } from '../../bot/mus/bilingual.js';
import { TERMS } from '../../bot/mus/glossary.js';
import { BOT_TEXTS } from '../../bot/teams/bot-texts.js';
import { COMMAND_TEXTS } from '../../bot/teams/commands/command-texts.js';
import { TEXTS } from '../../tab/src/i18n.js';
import { SETUP_TEXTS } from '../../tab/src/setup-texts.js';

/*
 * The keyed texts of the bot and the tab: every one in Danish and English, and the same {names} to
 * fill in on both sides, so neither language shows a raw "{leader}" or drops a name.
 */

const CATALOGUES: Record<string, Record<string, Bilingual>> = {
  'tab (tab/src/i18n.ts)': TEXTS,
  'tab setup (tab/src/setup-texts.ts)': SETUP_TEXTS,
  'bot (bot/teams/bot-texts.ts)': BOT_TEXTS,
  'commands (bot/teams/commands/command-texts.ts)': COMMAND_TEXTS,
  'glossary (bot/mus/glossary.ts)': TERMS,
};

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

describe('the text catalogues', () => {
  it('the tab’s two catalogues never give one key two texts', () => {
    const both = Object.keys(SETUP_TEXTS).filter((key) => key in TEXTS);
    assert.deepEqual(both, []);
  });

  for (const [name, catalogue] of Object.entries(CATALOGUES)) {
    it(`${name}: every text in Danish and English, with the same placeholders`, () => {
      const problems: string[] = [];
      for (const [key, text] of Object.entries(catalogue)) {
        if (!text.da.trim()) problems.push(`${key}: no Danish`);
        if (!text.en.trim()) problems.push(`${key}: no English`);
        const da = placeholders(text.da).join(',');
        const en = placeholders(text.en).join(',');
        if (da !== en) problems.push(`${key}: {${da}} in Danish, {${en}} in English`);
      }
      assert.ok(Object.keys(catalogue).length > 0);
      assert.deepEqual(problems, []);
    });
  }
});
