// The detail and sources panel: for the selected node its type, names, properties and relations, and
// the documents and passages that mention it (mention highlighted); for an edge, its evidence sentences.
// Every document links to the document viewer and, when known, to the original URL.
import type { DocumentMetaJson, EdgeDetail, EntityDetail, EntityDocument, GraphNode, PassageWithMentions } from '../../server/api-types.ts';
import { api, ApiFailure } from './api.ts';
import { h, clear, highlighted, externalLink } from './dom.ts';
import type { Bus, Store } from './state.ts';
import { shapeIcon, typeStyle } from './theme.ts';
import type { ExpandMeta } from './graph/view.ts';
import { neighbourGroups } from './neighbour-groups.ts';
import { cleanAliases, documentTitle, visibleProps } from './detail-props.ts';
import { mountSourcesPager } from './sources-pager.ts';
import { communityOf } from './graph/filters.ts';

export interface NodeViewState {
  inView: boolean;
  pinned: boolean;
  expand: ExpandMeta | null;
}

export interface DetailPanelDeps {
  store: Store;
  bus: Bus;
  nodeState(id: string): NodeViewState;
  pathFrom(): string | null;
  setPathFrom(id: string | null): void;
}

const EXCERPT = 420;

/** A window of the passage around its first mention, so long paragraphs stay readable. */
function excerpt(p: PassageWithMentions): { text: string; spans: { start: number; end: number }[]; cutStart: boolean; cutEnd: boolean } {
  if (p.text.length <= EXCERPT || p.mentions.length === 0) {
    return { text: p.text, spans: p.mentions, cutStart: false, cutEnd: false };
  }
  const first = p.mentions[0];
  let from = Math.max(0, first.start - 150);
  let to = Math.min(p.text.length, from + EXCERPT);
  from = Math.max(0, Math.min(from, to - EXCERPT));
  const sp = p.text.lastIndexOf(' ', from);
  if (from > 0 && sp > from - 30) from = sp + 1;
  const ep = p.text.indexOf(' ', to);
  if (to < p.text.length && ep > 0 && ep < to + 30) to = ep;
  const spans = p.mentions
    .filter((m) => m.start >= from && m.end <= to)
    .map((m) => ({ start: m.start - from, end: m.end - from }));
  return { text: p.text.slice(from, to), spans, cutStart: from > 0, cutEnd: to < p.text.length };
}

export function docHref(docId: string, entity?: string): string {
  const u = new URL(location.href);
  u.search = '';
  u.searchParams.set('doc', docId);
  if (entity) u.searchParams.set('entity', entity);
  return u.pathname + u.search;
}

function typeBadge(type: string): HTMLElement {
  const st = typeStyle(type);
  return h('span', { class: 'type-badge', style: `background:${st.tint};color:${st.color}` }, shapeIcon(type, 12), st.label);
}

function fmtValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(fmtValue).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function mountDetailPanel(root: HTMLElement, deps: DetailPanelDeps) {
  const { store, bus } = deps;
  let seq = 0;
  let current: { kind: 'node'; detail: EntityDetail } | { kind: 'edge'; detail: EdgeDetail } | null = null;

  const body = h('div', { class: 'detail-body', id: 'detail-body' });
  root.append(body);

  function showEmpty() {
    current = null;
    clear(body);
    body.append(
      h(
        'div',
        { class: 'empty-state' },
        h('h2', {}, 'Nothing selected'),
        h('p', {}, 'Click a node or an edge to see what it is and the passages that support it.'),
        h(
          'ul',
          { class: 'hints' },
          h('li', {}, h('kbd', {}, '/'), ' search by name or alias'),
          h('li', {}, h('kbd', {}, 'double-click'), ' a node to expand its neighbours'),
          h('li', {}, h('kbd', {}, 'Shift'), '+click two nodes, then ', h('b', {}, 'Path'), ' to connect them'),
        ),
      ),
    );
  }

  function showLoading() {
    clear(body);
    body.append(h('div', { class: 'panel-loading', role: 'status' }, h('span', { class: 'spinner' }), 'Loading…'));
  }

  function showError(err: unknown) {
    clear(body);
    const msg = err instanceof ApiFailure || err instanceof Error ? err.message : String(err);
    body.append(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Could not load the details. '), msg));
  }

  function docMetaLine(d: DocumentMetaJson, extra?: string): HTMLElement {
    const parts: (Node | string)[] = [];
    if (d.author) parts.push(h('span', { class: 'doc-author' }, d.author));
    if (d.published) parts.push(h('time', { class: 'doc-date' }, d.published));
    if (!d.author && !d.published && d.name && d.name !== d.title) parts.push(h('span', { class: 'muted' }, d.name));
    const ext = externalLink(d.sourceUrl, 'original ↗');
    if (ext) parts.push(ext);
    if (extra) parts.push(h('span', { class: 'muted' }, extra));
    const line = h('div', { class: 'doc-meta' });
    parts.forEach((p, i) => {
      if (i) line.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'));
      line.append(p);
    });
    return line;
  }

  function docLink(d: DocumentMetaJson, entity?: string, span?: { start: number; end: number }): HTMLElement {
    return h(
      'a',
      {
        class: 'doc-link',
        href: docHref(d.id, entity),
        title: 'Open the document with every mention highlighted',
        onclick: ((e: MouseEvent) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return; // new tab: let the link work
          e.preventDefault();
          bus.emit('document:open', { id: d.id, entity, span });
        }) as EventListener,
      },
      documentTitle(d),
    );
  }

  /** The node's action buttons and, once expanded, its neighbours by kind. */
  function actions(node: GraphNode): HTMLElement {
    const st = deps.nodeState(node.id);
    return h('div', { class: 'node-actions' }, actionBar(node, st), st.inView && st.expand?.groups ? neighbourGroups(node.id, st.expand.groups, bus) : null);
  }

  function actionBar(node: GraphNode, st: NodeViewState): HTMLElement {
    const bar = h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Node actions' });
    const btn = (label: string, title: string, fn: () => void, attrs: Record<string, string> = {}) =>
      h('button', { type: 'button', class: 'btn', title, onclick: fn as EventListener, ...attrs }, label);
    if (!st.inView) {
      bar.append(btn('Show in graph', 'Add this node to the graph', () => bus.emit('entity:focus', { id: node.id }), { 'data-action': 'show' }));
    } else {
      const meta = st.expand;
      if (!meta) {
        bar.append(btn('Expand', 'Show its neighbours (double-click the node, or press E)', () => bus.emit('entity:expand', { id: node.id }), { 'data-action': 'expand', class: 'btn primary' }));
      } else if (meta.loaded < meta.total) {
        bar.append(
          btn(`Show more`, `${meta.loaded} of ${meta.total} neighbours shown; more of the biggest kind not yet complete`, () => bus.emit('entity:expand', { id: node.id, more: true }), {
            'data-action': 'more',
            class: 'btn primary',
          }),
        );
      }
      if (meta) bar.append(btn('Collapse', 'Remove the neighbours this expansion added (C)', () => bus.emit('node:collapse', { id: node.id }), { 'data-action': 'collapse' }));
      bar.append(btn(st.pinned ? 'Unpin' : 'Pin', 'Keep it where it is during layouts (P)', () => bus.emit('node:pin', { id: node.id }), { 'data-action': 'pin' }));
      bar.append(btn('Hide', 'Remove it from the view (H or Delete)', () => bus.emit('node:hide', { id: node.id }), { 'data-action': 'hide' }));
    }
    const from = deps.pathFrom();
    if (from && from !== node.id) {
      bar.append(btn('Path from start', 'Shortest path from the chosen start to this node', () => bus.emit('path:find', { from, to: node.id }), { 'data-action': 'path-to', class: 'btn accent' }));
    } else {
      bar.append(
        btn(from === node.id ? 'Path start ✓' : 'Path from here…', 'Choose this node as the start of a shortest path, then select the other end', () =>
          deps.setPathFrom(from === node.id ? null : node.id), { 'data-action': 'path-from' }),
      );
    }
    return bar;
  }

  function renderEntity(d: EntityDetail) {
    clear(body);
    const node = d.node;
    const aliases = cleanAliases(node.name, d.aliases);
    const head = h(
      'header',
      { class: 'detail-head' },
      typeBadge(node.type),
      h('h2', { class: 'detail-title', id: 'detail-title' }, node.name),
      aliases.length ? h('div', { class: 'aliases' }, h('span', { class: 'muted' }, 'also: '), ...aliases.map((a) => h('span', { class: 'alias' }, a))) : null,
    );
    body.append(head, actions(node));

    const props = node.props ?? {};
    const rows: [string, unknown][] = [
      ['Degree', d.degree],
      ...(node.type === 'Document' ? [] : ([['Mentions', props['mentions'] ?? node.mentions], ['Documents', props['documents']], ['Works', props['works']]] as [string, unknown][])),
    ];
    rows.push(...visibleProps(props));
    const dl = h('dl', { class: 'props' }, ...rows.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, fmtValue(v))]));
    const community = communityOf(node);
    if (community) {
      const c = store.get().communities.find((x) => x.id === community);
      dl.append(
        h('dt', {}, 'Community'),
        h(
          'dd',
          {},
          h(
            'button',
            { type: 'button', class: 'link-button', 'data-action': 'open-community', title: 'Open its community: the strongest members and their links', onclick: (() => bus.emit('community:open', { id: community })) as EventListener },
            c?.name ?? community.replace(/^community:/, ''),
          ),
        ),
      );
    }
    body.append(h('section', { class: 'section' }, h('h3', {}, 'Properties'), dl));

    if (d.relations.length) {
      body.append(
        h(
          'section',
          { class: 'section' },
          h('h3', {}, 'Relations'),
          h(
            'ul',
            { class: 'rel-list' },
            ...d.relations.map((r) => h('li', {}, h('span', { class: 'rel-type' }, r.type.toLowerCase().replace(/_/g, ' ')), h('span', { class: 'muted' }, r.direction === 'out' ? ' → ' : ' ← '), h('span', { class: 'count' }, String(r.count)))),
          ),
        ),
      );
    }

    if (d.document) {
      const doc = d.document;
      body.append(
        h(
          'section',
          { class: 'section sources' },
          h('h3', {}, 'Document'),
          h('article', { class: 'source' }, h('div', { class: 'source-title' }, docLink(doc)), docMetaLine(doc)),
          h('button', { type: 'button', class: 'btn primary', 'data-action': 'open-doc', onclick: (() => bus.emit('document:open', { id: doc.id })) as EventListener }, 'Open document'),
        ),
      );
      return;
    }

    const sources = h('section', { class: 'section sources', id: 'sources' }, h('h3', {}, `Sources · ${d.totalDocuments} document${d.totalDocuments === 1 ? '' : 's'}`));
    if (d.documents.length === 0) sources.append(h('p', { class: 'muted' }, 'No passage mentions it directly.'));
    const sourceArticle = (doc: EntityDocument): HTMLElement => {
      const art = h(
        'article',
        { class: 'source', 'data-doc': doc.id },
        h('div', { class: 'source-title' }, docLink(doc, node.id)),
        docMetaLine(doc, `${doc.mentionCount} mention${doc.mentionCount === 1 ? '' : 's'}`),
      );
      for (const p of doc.passages) {
        const ex = excerpt(p);
        const q = h('blockquote', { class: `passage kind-${p.kind}`, 'data-passage': p.id });
        if (p.page !== undefined) q.append(h('span', { class: 'passage-page', title: `On page ${p.page} of the PDF` }, `p. ${p.page}`));
        if (ex.cutStart) q.append('… ');
        q.append(highlighted(ex.text, ex.spans, (_s, c) => h('mark', { class: 'mention', style: `--mark:${typeStyle(node.type).tint}` }, c)));
        if (ex.cutEnd) q.append(' …');
        art.append(q);
      }
      if (doc.morePassages > 0) {
        art.append(
          h(
            'a',
            {
              class: 'more-link',
              href: docHref(doc.id, node.id),
              onclick: ((e: MouseEvent) => {
                e.preventDefault();
                bus.emit('document:open', { id: doc.id, entity: node.id });
              }) as EventListener,
            },
            `+ ${doc.morePassages} more passage${doc.morePassages === 1 ? '' : 's'} in this document`,
          ),
        );
      }
      return art;
    };
    for (const doc of d.documents) sources.append(sourceArticle(doc));
    if (d.totalDocuments > d.documents.length) mountSourcesPager(sources, { entityId: node.id, total: d.totalDocuments, first: d.documents, render: sourceArticle });
    body.append(sources);
  }

  function nodeChip(n: GraphNode): HTMLElement {
    return h(
      'button',
      { type: 'button', class: 'node-chip', title: `Select ${n.name}`, onclick: (() => bus.emit('entity:focus', { id: n.id })) as EventListener },
      shapeIcon(n.type, 12),
      n.name,
    );
  }

  function renderEdge(d: EdgeDetail) {
    clear(body);
    const e = d.edge;
    body.append(
      h(
        'header',
        { class: 'detail-head' },
        h('span', { class: 'type-badge rel' }, 'Relation'),
        h('h2', { class: 'detail-title', id: 'detail-title' }, e.type.toLowerCase().replace(/_/g, ' ')),
        h('div', { class: 'edge-ends' }, nodeChip(d.source), h('span', { class: 'arrow', 'aria-label': 'to' }, '→'), nodeChip(d.target)),
      ),
    );
    const rows: [string, unknown][] = [
      ['Type', e.type],
      ['Support', e.support ?? d.evidence.length],
      ['Confidence', e.confidence != null ? e.confidence.toFixed(2) : null],
    ];
    for (const [k, v] of Object.entries(e.props ?? {})) if (!['support', 'confidence'].includes(k) && v != null) rows.push([k, v]);
    body.append(h('section', { class: 'section' }, h('h3', {}, 'Properties'), h('dl', { class: 'props' }, ...rows.filter(([, v]) => v != null).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, fmtValue(v))]))));

    const ev = h('section', { class: 'section sources', id: 'evidence' }, h('h3', {}, `Evidence · ${d.evidence.length} sentence${d.evidence.length === 1 ? '' : 's'}`));
    if (d.evidence.length === 0) ev.append(h('p', { class: 'muted' }, 'This relationship carries no evidence sentences.'));
    for (const x of d.evidence) {
      const art = h('article', { class: 'source evidence' });
      if (x.document) {
        art.append(h('div', { class: 'source-title' }, docLink(x.document, undefined, { start: x.start, end: x.end })), docMetaLine(x.document, x.method ? `found by ${x.method}` : undefined));
      }
      art.append(h('blockquote', { class: 'passage' }, highlighted(x.sentence, x.highlights, (_s, c) => h('mark', { class: 'mention' }, c))));
      ev.append(art);
    }
    body.append(ev);
  }

  async function load() {
    const sel = store.get().selection;
    const my = ++seq;
    if (!sel) {
      showEmpty();
      return;
    }
    showLoading();
    try {
      if (sel.kind === 'node') {
        const detail = await api.entity(sel.id);
        if (my !== seq) return;
        current = { kind: 'node', detail };
        renderEntity(detail);
      } else {
        const detail = await api.edge(sel.id);
        if (my !== seq) return;
        current = { kind: 'edge', detail };
        renderEdge(detail);
      }
    } catch (err) {
      if (my === seq) showError(err);
    }
  }

  store.subscribe((s, prev) => {
    if (s.selection !== prev.selection) void load();
  });
  showEmpty();

  return {
    /** Re-draw the action buttons after the graph changed (expanded, pinned…). */
    refresh() {
      if (current?.kind === 'node') {
        const old = body.querySelector('.node-actions');
        if (old) old.replaceWith(actions(current.detail.node));
      }
    },
    reload: load,
  };
}
