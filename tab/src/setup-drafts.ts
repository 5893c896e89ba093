import type { Bilingual } from '../../bot/mus/bilingual.js';
import type { RoundSetupView, StepTwoInvitation, TemplateSection } from './api-types.js';

/*
 * HR's setup screen without the DOM: editing a template draft (add, move, remove), and which ETag
 * each part of the round (template, deadlines, step-2 text) is saved over. The three parts share the
 * round's one ETag, so saving one changes it for all; a part whose stored value did not change since
 * HR started editing moves on to the new ETag by itself, and only a real change by someone else to
 * that same part comes back as a conflict.
 */

/** The section moved one place up (-1) or down (+1); the same array when it cannot move. */
export function moveSection<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) {
    return [...items];
  }
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** A new, empty question with an id no other section has (ids key the answers and notes). */
export function newQuestion(sections: readonly TemplateSection[]): TemplateSection {
  const taken = new Set(sections.map((s) => s.id));
  let n = sections.length + 1;
  while (taken.has(`spoergsmaal-${n}`)) n += 1;
  const empty: Bilingual = { da: '', en: '' };
  return { id: `spoergsmaal-${n}`, kind: 'question', title: { ...empty }, prompt: { ...empty } };
}

/** New questions go before the agreements section, which closes the talk. */
export function withNewQuestion(sections: readonly TemplateSection[]): TemplateSection[] {
  const question = newQuestion(sections);
  const agreements = sections.findIndex((s) => s.kind === 'agreements');
  if (agreements < 0) return [...sections, question];
  return [...sections.slice(0, agreements), question, ...sections.slice(agreements)];
}

/** A deep copy, so editing a draft never changes the version it started from. */
export function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type SetupPart = 'template' | 'deadlines' | 'invitation';

/** The part of a round's setup that one form edits. */
export function partOf(view: RoundSetupView, part: SetupPart): unknown {
  if (part === 'template') return view.template;
  if (part === 'deadlines') return view.deadlines;
  return normalisedInvitation(view.invitation);
}

/** An invitation as stored: no empty text, no empty questions. */
export function normalisedInvitation(invitation: StepTwoInvitation): StepTwoInvitation {
  const text =
    invitation.text && (invitation.text.da.trim() || invitation.text.en.trim())
      ? invitation.text
      : undefined;
  const questions = invitation.questions.filter((q) => q.da.trim() || q.en.trim());
  return text ? { text, questions } : { questions };
}

/** What one form started from: the stored value of its part, and the ETag to write over. */
export interface PartBase {
  value: unknown;
  etag: string;
}

export function baseOf(view: RoundSetupView, part: SetupPart): PartBase {
  return { value: copyOf(partOf(view, part)), etag: view.etag };
}

/**
 * A newer version of the round arrived (after a save of another part, or with a 412): when this part
 * is stored as it was when HR started, nobody changed it, so it may be saved over the new ETag.
 */
export function advancedBase(base: PartBase, view: RoundSetupView, part: SetupPart): PartBase {
  return same(base.value, partOf(view, part)) ? { value: base.value, etag: view.etag } : base;
}

/** The template's questions as a short list for comparing two versions (conflict panel). */
export function templateOutline(
  sections: readonly TemplateSection[],
  pick: (b: Bilingual) => string,
): string {
  return sections.map((s, i) => `${i + 1}. ${pick(s.title)}: ${pick(s.prompt)}`).join('\n');
}

/** Which text of which section a server issue is about ("sections.6.title.da", "sections[6].prompt.en"). */
export interface SectionIssuePlace {
  index: number;
  field: 'title' | 'prompt';
  lang: 'da' | 'en';
}

export function sectionIssuePlace(where: string): SectionIssuePlace | undefined {
  const match = /^sections(?:\.|\[)(\d+)\]?\.(title|prompt)\.(da|en)$/.exec(where);
  if (!match) return undefined;
  return {
    index: Number(match[1]),
    field: match[2] === 'title' ? 'title' : 'prompt',
    lang: match[3] === 'en' ? 'en' : 'da',
  };
}

/**
 * The steps whose deadline HR should look at after a refusal: those without a date and those set
 * before the step ahead of them ("1" … "5").
 */
export function deadlinesToCheck(deadlines: Record<string, string>): string[] {
  const steps = ['1', '2', '3', '4', '5'];
  return steps.filter((step, i) => {
    const date = deadlines[step] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return true;
    const before = i > 0 ? (deadlines[steps[i - 1]!] ?? '') : '';
    return before !== '' && date < before;
  });
}
