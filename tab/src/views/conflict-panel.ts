import { button, h, uid } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Both versions of a field side by side after someone else saved it while the user was writing: the
 * stored one and the user's own (still in the field), with a choice. Texts are shown as typed.
 */
export function conflictPanel(options: {
  fieldLabel: string;
  theirs: string;
  mine: string;
  onTakeTheirs: () => void;
  onKeepMine: () => void | Promise<void>;
}): HTMLElement {
  const headingId = uid('conflict');
  const version = (title: string, text: string, className: string): HTMLElement =>
    h(
      'div',
      { className: `conflict-version ${className}` },
      h('h4', {}, title),
      h('p', { className: text ? 'user-text' : 'user-text muted' }, text || t('conflictEmpty')),
    );
  return h(
    'section',
    { className: 'conflict', role: 'group', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${t('conflictHeading')}: ${options.fieldLabel}`),
    h(
      'div',
      { className: 'conflict-versions' },
      version(t('conflictTheirs'), options.theirs, 'theirs'),
      version(t('conflictMine'), options.mine, 'mine'),
    ),
    h(
      'div',
      { className: 'actions' },
      button(t('takeTheirs'), options.onTakeTheirs, { className: 'secondary' }),
      button(t('keepMine'), options.onKeepMine),
    ),
  );
}
