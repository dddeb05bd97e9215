// A Cytoscape graph of Atlas nodes and edges: styling by type, sizing by mentions or degree, expansion that
// places only the new nodes around the expanded one (existing nodes never move), hide / pin / collapse with
// undo, filters, layouts, path highlighting, and export. Used twice: the explore view and query results.
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, NodeSingular, EventObject, Position, StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GraphData, GraphEdge, GraphNode } from '../../server/api-types.ts';
import { typeStyle } from './theme.ts';
import type { LayoutName, SizeBy } from './state.ts';

cytoscape.use(fcose);

export interface GraphViewOptions {
  container: HTMLElement;
  sizeBy?: SizeBy;
  onSelect?(sel: { kind: 'node' | 'edge'; id: string } | null): void;
  /** Double-click (double-tap) on a node. */
  onExpand?(id: string): void;
  /** Nodes or edges were added or removed. */
  onChange?(): void;
}

export interface ExpandMeta {
  loaded: number;
  total: number;
}

const LABEL_MAX = 28;
const shortLabel = (s: string) => (s.length > LABEL_MAX ? s.slice(0, LABEL_MAX - 1) + '…' : s);

function nodeSize(value: number | undefined): number {
  return Math.round(Math.min(70, 22 + 8 * Math.log2(1 + Math.max(0, value ?? 0))));
}

function style(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)' as never,
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-family': 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': 12,
        'font-weight': 500,
        color: '#1e293b',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-outline-color': '#ffffff',
        'text-outline-width': 2.5,
        'text-outline-opacity': 0.95,
        'text-max-width': '140px',
        'text-wrap': 'ellipsis',
        'min-zoomed-font-size': 5,
        'border-width': 2,
        'border-color': '#ffffff',
        'border-opacity': 0.9,
        'transition-property': 'opacity, border-width, border-color',
        'transition-duration': 150,
      },
    },
    { selector: 'node[type="Document"]', style: { width: 'data(size)', height: (n: NodeSingular) => Math.round(n.data('size') * 1.25) } },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': '#0f172a', 'border-opacity': 1, 'font-weight': 700, 'z-index': 10 },
    },
    {
      selector: 'node.pinned',
      style: { 'border-style': 'double', 'border-width': 5, 'border-color': '#334155' },
    },
    { selector: 'node.expanded', style: { 'background-blacken': -0.05 } },
    {
      selector: 'edge',
      style: {
        width: (e: cytoscape.EdgeSingular) => 1.2 + Math.min(3, Math.log2(1 + (e.data('support') ?? 1))),
        'line-color': '#cbd5e1',
        'target-arrow-color': '#cbd5e1',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 8.5,
        color: '#64748b',
        'font-family': 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'edge:selected',
      style: { 'line-color': '#0f172a', 'target-arrow-color': '#0f172a', color: '#0f172a', width: 3, 'z-index': 10 },
    },
    { selector: '.faded', style: { opacity: 0.18 } },
    {
      selector: 'node.on-path',
      style: { 'border-color': '#f59e0b', 'border-width': 5, 'border-opacity': 1 },
    },
    {
      selector: 'edge.on-path',
      style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 4, color: '#92400e', 'z-index': 9 },
    },
    { selector: '.filtered', style: { display: 'none' } },
  ] as StylesheetJson;
}

export class GraphView {
  readonly cy: Core;
  private sizeBy: SizeBy;
  private undoStack: (() => void)[] = [];
  private hiddenTypes = new Set<string>();
  private hiddenRels = new Set<string>();

  constructor(private readonly opts: GraphViewOptions) {
    this.sizeBy = opts.sizeBy ?? 'mentions';
    this.cy = cytoscape({
      container: opts.container,
      style: style(),
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: true,
      selectionType: 'single',
      pixelRatio: 'auto',
    });
    const cy = this.cy;
    cy.on('tap', (e: EventObject) => {
      if (e.target === cy) this.opts.onSelect?.(null);
    });
    cy.on('tap', 'node', (e: EventObject) => {
      const oe = e.originalEvent as MouseEvent | undefined;
      // Shift/Ctrl/Cmd-click adds to the selection (two selected nodes enable "shortest path").
      if (oe && (oe.shiftKey || oe.ctrlKey || oe.metaKey)) {
        setTimeout(() => e.target.select(), 0);
        return;
      }
      cy.elements().not(e.target).unselect();
      this.opts.onSelect?.({ kind: 'node', id: e.target.id() });
    });
    cy.on('tap', 'edge', (e: EventObject) => {
      cy.elements().not(e.target).unselect();
      this.opts.onSelect?.({ kind: 'edge', id: e.target.id() });
    });
    cy.on('dbltap', 'node', (e: EventObject) => this.opts.onExpand?.(e.target.id()));
    // Labels keep a readable size on screen when zoomed out (up to a point, so they do not swamp the graph).
    let pending = 0;
    cy.on('zoom', () => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        this.scaleLabels();
      });
    });
  }

  private labelZoom = 1;

  private scaleLabels(): void {
    const z = this.cy.zoom();
    if (Math.abs(z - this.labelZoom) < 0.03) return;
    this.labelZoom = z;
    const node = Math.min(22, Math.max(12, 10.5 / z));
    const edge = Math.min(14, Math.max(8.5, 8 / z));
    this.cy
      .style()
      .selector('node')
      .style({ 'font-size': node, 'text-max-width': `${Math.round(node * 11.5)}px`, 'text-outline-width': node / 5 })
      .selector('edge')
      .style({ 'font-size': edge })
      .update();
  }

  // ---------------------------------------------------------------------------------------------- content

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  isEmpty(): boolean {
    return this.cy.nodes().empty();
  }

  nodeData(id: string): GraphNode | null {
    const n = this.cy.getElementById(id);
    return n.nonempty() && n.isNode() ? (n.data('raw') as GraphNode) : null;
  }

  nodeIds(): string[] {
    return this.cy.nodes().map((n) => n.id());
  }

  private nodeDef(n: GraphNode, position?: Position, extra: Record<string, unknown> = {}): ElementDefinition {
    const st = typeStyle(n.type);
    return {
      group: 'nodes',
      data: {
        id: n.id,
        label: shortLabel(n.name),
        name: n.name,
        type: n.type,
        color: st.color,
        shape: st.shape,
        size: nodeSize(this.sizeBy === 'degree' ? n.degree : (n.mentions ?? n.degree)),
        raw: n,
        ...extra,
      },
      position: position ? { ...position } : undefined,
      classes: this.hiddenTypes.has(n.type) ? 'filtered' : '',
    };
  }

  private edgeDef(e: GraphEdge): ElementDefinition {
    return {
      group: 'edges',
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        type: e.type,
        label: e.type.toLowerCase().replace(/_/g, ' '),
        support: e.support ?? 1,
        raw: e,
      },
      classes: this.hiddenRels.has(e.type) ? 'filtered' : '',
    };
  }

  /** Replace everything and lay the whole graph out. */
  replace(data: GraphData, layout: LayoutName = 'fcose'): void {
    this.cy.elements().remove();
    this.undoStack = [];
    this.add(data);
    this.runLayout(layout, { randomize: true, animate: false });
    this.opts.onChange?.();
  }

  /**
   * Add nodes and edges. Existing nodes keep their position. New nodes are placed in rings around
   * `around` (an expanded node) or, without it, next to a node they connect to, or beside the graph.
   * Returns the ids of the nodes that were new.
   */
  add(data: GraphData, opts: { around?: string; expandedFrom?: string; animate?: boolean } = {}): string[] {
    const cy = this.cy;
    const fresh = data.nodes.filter((n) => !this.has(n.id));
    const freshIds = new Set(fresh.map((n) => n.id));
    const wasEmpty = this.isEmpty();
    const center = opts.around ? cy.getElementById(opts.around) : null;
    const positions = new Map<string, Position>();

    if (!wasEmpty) {
      if (center && center.nonempty()) {
        this.ringPositions(center.position(), fresh.length).forEach((p, i) => positions.set(fresh[i].id, p));
      } else {
        const bb = cy.nodes().boundingBox({});
        let spare = 0;
        for (const n of fresh) {
          // Next to an existing neighbour if the new node has one, else in a column right of the graph.
          const link = data.edges.find(
            (e) => (e.source === n.id && this.has(e.target)) || (e.target === n.id && this.has(e.source)),
          );
          if (link) {
            const other = cy.getElementById(link.source === n.id ? link.target : link.source).position();
            const a = Math.random() * Math.PI * 2;
            positions.set(n.id, this.freeSpot({ x: other.x + Math.cos(a) * 110, y: other.y + Math.sin(a) * 110 }));
          } else {
            positions.set(n.id, this.freeSpot({ x: bb.x2 + 120, y: bb.y1 + 40 + spare++ * 90 }));
          }
        }
      }
    }

    cy.batch(() => {
      for (const n of fresh) {
        const start = opts.animate && center?.nonempty() ? center.position() : positions.get(n.id);
        cy.add(this.nodeDef(n, start, opts.expandedFrom ? { expandedFrom: opts.expandedFrom } : {}));
      }
      // Refresh data of nodes we already had (e.g. degree now known).
      for (const n of data.nodes) {
        if (!freshIds.has(n.id)) {
          const el = cy.getElementById(n.id);
          const old = el.data('raw') as GraphNode;
          el.data('raw', { ...old, ...n, degree: n.degree ?? old.degree, mentions: n.mentions ?? old.mentions });
        }
      }
      for (const e of data.edges) {
        if (this.has(e.id) || !this.has(e.source) || !this.has(e.target)) continue;
        cy.add(this.edgeDef(e));
      }
    });
    if (fresh.length) this.applySize();

    if (opts.animate && center?.nonempty()) {
      for (const n of fresh) {
        const p = positions.get(n.id);
        if (p) cy.getElementById(n.id).animate({ position: p }, { duration: 280, easing: 'ease-out-cubic' });
      }
    }
    if (fresh.length) {
      const added = fresh.reduce((acc, n) => acc.union(cy.getElementById(n.id)), cy.collection());
      const undo = () => {
        cy.remove(added);
        this.opts.onChange?.();
      };
      if (!wasEmpty) this.undoStack.push(undo);
      this.opts.onChange?.();
    }
    return fresh.map((n) => n.id);
  }

  /** Positions for `count` nodes in rings around `c`, each ring a little wider, avoiding occupied spots. */
  private ringPositions(c: Position, count: number): Position[] {
    const out: Position[] = [];
    let ring = 0;
    let placed = 0;
    // Start the first ring on the side away from the graph's centre of mass, so new nodes open outwards.
    const bb = this.cy.nodes().boundingBox({});
    const away = Math.atan2(c.y - (bb.y1 + bb.y2) / 2, c.x - (bb.x1 + bb.x2) / 2);
    while (placed < count) {
      const radius = 130 + ring * 95;
      const capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / 78));
      const n = Math.min(capacity, count - placed);
      const spread = n < capacity / 2 ? Math.PI * 1.1 : Math.PI * 2;
      for (let i = 0; i < n; i++) {
        const t = n === 1 ? 0 : spread === Math.PI * 2 ? (i / n) * spread : (i / (n - 1) - 0.5) * spread;
        const a = away + t + ring * 0.35;
        out.push(this.freeSpot({ x: c.x + Math.cos(a) * radius, y: c.y + Math.sin(a) * radius }, out));
      }
      placed += n;
      ring++;
    }
    return out;
  }

  /** Nudge a position outwards until no node (placed or pending) sits within 48 px of it. */
  private freeSpot(p: Position, pending: Position[] = []): Position {
    const taken = [...this.cy.nodes().map((n) => n.position()), ...pending];
    let q = { ...p };
    for (let tries = 0; tries < 12; tries++) {
      const clash = taken.find((t) => Math.hypot(t.x - q.x, t.y - q.y) < 48);
      if (!clash) return q;
      const a = Math.atan2(q.y - clash.y, q.x - clash.x) || 0.7;
      q = { x: q.x + Math.cos(a) * 40 + 6, y: q.y + Math.sin(a) * 40 + 6 };
    }
    return q;
  }

  setExpandMeta(id: string, meta: ExpandMeta): void {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    n.data('expand', meta);
    n.addClass('expanded');
  }

  expandMeta(id: string): ExpandMeta | null {
    const n = this.cy.getElementById(id);
    return n.nonempty() ? ((n.data('expand') as ExpandMeta | undefined) ?? null) : null;
  }

  // ---------------------------------------------------------------------------------------- node actions

  hide(id: string): void {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    const removed = this.cy.remove(n.union(n.connectedEdges()));
    this.undoStack.push(() => {
      removed.restore();
      this.opts.onChange?.();
    });
    this.opts.onChange?.();
  }

  togglePin(id: string): boolean {
    const n = this.cy.getElementById(id);
    if (n.empty()) return false;
    if (n.locked()) {
      n.unlock();
      n.removeClass('pinned');
    } else {
      n.lock();
      n.addClass('pinned');
    }
    return n.locked();
  }

  isPinned(id: string): boolean {
    const n = this.cy.getElementById(id);
    return n.nonempty() && n.locked();
  }

  /** Take back what expanding this node brought in — and what expanding those brought in — except pinned
   *  or selected nodes. Undo restores it. */
  collapse(id: string): number {
    const cy = this.cy;
    const n = cy.getElementById(id);
    if (n.empty()) return 0;
    const gone = new Set<string>();
    let frontier = [id];
    while (frontier.length) {
      const next: string[] = [];
      cy.nodes().forEach((m) => {
        if (gone.has(m.id()) || m.id() === id || m.locked() || m.selected()) return;
        if (frontier.includes(m.data('expandedFrom'))) {
          gone.add(m.id());
          next.push(m.id());
        }
      });
      frontier = next;
    }
    const leaves = cy.nodes().filter((m) => gone.has(m.id()));
    const removed = cy.remove(leaves.union(leaves.connectedEdges()));
    const meta = n.data('expand');
    n.removeData('expand');
    n.removeClass('expanded');
    this.undoStack.push(() => {
      removed.restore();
      if (meta) this.setExpandMeta(id, meta);
      this.opts.onChange?.();
    });
    this.opts.onChange?.();
    return leaves.length;
  }

  undo(): boolean {
    const u = this.undoStack.pop();
    if (!u) return false;
    u();
    return true;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  clear(): void {
    const removed = this.cy.elements().remove();
    this.undoStack.push(() => {
      removed.restore();
      this.opts.onChange?.();
    });
    this.opts.onChange?.();
  }

  // -------------------------------------------------------------------------------- selection & viewport

  select(id: string | null, opts: { center?: boolean } = {}): void {
    const cy = this.cy;
    cy.elements().unselect();
    if (!id) return;
    const el = cy.getElementById(id);
    if (el.empty()) return;
    el.select();
    if (opts.center && el.isNode()) {
      const p = el.position();
      const ext = cy.extent();
      const inside = p.x > ext.x1 + 40 && p.x < ext.x2 - 40 && p.y > ext.y1 + 40 && p.y < ext.y2 - 40;
      if (!inside) cy.animate({ center: { eles: el } }, { duration: 250 });
    }
  }

  selectedNodeIds(): string[] {
    return this.cy.nodes(':selected').map((n) => n.id());
  }

  /** Fit the visible graph, never zooming in past 1.4× (a handful of nodes would look enormous). */
  fit(animate = false): void {
    const cy = this.cy;
    const visible = cy.elements().not('.filtered');
    if (visible.empty()) return;
    const bb = visible.boundingBox({});
    const pad = 40;
    const w = Math.max(1, cy.width() - 2 * pad);
    const hgt = Math.max(1, cy.height() - 2 * pad);
    const zoom = Math.max(cy.minZoom(), Math.min(1.4, w / Math.max(bb.w, 1), hgt / Math.max(bb.h, 1)));
    const pan = { x: cy.width() / 2 - zoom * (bb.x1 + bb.w / 2), y: cy.height() / 2 - zoom * (bb.y1 + bb.h / 2) };
    if (animate) cy.animate({ zoom, pan }, { duration: 300 });
    else cy.viewport({ zoom, pan });
  }

  /** Pan (and zoom out if needed) so these nodes are on screen; never moves a node. */
  reveal(ids: string[]): void {
    const cy = this.cy;
    const eles = ids.reduce((acc, id) => acc.union(cy.getElementById(id)), cy.collection());
    if (eles.empty()) return;
    const bb = eles.boundingBox({});
    const ext = cy.extent();
    if (bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2) return;
    const pad = 50;
    const zoom = Math.max(
      cy.minZoom(),
      Math.min(cy.zoom(), (cy.width() - 2 * pad) / Math.max(bb.w, 1), (cy.height() - 2 * pad) / Math.max(bb.h, 1)),
    );
    const pan = { x: cy.width() / 2 - zoom * (bb.x1 + bb.w / 2), y: cy.height() / 2 - zoom * (bb.y1 + bb.h / 2) };
    cy.animate({ zoom, pan }, { duration: 300 });
  }

  resize(): void {
    this.cy.resize();
  }

  // ------------------------------------------------------------------------------- filters, size, layout

  setFilters(hiddenTypes: string[], hiddenRels: string[]): void {
    this.hiddenTypes = new Set(hiddenTypes);
    this.hiddenRels = new Set(hiddenRels);
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.toggleClass('filtered', this.hiddenTypes.has(n.data('type')));
      });
      this.cy.edges().forEach((e) => {
        e.toggleClass('filtered', this.hiddenRels.has(e.data('type')));
      });
    });
  }

  setSizeBy(by: SizeBy): void {
    this.sizeBy = by;
    this.applySize();
  }

  private applySize(): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const raw = n.data('raw') as GraphNode;
        const value = this.sizeBy === 'degree' ? (raw.degree ?? n.degree(false)) : (raw.mentions ?? raw.degree ?? 0);
        n.data('size', nodeSize(value));
      });
    });
  }

  runLayout(name: LayoutName, o: { randomize?: boolean; animate?: boolean } = {}): void {
    const cy = this.cy;
    const eles = cy.elements().not('.filtered');
    if (eles.empty()) return;
    const animate = o.animate ?? true;
    const common = { animate, animationDuration: 400, fit: false, padding: 40 } as const;
    let layout: cytoscape.Layouts;
    if (name === 'concentric') {
      layout = eles.layout({
        name: 'concentric',
        ...common,
        concentric: (n: NodeSingular) => n.degree(false),
        levelWidth: () => 2,
        minNodeSpacing: 30,
        avoidOverlap: true,
      } as cytoscape.LayoutOptions);
    } else if (name === 'breadthfirst') {
      const sel = cy.nodes(':selected').not('.filtered');
      const roots = sel.nonempty() ? sel : (eles.nodes().max((n) => n.degree(false)).ele as cytoscape.NodeSingular);
      layout = eles.layout({
        name: 'breadthfirst',
        ...common,
        roots,
        directed: false,
        spacingFactor: 1.1,
        avoidOverlap: true,
      } as cytoscape.LayoutOptions);
    } else {
      const fixed = eles
        .nodes()
        .filter((n) => n.locked())
        .map((n: NodeSingular) => ({ nodeId: n.id(), position: { ...n.position() } }));
      layout = eles.layout({
        name: 'fcose',
        ...common,
        quality: 'default',
        randomize: o.randomize ?? true,
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: () => 7500,
        idealEdgeLength: () => 85,
        edgeElasticity: () => 0.45,
        nodeSeparation: 70,
        gravity: 0.4,
        gravityRange: 3.0,
        numIter: 2500,
        tile: true,
        tilingPaddingVertical: 30,
        tilingPaddingHorizontal: 30,
        fixedNodeConstraint: fixed.length ? fixed : undefined,
      } as cytoscape.LayoutOptions);
    }
    layout.one('layoutstop', () => this.fit(animate));
    layout.run();
  }

  // ------------------------------------------------------------------------------------------ highlight

  highlightPath(nodeIds: string[], edgeIds: string[]): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('on-path').addClass('faded');
      const path = [...nodeIds, ...edgeIds].reduce((acc, id) => acc.union(cy.getElementById(id)), cy.collection());
      path.removeClass('faded').addClass('on-path');
    });
  }

  clearHighlight(): void {
    this.cy.elements().removeClass('faded on-path');
  }

  hasHighlight(): boolean {
    return this.cy.$('.on-path').nonempty();
  }

  // ---------------------------------------------------------------------------------------------- export

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    this.cy.nodes().forEach((n) => {
      const t = n.data('type') as string;
      out[t] = (out[t] ?? 0) + 1;
    });
    return out;
  }

  relCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    this.cy.edges().forEach((e) => {
      const t = e.data('type') as string;
      out[t] = (out[t] ?? 0) + 1;
    });
    return out;
  }

  png(): Promise<Blob> {
    return this.cy.png({ output: 'blob-promise', bg: '#ffffff', full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 });
  }

  toJSON(): { nodes: (GraphNode & { position: Position; pinned: boolean })[]; edges: GraphEdge[] } {
    return {
      nodes: this.cy.nodes().map((n) => ({
        ...(n.data('raw') as GraphNode),
        position: { ...n.position() },
        pinned: n.locked(),
      })),
      edges: this.cy.edges().map((e) => e.data('raw') as GraphEdge),
    };
  }

  destroy(): void {
    this.cy.destroy();
  }
}
