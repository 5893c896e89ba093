import type { Bilingual, Locale } from '../../../bot/mus/bilingual.js';
import { PHASES } from '../../../bot/mus/default-template.js';
import { skemaName, TERMS } from '../../../bot/mus/glossary.js';
import type { RoundKind, TemplateSection } from '../api-types.js';
import { h, replace } from '../dom.js';
import { SKEMA_PREVIEW_TEXTS as TEXTS } from '../../../texts/skema-preview.js';

/*
 * The skema as the employee will meet it, drawn from HR's unsaved draft: the core task on top, the
 * method's three phases, then each question with the box the employee writes in, and the agreements
 * the talk ends with. HR picks the language to look at; both must read well.
 */

export interface PreviewInput {
  locale: Locale;
  kind: RoundKind;
  roundName: string;
  coreTask: string;
  sections: readonly TemplateSection[];
}

/** Redraws the preview into `root` (called on every keystroke, so kept plain). */
export function drawPreview(root: HTMLElement, input: PreviewInput): void {
  const { locale } = input;
  const say = (text: Bilingual): string => text[locale];
  const filled = (text: Bilingual, fallback: Bilingual): string =>
    text[locale].trim() || say(fallback);
  replace(
    root,
    h('p', { className: 'preview-title' }, `${say(skemaName(input.kind))} · ${input.roundName}`),
    h(
      'div',
      { className: 'core-task' },
      h('p', { className: 'notice-title' }, say(TERMS.ourCoreTask)),
      input.coreTask.trim()
        ? h('p', { className: 'user-text core-task-text' }, input.coreTask.trim())
        : h('p', { className: 'muted' }, say(TERMS.coreTaskMissing)),
    ),
    h('ol', { className: 'phases' }, ...PHASES.map((phase) => h('li', {}, say(phase)))),
    h(
      'ol',
      { className: 'preview-sections' },
      ...input.sections.map((s) =>
        h(
          'li',
          { className: 'preview-section', 'data-section': s.id },
          h('p', { className: 'preview-heading' }, filled(s.title, TEXTS.untitled)),
          h('p', { className: 'prompt' }, filled(s.prompt, TEXTS.noPrompt)),
          h(
            'p',
            { className: 'answer-box muted' },
            say(s.kind === 'agreements' ? TEXTS.duringTalk : TEXTS.answerHere),
          ),
        ),
      ),
    ),
  );
}
