import type { Bilingual } from '../../../bot/mus/bilingual.js';
import { defaultTemplateFor } from '../../../bot/mus/default-template.js';
import { talkName } from '../../../bot/mus/glossary.js';
import { stepName, STEP_NUMBERS } from '../../../bot/mus/rollout-steps.js';
import { TEMPLATE_MAX_SECTIONS } from '../../../bot/mus/skema-template.js';
import {
  INVITATION_QUESTION_MAX,
  INVITATION_QUESTIONS_MAX,
  INVITATION_TEXT_MAX,
} from '../../../bot/mus/step-two-invitation.js';
import { ApiError } from '../api-client.js';
import type { RoundSetupView, StepTwoInvitation, TemplateSection } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace, uid } from '../dom.js';
import { formatDate, t, tr } from '../i18n.js';
import {
  advancedBase,
  baseOf,
  copyOf,
  deadlinesToCheck,
  moveSection,
  normalisedInvitation,
  partOf,
  removeAt,
  sectionIssuePlace,
  templateOutline,
  withNewQuestion,
  type PartBase,
  type SetupPart,
} from '../setup-drafts.js';
import { SaveControls, setupCard, textField } from './setup-parts.js';
import { ts } from '../setup-texts.js';

/*
 * A round's three setup forms — the skema's template, the five deadlines, HR's own words on the
 * step-2 card — each saved on its own over the round's ETag (setup-drafts.ts decides which ETag),
 * each read-only with the server's reason once the step it belongs to has gone out.
 */

const PARTS: SetupPart[] = ['template', 'deadlines', 'invitation'];
const TEXT_MAX = 1000;

/** Keeps the three forms' bases in step with the newest version of the round. */
export class RoundSetupState {
  private readonly bases: Record<SetupPart, PartBase>;
  latest: RoundSetupView;

  constructor(view: RoundSetupView) {
    this.latest = view;
    this.bases = {
      template: baseOf(view, 'template'),
      deadlines: baseOf(view, 'deadlines'),
      invitation: baseOf(view, 'invitation'),
    };
  }

  etagFor(part: SetupPart): string {
    return this.bases[part].etag;
  }

  /** A newer version arrived: `saved` starts afresh from it, the others move on if unchanged. */
  arrived(view: RoundSetupView, saved?: SetupPart): void {
    this.latest = view;
    for (const part of PARTS) {
      this.bases[part] =
        part === saved ? baseOf(view, part) : advancedBase(this.bases[part], view, part);
    }
  }

  /** HR keeps their own version of `part` over `view`: the next save writes over its ETag. */
  override(part: SetupPart, view: RoundSetupView): void {
    this.bases[part] = { value: copyOf(partOf(view, part)), etag: view.etag };
  }
}

/**
 * Saves one part. A 412 caused only by another part changing (this part stored as HR found it) is
 * saved again at once; a real conflict goes to `onConflict` with the stored version.
 */
async function savePart(
  state: RoundSetupState,
  part: SetupPart,
  send: (etag: string) => Promise<RoundSetupView>,
  onConflict: (current: RoundSetupView) => void,
): Promise<RoundSetupView | undefined> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      const saved = await send(state.etagFor(part));
      state.arrived(saved, part);
      return saved;
    } catch (error) {
      const current =
        error instanceof ApiError && error.status === 412 && error.current<RoundSetupView>();
      if (!current) throw error;
      state.arrived(current);
      if (state.etagFor(part) !== current.etag) {
        onConflict(current);
        return undefined;
      }
      // Others keep saving other parts: after a few tries HR is told, and presses save again.
      if (attempt === attempts) throw error;
    }
  }
}

function lockedNotice(reason: Bilingual | undefined): HTMLElement {
  return h(
    'div',
    { className: 'notice', 'data-locked': 'true' },
    h('p', { className: 'notice-title' }, ts('setupReadOnly')),
    reason && h('p', {}, tr(reason)),
  );
}

function bilingualFields(options: {
  label: string;
  value: Bilingual;
  multiline?: boolean;
  maxlength: number;
  section?: string;
  onInput: () => void;
}): HTMLElement[] {
  return (['da', 'en'] as const).map((lang) =>
    textField({
      label: `${options.label} ${lang === 'da' ? ts('inDanish') : ts('inEnglish')}`,
      value: options.value[lang],
      multiline: options.multiline,
      rows: 2,
      maxlength: options.maxlength,
      attrs: {
        lang,
        'data-lang': lang,
        ...(options.section ? { 'data-section': options.section } : {}),
      },
      onInput: (value) => {
        options.value[lang] = value;
        options.onInput();
      },
    }),
  );
}

/** The round's skema: questions edited, added, moved with buttons, removed; a live preview beside. */
export function templateForm(
  env: AppEnv,
  state: RoundSetupState,
  onDraft: (sections: readonly TemplateSection[]) => void,
  earlierRounds: readonly { id: string; name: string }[] = [],
): HTMLElement {
  const view = state.latest;
  let draft = copyOf(view.template.sections);
  const list = h('ol', { className: 'template-editor' });
  const changed = (): void => onDraft(draft);

  if (!view.editable) {
    replace(
      list,
      ...draft.map((s) =>
        h(
          'li',
          { className: 'template-item', 'data-section': s.id },
          h('p', { className: 'preview-heading' }, tr(s.title)),
          h('p', { className: 'prompt' }, tr(s.prompt)),
        ),
      ),
    );
    onDraft(draft);
    return setupCard(ts('templateHeading'), 'template', lockedNotice(view.lockedBecause), list);
  }

  const nameOf = (index: number): string =>
    draft[index]?.kind === 'agreements'
      ? ts('templateAgreements')
      : ts('templateQuestionN', { n: String(index + 1) });

  /** A refusal of the texts, each said with the question and field it is about; those fields marked. */
  const refused = (error: ApiError): boolean => {
    const issues = error.body?.issues ?? [];
    const placed = issues.map((issue) => ({ issue, place: sectionIssuePlace(issue.where) }));
    if (!placed.some((p) => p.place)) return false;
    const lines = placed.map(({ issue, place }) => {
      if (!place) return tr(issue.message);
      const field = place.field === 'title' ? ts('templateTitle') : ts('templatePrompt');
      const lang = place.lang === 'da' ? ts('inDanish') : ts('inEnglish');
      return `${nameOf(place.index)}, ${field.toLowerCase()} ${lang}: ${tr(issue.message)}`;
    });
    controls.refused([tr(error.body?.message ?? { da: '', en: '' }), ...new Set(lines)].join(' '));
    let first: HTMLElement | undefined;
    for (const { place } of placed) {
      const id = place && draft[place.index]?.id;
      if (!place || !id) continue;
      const fields = list.querySelectorAll<HTMLElement>(
        `li[data-section="${CSS.escape(id)}"] [data-lang="${place.lang}"]`,
      );
      const target = fields[place.field === 'title' ? 0 : 1];
      target?.setAttribute('aria-invalid', 'true');
      first ??= target;
    }
    first?.focus();
    return true;
  };

  const controls = new SaveControls(
    t('saveTemplate'),
    async () => {
      const saved = await savePart(
        state,
        'template',
        async (etag) => {
          list
            .querySelectorAll('[aria-invalid]')
            .forEach((el) => el.removeAttribute('aria-invalid'));
          return env.api.saveTemplate(view.id, { sections: draft }, etag);
        },
        (current) =>
          controls.conflict({
            label: ts('templateHeading'),
            theirs: templateOutline(current.template.sections, tr),
            mine: templateOutline(draft, tr),
            onTakeTheirs: () => {
              state.arrived(current, 'template');
              draft = copyOf(current.template.sections);
              draw();
            },
            onKeepMine: () => {
              state.override('template', current);
              return controls.run();
            },
          }),
      ).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 400 && refused(error)) return undefined;
        throw error;
      });
      if (saved) controls.saved();
    },
    { 'data-action': 'save-template' },
  );

  /** Redraws the list; `focus` names the button to put focus back on after a move or removal. */
  const draw = (focus?: { id: string; action: string }): void => {
    const questions = draft.filter((s) => s.kind === 'question').length;
    replace(
      list,
      ...draft.map((section, index) => {
        const name = nameOf(index);
        const legendId = uid('section-legend');
        const move = (delta: -1 | 1, action: string): void => {
          draft = moveSection(draft, index, delta);
          draw({ id: section.id, action });
          controls.unsaved();
          env.announce(ts('templateMoved', { name, place: String(index + 1 + delta) }));
        };
        return h(
          'li',
          { className: 'template-item', 'data-section': section.id },
          h(
            'fieldset',
            { 'aria-labelledby': legendId },
            h('legend', { id: legendId }, name),
            ...bilingualFields({
              label: ts('templateTitle'),
              value: section.title,
              maxlength: TEXT_MAX,
              section: section.id,
              onInput: changed,
            }),
            ...bilingualFields({
              label:
                section.kind === 'agreements' ? ts('templateAgreementsText') : ts('templatePrompt'),
              value: section.prompt,
              multiline: true,
              maxlength: TEXT_MAX,
              section: section.id,
              onInput: changed,
            }),
            h(
              'div',
              { className: 'actions' },
              button(ts('moveUp'), () => move(-1, 'up'), {
                className: 'secondary small',
                disabled: index === 0,
                'data-action': 'up',
                'aria-label': ts('moveUpNamed', { name }),
              }),
              button(ts('moveDown'), () => move(1, 'down'), {
                className: 'secondary small',
                disabled: index === draft.length - 1,
                'data-action': 'down',
                'aria-label': ts('moveDownNamed', { name }),
              }),
              section.kind === 'question' &&
                button(
                  t('remove'),
                  () => {
                    draft = removeAt(draft, index);
                    controls.unsaved();
                    draw({ id: draft[Math.min(index, draft.length - 1)]?.id ?? '', action: 'up' });
                    env.announce(ts('templateRemoved', { name }));
                  },
                  {
                    className: 'secondary small',
                    disabled: questions <= 1,
                    'data-action': 'remove',
                    'aria-label': ts('removeNamed', { name }),
                  },
                ),
            ),
          ),
        );
      }),
    );
    addButton.disabled = draft.length >= TEMPLATE_MAX_SECTIONS;
    changed();
    if (focus) {
      const item = list.querySelector<HTMLElement>(`li[data-section="${CSS.escape(focus.id)}"]`);
      const target =
        item?.querySelector<HTMLButtonElement>(
          `button[data-action="${focus.action}"]:not([disabled])`,
        ) ?? item?.querySelector<HTMLButtonElement>('button:not([disabled])');
      target?.focus();
    }
  };

  const addButton = button(
    ts('addQuestion'),
    () => {
      draft = withNewQuestion(draft);
      draw();
      controls.unsaved();
      const added = draft.filter((s) => s.kind === 'question').at(-1);
      list.querySelector<HTMLInputElement>(`li[data-section="${added?.id ?? ''}"] input`)?.focus();
    },
    { className: 'secondary', 'data-action': 'add-question' },
  );
  const resetButton = button(
    ts('templateFromDefault', { kind: talkName(view.kind) }),
    () => {
      draft = copyOf(defaultTemplateFor(view.kind).sections);
      draw();
      controls.unsaved();
      env.announce(ts('templateReset'));
    },
    { className: 'secondary', 'data-action': 'default-template' },
  );
  draw();

  return controls.watch(
    setupCard(
      ts('templateHeading'),
      'template',
      h('p', { className: 'muted' }, ts('templateIntro', { kind: talkName(view.kind) })),
      list,
      h('div', { className: 'actions' }, addButton, resetButton),
      earlierRounds.length > 0 &&
        copyFromRound(env, earlierRounds, (sections) => {
          draft = copyOf([...sections]);
          draw();
          controls.unsaved();
        }),
      h('p', { className: 'muted' }, ts('templateSaveHint')),
      controls.element(),
    ),
  );
}

/** Takes the questions of an earlier round as the draft (saved only when HR saves the form). */
function copyFromRound(
  env: AppEnv,
  rounds: readonly { id: string; name: string }[],
  onCopy: (sections: readonly TemplateSection[]) => void,
): HTMLElement {
  const id = uid('copy-round');
  const select = h(
    'select',
    { id, 'data-field': 'copy-from' },
    ...rounds.map((r) => h('option', { value: r.id }, r.name)),
  );
  const copy = button(
    ts('templateCopy'),
    async () => {
      copy.disabled = true;
      try {
        const source = await env.api.roundSetup(select.value);
        onCopy(source.template.sections);
        env.announce(ts('templateCopied', { name: source.name }));
      } catch (error) {
        env.showError(error);
      } finally {
        copy.disabled = false;
      }
    },
    { className: 'secondary', 'data-action': 'copy-template' },
  );
  return h(
    'div',
    { className: 'field inline copy-template' },
    h('label', { for: id }, ts('templateCopyFrom')),
    select,
    copy,
  );
}

/** The five steps' deadlines, in step order, none moved into the past (the server says why not). */
export function deadlinesForm(env: AppEnv, state: RoundSetupState): HTMLElement {
  const view = state.latest;
  let draft = { ...view.deadlines };
  const fields = h('div', { className: 'deadline-fields' });
  const draw = (): void => {
    const round = state.latest;
    replace(
      fields,
      ...STEP_NUMBERS.map((step) => {
        const id = uid('deadline');
        const input = h('input', {
          id,
          type: 'date',
          'data-step': step,
          disabled: !!round.closedAt,
        });
        input.value = draft[String(step)] ?? '';
        input.addEventListener('input', () => (draft[String(step)] = input.value));
        const launched = round.launched[String(step)];
        return h(
          'div',
          { className: 'field deadline' },
          h('label', { for: id }, `${step}. ${tr(stepName(step, round.kind))}`),
          input,
          launched &&
            h('span', { className: 'muted' }, ts('stepLaunchedOn', { date: formatDate(launched) })),
        );
      }),
    );
  };
  draw();
  if (view.closedAt) {
    return setupCard(ts('deadlinesHeading'), 'deadlines', lockedNotice(undefined), fields);
  }
  /** A refusal: the server's reason, and the steps to look at marked, the first one focused. */
  const refused = (error: ApiError): void => {
    const steps = new Set(deadlinesToCheck(draft));
    for (const issue of error.body?.issues ?? [])
      if (/^[1-5]$/.test(issue.where)) steps.add(issue.where);
    const marked = [...steps].sort();
    controls.refused(
      marked.length
        ? `${error.message} ${ts('deadlinesCheck', { steps: marked.join(', ') })}`
        : error.message,
    );
    for (const step of marked) {
      fields.querySelector(`input[data-step="${step}"]`)?.setAttribute('aria-invalid', 'true');
    }
    fields.querySelector<HTMLInputElement>('input[aria-invalid]')?.focus();
  };
  const controls = new SaveControls(
    t('saveDeadlines'),
    async () => {
      const saved = await savePart(
        state,
        'deadlines',
        (etag) => {
          fields
            .querySelectorAll('[aria-invalid]')
            .forEach((el) => el.removeAttribute('aria-invalid'));
          return env.api.saveDeadlines(view.id, draft, etag);
        },
        (current) =>
          controls.conflict({
            label: ts('deadlinesHeading'),
            theirs: datesText(current.deadlines),
            mine: datesText(draft),
            onTakeTheirs: () => {
              state.arrived(current, 'deadlines');
              draft = { ...current.deadlines };
              draw();
            },
            onKeepMine: () => {
              state.override('deadlines', current);
              return controls.run();
            },
          }),
      ).catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 400)) throw error;
        refused(error);
        return undefined;
      });
      if (saved) controls.saved();
    },
    { 'data-action': 'save-deadlines' },
  );
  return controls.watch(
    setupCard(
      ts('deadlinesHeading'),
      'deadlines',
      h('p', { className: 'muted' }, ts('deadlinesIntro')),
      fields,
      controls.element(),
    ),
  );
}

function datesText(deadlines: Record<string, string>): string {
  return STEP_NUMBERS.map((step) => `${step}: ${formatDate(deadlines[String(step)] ?? '')}`).join(
    '\n',
  );
}

function invitationText(invitation: StepTwoInvitation): string {
  const clean = normalisedInvitation(invitation);
  return [clean.text ? tr(clean.text) : '', ...clean.questions.map((q, i) => `${i + 1}. ${tr(q)}`)]
    .filter(Boolean)
    .join('\n');
}

/** HR's own words and questions on the employees' step-2 card. */
export function invitationForm(env: AppEnv, state: RoundSetupState): HTMLElement {
  const view = state.latest;
  const blank = (): Bilingual => ({ da: '', en: '' });
  let text = copyOf(view.invitation.text ?? blank());
  let questions = copyOf(view.invitation.questions);
  const body = h('div', {});
  const draftNow = (): StepTwoInvitation =>
    normalisedInvitation({
      text,
      questions: questions.map((q) => ({ da: q.da.trim(), en: q.en.trim() })),
    });

  if (!view.invitationEditable) {
    const stored = normalisedInvitation(view.invitation);
    return setupCard(
      ts('invitationHeading'),
      'invitation',
      lockedNotice(view.invitationLockedBecause),
      stored.text || stored.questions.length
        ? h('p', { className: 'user-text' }, invitationText(stored))
        : h('p', { className: 'muted' }, ts('invitationNone')),
    );
  }

  const draw = (): void => {
    replace(
      body,
      ...bilingualFields({
        label: ts('invitationText'),
        value: text,
        multiline: true,
        maxlength: INVITATION_TEXT_MAX,
        onInput: () => undefined,
      }),
      ...questions.map((q, index) => {
        const name = ts('invitationQuestionN', { n: String(index + 1) });
        return h(
          'fieldset',
          { className: 'invitation-question' },
          h('legend', {}, name),
          ...bilingualFields({
            label: ts('invitationQuestion'),
            value: q,
            maxlength: INVITATION_QUESTION_MAX,
            onInput: () => undefined,
          }),
          button(
            t('remove'),
            () => {
              questions = removeAt(questions, index);
              draw();
              controls.unsaved();
              addButton.focus();
            },
            { className: 'secondary small', 'aria-label': ts('removeNamed', { name }) },
          ),
        );
      }),
    );
    addButton.disabled = questions.length >= INVITATION_QUESTIONS_MAX;
  };
  const addButton = button(
    ts('addInvitationQuestion'),
    () => {
      questions = [...questions, blank()];
      draw();
      controls.unsaved();
      body.querySelector<HTMLInputElement>('fieldset:last-of-type input')?.focus();
    },
    { className: 'secondary' },
  );
  draw();

  const controls = new SaveControls(
    t('saveInvitation'),
    async () => {
      const saved = await savePart(
        state,
        'invitation',
        (etag) => env.api.saveInvitation(view.id, draftNow(), etag),
        (current) =>
          controls.conflict({
            label: ts('invitationHeading'),
            theirs: invitationText(current.invitation),
            mine: invitationText(draftNow()),
            onTakeTheirs: () => {
              state.arrived(current, 'invitation');
              text = copyOf(current.invitation.text ?? blank());
              questions = copyOf(current.invitation.questions);
              draw();
            },
            onKeepMine: () => {
              state.override('invitation', current);
              return controls.run();
            },
          }),
      );
      if (saved) controls.saved();
    },
    { 'data-action': 'save-invitation' },
  );

  return controls.watch(
    setupCard(
      ts('invitationHeading'),
      'invitation',
      h('p', { className: 'muted' }, ts('invitationIntro')),
      body,
      h('div', { className: 'actions' }, addButton),
      controls.element(),
    ),
  );
}
