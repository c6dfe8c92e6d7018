// Builds DOM with textContent only: manifest text never becomes markup.
export type Child = Node | string | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

export function icon(name: string, title?: string): HTMLSpanElement {
  const el = h('span', { class: `codicon codicon-${name}`, 'aria-hidden': title ? 'false' : 'true' });
  if (title) {
    el.setAttribute('title', title);
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', title);
  }
  return el;
}
