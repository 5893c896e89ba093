/*
 * The only way the tab builds DOM. Text always goes in as text nodes (textContent), never as HTML, so
 * whatever a user typed — `<img onerror=…>`, `**bold**` — is shown exactly as typed. There is no
 * innerHTML anywhere in the tab.
 */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | number | null | undefined>;

/** Creates an element with attributes (false/null/undefined are left out) and text or element children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'className') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

/** Appends children; strings become text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Sets a text, and only ever as text. */
export function setText(el: Element, text: string): void {
  el.textContent = text;
}

let idCounter = 0;
/** A page-unique id, for label/field and aria pairings. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A button that runs `onClick`; async handlers' failures go to `onError`. */
export function button(
  label: string,
  onClick: () => void | Promise<void>,
  attrs: Attrs = {},
): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', () => {
    const result = onClick();
    if (result instanceof Promise) result.catch(unhandled);
  });
  return b;
}

/** A user's multi-line text shown as typed (line breaks kept by CSS), or a muted placeholder. */
export function userText(text: string | null | undefined, empty: string): HTMLElement {
  return text && text.trim()
    ? h('p', { className: 'user-text' }, text)
    : h('p', { className: 'muted' }, empty);
}

let unhandled: (error: unknown) => void = (error) => console.error(error);

/** Where failures of button handlers go (main.ts shows them in the page's alert region). */
export function onUnhandledError(handler: (error: unknown) => void): void {
  unhandled = handler;
}
