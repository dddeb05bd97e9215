// Tiny DOM helpers. Text always enters the page as text nodes (never innerHTML), so document and passage
// text that looks like markup — `<script>`, `<img onerror=…>` — stays inert.

import { readableText } from './latex.ts';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function $(sel: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector(sel);
  if (!el) throw new Error(`Missing element ${sel}`);
  return el as HTMLElement;
}

/** `text` with the given spans wrapped in <mark>; spans must be sorted and inside the text. LaTeX markup
 *  in the text is not shown (latex.ts). */
export function highlighted(
  raw: string,
  rawSpans: { start: number; end: number }[],
  mark: (span: { start: number; end: number }, content: string) => HTMLElement = (_s, c) => h('mark', {}, c),
): DocumentFragment {
  const { text, spans } = readableText(raw, rawSpans);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end > text.length || s.end <= s.start) continue; // overlapping or out of range
    if (s.start > at) frag.append(document.createTextNode(text.slice(at, s.start)));
    frag.append(mark(s, text.slice(s.start, s.end)));
    at = s.end;
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  return frag;
}

/** Safe outbound link: only http(s), opened in a new tab without referrer or opener. */
export function externalLink(href: string | null, label: string, cls = 'ext-link'): HTMLElement | null {
  if (!href) return null;
  try {
    const u = new URL(href);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return h('a', { class: cls, href: u.href, target: '_blank', rel: 'noopener noreferrer' }, label);
  } catch {
    return null;
  }
}

export function download(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
