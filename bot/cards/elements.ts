import { fill } from '../../texts/fill.js';
import { NOTIFICATION_TEXTS } from '../../texts/notifications.js';

/*
 * Small typed helpers for Adaptive Cards 1.5 (the newest schema Teams renders). Cards are plain JSON;
 * these keep the shapes right and the card modules short. Colours are semantic ("accent", "good",
 * "attention") so Teams maps them for light, dark and high-contrast themes.
 */

export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: string; title: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  refresh?: {
    action: { type: 'Action.Execute'; verb: string; data?: unknown };
    userIds?: string[];
  };
  msteams?: { width: 'Full' };
}

export function adaptiveCard(
  body: CardElement[],
  options: { actions?: CardAction[]; refresh?: AdaptiveCard['refresh'] } = {},
): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    msteams: { width: 'Full' },
  };
  if (options.actions?.length) card.actions = options.actions;
  if (options.refresh) card.refresh = options.refresh;
  return card;
}

type TextOptions = {
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  separator?: boolean;
  style?: 'heading';
};

/**
 * Escapes what Teams' card markdown would interpret, so text typed by a user (or a name) shows as
 * written: emphasis, links and code everywhere, and list or heading markers at the start of a line.
 * Text we write ourselves may use markdown and goes through `text()` unescaped.
 */
export function plain(value: string): string {
  return value
    .replace(/([\\`*_[\]~<>])/g, '\\$1')
    .replace(
      /^(\s*)([#>+-]|\d+\.)(?=\s)/gm,
      (_m, space: string, marker: string) => `${space}${marker.replace(/([#>+.-])/, '\\$1')}`,
    );
}

export function text(value: string, options: TextOptions = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string, size: TextOptions['size'] = 'Large'): CardElement {
  return text(value, { size, weight: 'Bolder', style: 'heading' });
}

/** Items listed on a card before the rest are only counted ("og 12 mere"). */
const MAX_LISTED = 15;

/**
 * A bulleted list of text typed by users (names, agreements), escaped, with at most 15 shown and the
 * rest counted in the card's language.
 */
export function shortList(items: readonly string[], locale: 'da' | 'en'): CardElement {
  const shown = items.slice(0, MAX_LISTED).map(plain);
  const more = items.length - shown.length;
  if (more > 0) shown.push(fill(NOTIFICATION_TEXTS.andMore, { count: more })[locale]);
  return bullets(shown);
}

export function bullets(items: readonly string[]): CardElement {
  return text(items.map((i) => `- ${i}`).join('\n'));
}

export function numbered(items: readonly string[]): CardElement {
  return text(items.map((i, n) => `${n + 1}. ${i}`).join('\n'));
}

export function facts(pairs: readonly [string, string][]): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

export function container(
  items: CardElement[],
  options: {
    style?: 'default' | 'emphasis' | 'accent' | 'good' | 'attention' | 'warning';
    separator?: boolean;
    spacing?: TextOptions['spacing'];
    id?: string;
    isVisible?: boolean;
  } = {},
): CardElement {
  return { type: 'Container', items, ...options };
}

export function columns(cols: { items: CardElement[]; width?: string }[]): CardElement {
  return {
    type: 'ColumnSet',
    columns: cols.map((c) => ({ type: 'Column', width: c.width ?? 'stretch', items: c.items })),
  };
}

export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  options: {
    style?: 'positive' | 'destructive';
    isEnabled?: boolean;
    associatedInputs?: 'auto' | 'none';
  } = {},
): CardAction {
  return { type: 'Action.Execute', title, verb, data: { ...data, verb }, ...options };
}

export function openUrl(title: string, url: string): CardAction {
  return { type: 'Action.OpenUrl', title, url };
}

export function showCard(
  title: string,
  card: { body: CardElement[]; actions?: CardAction[] },
): CardAction {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', ...card } };
}

export function actionSet(actions: CardAction[]): CardElement {
  return { type: 'ActionSet', actions };
}

export function textInput(
  id: string,
  label: string,
  options: {
    value?: string;
    placeholder?: string;
    maxLength?: number;
    isMultiline?: boolean;
    isRequired?: boolean;
    errorMessage?: string;
  } = {},
): CardElement {
  return { type: 'Input.Text', id, label, ...options };
}

export function choiceInput(
  id: string,
  label: string,
  choices: { title: string; value: string }[],
  options: {
    value?: string;
    style?: 'compact' | 'expanded';
    isRequired?: boolean;
    errorMessage?: string;
  } = {},
): CardElement {
  return { type: 'Input.ChoiceSet', id, label, choices, ...options };
}
