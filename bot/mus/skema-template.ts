import type { Bilingual } from './bilingual.js';
import { SKEMA_TEMPLATE_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

/**
 * One section of the skema. `question` sections have a preparation question the employee answers and a
 * notes field the leader fills in during the talk; the `agreements` section is filled in during the talk.
 */
export interface TemplateSection {
  /** Stable id, used as the key of answers and notes (letters, digits, `-`). */
  id: string;
  kind: 'question' | 'agreements';
  title: Bilingual;
  /** What the employee prepares (for `question`) or what the leader records (for `agreements`). */
  prompt: Bilingual;
}

export interface SkemaTemplate {
  sections: TemplateSection[];
}

/** Product limits: generous for a thoughtful answer, far inside Azure Table's 64 KiB per property. */
export const ANSWER_MAX_CHARS = 4000;
export const NOTE_MAX_CHARS = 4000;
export const PRIVATE_NOTE_MAX_CHARS = 8000;
export const TEMPLATE_MAX_SECTIONS = 15;
export const SECTION_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function questionSections(template: SkemaTemplate): TemplateSection[] {
  return template.sections.filter((s) => s.kind === 'question');
}

const TEXT_MAX = 1000;

/** Checks a template HR edited: unique ids, non-empty texts of sensible length, at most 15 sections. */
export function templateIssues(
  template: SkemaTemplate,
): { where: string; message: { da: string; en: string } }[] {
  const issues: { where: string; message: { da: string; en: string } }[] = [];
  if (template.sections.length === 0 || template.sections.length > TEMPLATE_MAX_SECTIONS) {
    issues.push({
      where: 'sections',
      message: fill(SKEMA_TEMPLATE_RULE_TEXTS.formMustHave1, { TEMPLATE_MAX_SECTIONS }),
    });
  }
  const seen = new Set<string>();
  template.sections.forEach((s, i) => {
    const where = `sections[${i}]`;
    if (!SECTION_ID.test(s.id) || seen.has(s.id)) {
      issues.push({
        where: `${where}.id`,
        message: SKEMA_TEMPLATE_RULE_TEXTS.eachSectionNeedsUnique,
      });
    }
    seen.add(s.id);
    for (const field of ['title', 'prompt'] as const) {
      for (const lang of ['da', 'en'] as const) {
        const text = s[field][lang].trim();
        if (!text || text.length > TEXT_MAX) {
          issues.push({
            where: `${where}.${field}.${lang}`,
            message: fill(SKEMA_TEMPLATE_RULE_TEXTS.textMustBe1, { TEXT_MAX }),
          });
        }
      }
    }
  });
  return issues;
}
