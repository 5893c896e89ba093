import type { Locale } from '../../../bot/mus/bilingual.js';
import { talkFullName } from '../../../bot/mus/glossary.js';
import { ROUND_NAME_MAX } from '../../../bot/mus/round.js';
import type { RoundKind, RoundSetupView, RoundSummary, TemplateSection } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace, uid } from '../dom.js';
import { currentLocale, t, tr } from '../i18n.js';
import { coreTaskForm } from './core-task-form.js';
import { pickRound } from './home-view.js';
import {
  RoundSetupState,
  deadlinesForm,
  invitationForm,
  templateForm,
} from './round-setup-forms.js';
import { SaveControls, setupCard, textField } from './setup-parts.js';
import { drawPreview } from './skema-preview.js';
import { ts } from '../setup-texts.js';

/*
 * HR's setup screen (#/setup, #/setup/<roundId>): the organisation's core task and HR contact, then
 * for the chosen round its skema (with a live preview as the employee will see it), its deadlines and
 * HR's own words for step 2, and a form to start a new round. HR only: anyone else is told so and
 * nothing is asked of the server (which refuses them anyway).
 */

const KINDS: RoundKind[] = ['MUS', 'GRUS', 'LUS'];

export async function renderSetup(
  root: HTMLElement,
  env: AppEnv,
  options: { roundId?: string },
): Promise<void> {
  const title = h('h1', {}, ts('setupHeading'));
  const back = h(
    'nav',
    { className: 'back', 'aria-label': t('back') },
    button(
      t('back'),
      () =>
        env.navigate({ name: 'home', ...(options.roundId ? { roundId: options.roundId } : {}) }),
      {
        className: 'link-button',
      },
    ),
  );
  if (!env.me.roles.includes('hr')) {
    replace(
      root,
      back,
      h('header', { className: 'page-header' }, title),
      h('p', { className: 'card' }, ts('setupHrOnly')),
    );
    return;
  }

  const [organisation, rounds] = await Promise.all([env.api.organisation(), env.api.rounds()]);
  const round = pickRound(rounds, options.roundId);
  const setup = round ? await env.api.roundSetup(round.id) : undefined;

  let coreTask = organisation.coreTask;
  let sections: readonly TemplateSection[] = setup?.template.sections ?? [];
  let previewLocale: Locale = currentLocale();
  const previewBody = h('div', { className: 'preview-body' });
  const redraw = (): void => {
    if (!setup) return;
    drawPreview(previewBody, {
      locale: previewLocale,
      kind: setup.kind,
      roundName: setup.name,
      coreTask,
      sections,
    });
  };

  const coreTaskCard = coreTaskForm(env, organisation, (text) => {
    coreTask = text;
    redraw();
  });

  const roundParts: HTMLElement[] = [];
  if (setup && round) {
    const state = new RoundSetupState(setup);
    const earlier = rounds.filter((r) => r.id !== round.id);
    const template = templateForm(
      env,
      state,
      (draft) => {
        sections = draft;
        redraw();
      },
      earlier,
    );
    roundParts.push(
      h(
        'div',
        { className: 'setup-template' },
        template,
        previewCard(previewBody, previewLocale, (locale) => {
          previewLocale = locale;
          redraw();
        }),
      ),
      deadlinesForm(env, state),
      invitationForm(env, state),
    );
  }
  redraw();

  replace(
    root,
    back,
    h(
      'header',
      { className: 'page-header' },
      title,
      h('p', { className: 'muted' }, ts('setupIntro')),
      rounds.length > 0 && round && roundPicker(env, rounds, round),
    ),
    coreTaskCard,
    round
      ? h('h2', { className: 'setup-round-heading' }, ts('setupRoundHeading', { name: round.name }))
      : h('p', { className: 'card muted' }, ts('setupNoRound')),
    ...roundParts,
    newRoundCard(env),
  );
}

function roundPicker(env: AppEnv, rounds: RoundSummary[], current: RoundSummary): HTMLElement {
  const id = uid('setup-round');
  const select = h(
    'select',
    { id },
    ...rounds.map((r) =>
      h(
        'option',
        { value: r.id, selected: r.id === current.id },
        r.closedAt ? `${r.name} ${t('roundClosed')}` : r.name,
      ),
    ),
  );
  select.addEventListener('change', () => env.navigate({ name: 'setup', roundId: select.value }));
  return h('div', { className: 'field inline' }, h('label', { for: id }, t('chooseRound')), select);
}

function previewCard(
  body: HTMLElement,
  locale: Locale,
  onLocale: (locale: Locale) => void,
): HTMLElement {
  const id = uid('preview-lang');
  const select = h(
    'select',
    { id },
    h('option', { value: 'da', selected: locale === 'da' }, 'Dansk'),
    h('option', { value: 'en', selected: locale === 'en' }, 'English'),
  );
  select.addEventListener('change', () => onLocale(select.value === 'en' ? 'en' : 'da'));
  return setupCard(
    ts('previewHeading'),
    'preview',
    h('p', { className: 'muted' }, ts('previewIntro')),
    h('div', { className: 'field inline' }, h('label', { for: id }, ts('previewLanguage')), select),
    h('div', { className: 'skema-preview' }, body),
  );
}

/** A new round of a kind, with that kind's default skema and deadlines; then its setup opens. */
function newRoundCard(env: AppEnv): HTMLElement {
  let name = '';
  let kind: RoundKind = 'MUS';
  const kindId = uid('round-kind');
  const select = h(
    'select',
    { id: kindId, 'data-field': 'round-kind' },
    ...KINDS.map((k) => h('option', { value: k }, tr(talkFullName(k)))),
  );
  select.addEventListener('change', () => (kind = KINDS.find((k) => k === select.value) ?? 'MUS'));
  const controls = new SaveControls(
    t('createRound'),
    async () => {
      const created: RoundSetupView = await env.api.createRound({ name: name.trim(), kind });
      controls.saved();
      env.navigate({ name: 'setup', roundId: created.id });
    },
    { 'data-action': 'create-round' },
  );
  return setupCard(
    ts('newRoundHeading'),
    'new-round',
    h('p', { className: 'muted' }, ts('newRoundIntro')),
    textField({
      label: ts('newRoundName'),
      value: '',
      maxlength: ROUND_NAME_MAX,
      attrs: { 'data-field': 'round-name' },
      onInput: (value) => (name = value),
    }),
    h('div', { className: 'field' }, h('label', { for: kindId }, ts('newRoundKind')), select),
    controls.element(),
  );
}
