// The document viewer: a dialog with the document's full text and every mention highlighted in its
// entity's colour. A mention is a button back into the graph. The text is put in as text nodes only, so
// markup inside a document (`<script>`, `<img onerror>`) is shown, never run.
import type { DocumentResponse, DocumentMention } from '../../server/api-types.ts';
import { api } from './api.ts';
import { h, clear, externalLink } from './dom.ts';
import type { Bus, Store } from './state.ts';
import { documentTitle } from './detail-props.ts';
import { shapeIcon, typeStyle } from './theme.ts';

/** Where each page of a paged document starts: at its first passage (none for a document without pages). */
export function pageStarts(passages: DocumentResponse['passages']): { page: number; start: number }[] {
  const out: { page: number; start: number }[] = [];
  for (const p of [...passages].sort((a, b) => a.start - b.start)) {
    if (typeof p.page !== 'number') continue;
    if (!out.length || p.page > out[out.length - 1].page) out.push({ page: p.page, start: p.start });
  }
  return out;
}

export function mountDocumentViewer(root: HTMLElement, deps: { store: Store; bus: Bus }) {
  const { store, bus } = deps;
  const dialog = h('div', {
    class: 'doc-viewer',
    id: 'doc-viewer',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'doc-title',
    hidden: true,
    tabindex: '-1',
  });
  const backdrop = h('div', { class: 'doc-backdrop', hidden: true, onclick: (() => close()) as EventListener });
  root.append(backdrop, dialog);
  let seq = 0;
  let lastFocus: HTMLElement | null = null;
  let openId: string | null = null;

  function close() {
    if (dialog.hidden) return;
    dialog.hidden = true;
    backdrop.hidden = true;
    openId = null;
    clear(dialog);
    if (store.get().doc) store.set({ doc: null });
    lastFocus?.focus?.();
  }

  /** Split the text into runs; overlapping mentions keep the first (longest) one. A paged document (PDF)
   *  gets a "Page n" mark where each page's first passage starts. */
  function renderText(doc: DocumentResponse, focusEntity?: string, span?: { start: number; end: number }): HTMLElement {
    const text = doc.text;
    const container = h('div', { class: 'doc-text', id: 'doc-text' });
    const sorted = [...doc.mentions].sort((a, b) => a.start - b.start || b.end - a.end);
    const pages = pageStarts(doc.passages);
    let at = 0;
    let para = h('p', {});
    const flush = (s: string) => {
      // Blank lines start a new paragraph; single newlines stay as line breaks (CSS pre-wrap).
      const parts = s.split(/\n{2,}/);
      parts.forEach((part, i) => {
        if (i > 0) {
          container.append(para);
          para = h('p', {});
        }
        if (part) para.append(document.createTextNode(part));
      });
    };
    const spanMark = (s: string, from: number) => {
      // The evidence sentence (if any) gets an outline; mentions inside it stay clickable.
      if (span && from < span.end && from + s.length > span.start) {
        const a = Math.max(span.start - from, 0);
        const b = Math.min(span.end - from, s.length);
        if (a > 0) flush(s.slice(0, a));
        para.append(h('span', { class: 'evidence-span' }, s.slice(a, b)));
        if (b < s.length) flush(s.slice(b));
      } else flush(s);
    };
    /** Plain text up to `to`, with the page marks that fall inside it. */
    const plain = (to: number) => {
      while (pages.length && pages[0].start <= to) {
        const p = pages.shift()!;
        if (p.start > at) spanMark(text.slice(at, p.start), at);
        at = Math.max(at, p.start);
        if (para.childNodes.length) container.append(para);
        para = h('p', {});
        container.append(h('div', { class: 'page-mark', 'data-page': p.page, role: 'separator' }, `Page ${p.page}`));
      }
      if (to > at) spanMark(text.slice(at, to), at);
      at = Math.max(at, to);
    };
    for (const m of sorted) {
      if (m.start < at || m.end > text.length) continue;
      plain(m.start);
      para.append(mentionMark(m, focusEntity, span));
      at = m.end;
    }
    plain(text.length);
    container.append(para);
    return container;
  }

  function mentionMark(m: DocumentMention, focusEntity?: string, span?: { start: number; end: number }): HTMLElement {
    const st = typeStyle(m.entityType);
    const focused = focusEntity === m.entityId;
    const inSpan = span && m.start >= span.start && m.end <= span.end;
    return h(
      'mark',
      {
        class: `doc-mention${focused ? ' focused' : ''}${inSpan ? ' in-span' : ''}`,
        role: 'button',
        tabindex: '0',
        style: `--mark:${st.tint};--mark-edge:${st.color}`,
        title: `${m.entityName} (${st.label}) — show in graph`,
        'data-entity': m.entityId,
        'data-start': String(m.start),
        onclick: (() => goTo(m.entityId)) as EventListener,
        onkeydown: ((e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            goTo(m.entityId);
          }
        }) as EventListener,
      },
      m.text,
    );
  }

  function goTo(entityId: string) {
    close();
    bus.emit('entity:focus', { id: entityId });
  }

  function entityList(doc: DocumentResponse, focusEntity?: string): HTMLElement {
    const byEntity = new Map<string, { m: DocumentMention; n: number }>();
    for (const m of doc.mentions) {
      const x = byEntity.get(m.entityId);
      if (x) x.n++;
      else byEntity.set(m.entityId, { m, n: 1 });
    }
    const items = [...byEntity.values()].sort((a, b) => b.n - a.n || a.m.entityName.localeCompare(b.m.entityName));
    return h(
      'aside',
      { class: 'doc-entities', 'aria-label': 'Entities in this document' },
      h('h3', {}, `Entities · ${items.length}`),
      h(
        'ul',
        {},
        ...items.map(({ m, n }) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: `entity-row${focusEntity === m.entityId ? ' focused' : ''}`,
                title: 'Jump to its first mention',
                onclick: (() => {
                  dialog.querySelectorAll('.doc-mention.focused').forEach((el) => el.classList.remove('focused'));
                  const marks = dialog.querySelectorAll<HTMLElement>(`.doc-mention[data-entity="${CSS.escape(m.entityId)}"]`);
                  marks.forEach((el) => el.classList.add('focused'));
                  marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
                }) as EventListener,
              },
              shapeIcon(m.entityType, 11),
              h('span', { class: 'entity-name' }, m.entityName),
              h('span', { class: 'count' }, String(n)),
            ),
          ),
        ),
      ),
    );
  }

  async function open(id: string, focusEntity?: string, span?: { start: number; end: number }) {
    const my = ++seq;
    if (dialog.hidden) lastFocus = document.activeElement as HTMLElement | null;
    openId = id;
    dialog.hidden = false;
    backdrop.hidden = false;
    clear(dialog);
    dialog.append(h('div', { class: 'panel-loading', role: 'status' }, h('span', { class: 'spinner' }), 'Loading document…'));
    dialog.focus();
    try {
      const doc = await api.document(id);
      if (my !== seq) return;
      clear(dialog);
      const meta: (Node | string)[] = [];
      if (doc.author) meta.push(h('span', {}, doc.author));
      if (doc.published) meta.push(h('time', {}, doc.published));
      meta.push(h('span', { class: 'muted' }, doc.name || doc.source));
      const ext = externalLink(doc.sourceUrl, 'Open original ↗', 'btn ext-link');
      const closeBtn = h('button', { type: 'button', class: 'btn icon close', 'aria-label': 'Close document (Escape)', title: 'Close (Esc)', onclick: (() => close()) as EventListener }, '✕');
      const metaLine = h('div', { class: 'doc-meta' });
      meta.forEach((p, i) => {
        if (i) metaLine.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'));
        metaLine.append(p);
      });
      metaLine.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'), h('span', { class: 'muted' }, `${doc.mentions.length} mentions`));
      dialog.append(
        h('header', { class: 'doc-head' }, h('div', { class: 'doc-head-text' }, h('h2', { id: 'doc-title' }, documentTitle(doc)), metaLine), h('div', { class: 'doc-head-actions' }, ext, closeBtn)),
        h('div', { class: 'doc-main' }, renderText(doc, focusEntity, span), entityList(doc, focusEntity)),
      );
      const target =
        (span && dialog.querySelector<HTMLElement>('.evidence-span, .doc-mention.in-span')) ||
        (focusEntity && dialog.querySelector<HTMLElement>(`.doc-mention[data-entity="${CSS.escape(focusEntity)}"]`)) ||
        null;
      target?.scrollIntoView({ block: 'center' });
      closeBtn.focus({ preventScroll: true });
    } catch (err) {
      if (my !== seq) return;
      clear(dialog);
      dialog.append(
        h('header', { class: 'doc-head' }, h('h2', { id: 'doc-title' }, 'Document'), h('button', { type: 'button', class: 'btn icon close', 'aria-label': 'Close', onclick: (() => close()) as EventListener }, '✕')),
        h('div', { class: 'error-box', role: 'alert' }, (err as Error).message),
      );
    }
  }

  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
    if (e.key === 'Tab') {
      // Keep focus inside the dialog.
      const f = [...dialog.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')].filter((x) => x.offsetParent);
      if (!f.length) return;
      const first = f[0];
      const last = f[f.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });

  bus.on('document:open', ({ id, entity, span }) => {
    store.set({ doc: id });
    void open(id, entity, span);
  });
  bus.on('document:close', () => close());
  store.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    if (!s.doc) close();
    else if (s.doc !== openId) void open(s.doc, s.selection?.kind === 'node' ? s.selection.id : undefined);
  });

  return { isOpen: () => !dialog.hidden, close };
}
