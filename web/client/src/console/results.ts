// A query's result: the status line, the table (nodes and relationships as chips that select them) and
// the graph. The graph is laid out once per result, so switching Graph ↔ Table keeps its positions.
import type { GraphEdge, GraphNode, QueryResponse } from '../../../server/api-types.ts';
import { h, clear } from '../dom.ts';
import { GraphView } from '../graph/view.ts';
import type { Store } from '../state.ts';
import { shapeIcon, typeStyle } from '../theme.ts';

export function statusLine(el: HTMLElement, res: QueryResponse): void {
  const hasGraph = res.graph.nodes.length > 0;
  clear(el);
  el.append(
    h('strong', {}, `${res.rows.length.toLocaleString()} row${res.rows.length === 1 ? '' : 's'}`),
    hasGraph ? ` · ${res.graph.nodes.length} nodes, ${res.graph.edges.length} relationships` : '',
    ` · ${res.elapsedMs} ms`,
    res.truncated ? h('span', { class: 'truncated', id: 'truncated-note' }, ` · ${res.notice ?? `stopped at the ${res.rowCap.toLocaleString()}-row cap`}`) : '',
  );
}

function cell(v: unknown, store: Store): Node {
  if (v === null || v === undefined) return h('span', { class: 'null' }, 'null');
  if (typeof v === 'object' && '$node' in v) {
    const n = (v as { $node: GraphNode }).$node;
    return h(
      'button',
      { type: 'button', class: 'node-chip', title: `${typeStyle(n.type).label}: ${n.name}`, onclick: (() => store.set({ selection: { kind: 'node', id: n.id } })) as EventListener },
      shapeIcon(n.type, 11),
      n.name,
    );
  }
  if (typeof v === 'object' && '$rel' in v) {
    const r = (v as { $rel: GraphEdge }).$rel;
    return h('button', { type: 'button', class: 'rel-chip', onclick: (() => store.set({ selection: { kind: 'edge', id: r.id } })) as EventListener }, `:${r.type}`);
  }
  if (typeof v === 'object' && '$path' in v) {
    const p = (v as { $path: { nodes: GraphNode[]; edges: GraphEdge[] } }).$path;
    return h('span', { class: 'path-cell' }, p.nodes.map((n) => n.name).join(' — '), h('span', { class: 'muted' }, ` (${p.edges.length} hops)`));
  }
  if (Array.isArray(v)) {
    const span = h('span', { class: 'list-cell' });
    v.forEach((x, i) => {
      if (i) span.append(', ');
      span.append(cell(x, store));
    });
    return span;
  }
  if (typeof v === 'object') return h('code', {}, JSON.stringify(v));
  return document.createTextNode(String(v));
}

export function drawTable(host: HTMLElement, res: QueryResponse, store: Store): void {
  clear(host);
  host.append(
    h(
      'table',
      { class: 'data-table' },
      h('thead', {}, h('tr', {}, h('th', { class: 'rownum' }, '#'), ...res.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...res.rows.map((row, i) => h('tr', {}, h('td', { class: 'rownum' }, String(i + 1)), ...row.map((v) => h('td', {}, cell(v, store)))))),
    ),
  );
}

/** The result graph, created on first use and laid out only when the result changes. */
export class ResultGraph {
  private view: GraphView | null = null;
  private drawn: QueryResponse | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly store: Store,
  ) {}

  show(res: QueryResponse): void {
    this.view ??= new GraphView({
      container: this.host,
      sizeBy: this.store.get().sizeBy,
      onSelect: (sel) => this.store.set({ selection: sel }),
    });
    this.view.resize();
    if (this.drawn === res) return;
    this.drawn = res;
    void this.view.replace(res.graph, 'fcose');
  }

  resize(): void {
    this.view?.resize();
  }

  get(): GraphView | null {
    return this.view;
  }
}
