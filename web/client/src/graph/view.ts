// A Cytoscape graph of Atlas nodes and edges: adding (new nodes on free ground, existing nodes never move),
// hide / pin / collapse with undo, selection and viewport. Style, placement, history, filters and sizing,
// layouts, path highlighting and export each live in their own file beside this one. Used twice: the
// explore view and query results. Big views switch to big-view drawing (renderer.ts).
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, EventObject, Position } from 'cytoscape';
import type { GraphData, GraphNode } from '../../../server/api-types.ts';
import type { GroupState } from '../expand-groups.ts';
import type { LayoutName, PinnedNode, SizeBy } from '../state.ts';
import { edgeDef, nodeDef } from './elements.ts';
import { countBy, graphJson, type ExportedGraph } from './export.ts';
import { applyFilters, applySize, communityOf, NO_FILTERS, nodeFiltered, nodeSize, sizeValue, type Filters } from './filters.ts';
import { placeNew, SLIDING_TO } from './ground.ts';
import { EditHistory } from './history.ts';
import { Layouts } from './layouts.ts';
import { clearHighlight, hasHighlight, highlightPath } from './path.ts';
import { graphStyle, scaleLabelsWithZoom } from './style.ts';
import { fitVisible, reveal, selectOne } from './viewport.ts';
import { LARGE_VIEW, probeGl, rendererOptions, useWebgl } from './renderer.ts';
import { Scene } from './scene.ts';
import { inChunks, nextFrame } from './chunks.ts';

export { LARGE_VIEW };

/** Elements added per frame to a big view (addInChunks). */
const NODE_CHUNK = 200;
const EDGE_CHUNK = 200;
/** How near (screen pixels) a click must come to a big view's relation to pick it, as Cytoscape's own. */
const EDGE_PICK_PX = 6;

export interface GraphViewOptions {
  container: HTMLElement;
  sizeBy?: SizeBy;
  onSelect?(sel: { kind: 'node' | 'edge'; id: string } | null): void;
  /** Double-click (double-tap) on a node. */
  onExpand?(id: string): void;
  /** Nodes or edges were added or removed, or a node was pinned. */
  onChange?(): void;
  /** The set of selected elements changed (e.g. shift+click). */
  onSelectionChange?(): void;
}

export interface ExpandMeta {
  loaded: number;
  total: number;
  /** The neighbours by relation and type, with how many of each are loaded. */
  groups?: GroupState[];
}

export class GraphView {
  private core!: Core;
  private webgl = false;
  private large = false;
  /** The layer that draws a big canvas view; it also finds its relations under the pointer (style.ts). */
  private scene: Scene | null = null;
  /** Sizes the labels for a zoom level (style.ts). */
  private labelsAt: (zoom: number) => void = () => {};
  private sizeBy: SizeBy;
  private history = new EditHistory();
  private layouts = new Layouts();
  private filters: Filters = NO_FILTERS;
  private hiddenNodes = new Set<string>();
  /** Counts big views put in chunk by chunk (addInChunks), so an older one stops when a newer starts. */
  private chunkRun = 0;

  constructor(private readonly opts: GraphViewOptions) {
    this.sizeBy = opts.sizeBy ?? 'mentions';
    // Known before the first big view, which picks its renderer by it.
    probeGl();
    this.build(false);
  }

  get cy(): Core {
    return this.core;
  }

  /** Whether the view draws with WebGL now. */
  usesWebgl(): boolean {
    return this.webgl;
  }

  /** Whether the view draws as a big view now (from LARGE_VIEW nodes on, renderer.ts). */
  isLarge(): boolean {
    return this.large;
  }

  private build(large: boolean): void {
    const old = this.core;
    const keep = old ? { elements: old.elements().jsons(), zoom: old.zoom(), pan: old.pan() } : null;
    old?.destroy();
    this.large = large;
    this.webgl = large && useWebgl();
    const scene = large && !this.webgl;
    const cy = cytoscape({
      container: this.opts.container,
      style: graphStyle({ large, scene }),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: true,
      selectionType: 'single',
      ...rendererOptions({ large, webgl: this.webgl }),
    } as cytoscape.CytoscapeOptions);
    this.core = cy;
    this.scene = scene ? new Scene(cy) : null;
    if (keep) {
      cy.add(keep.elements as ElementDefinition[]);
      cy.viewport({ zoom: keep.zoom, pan: keep.pan });
    }
    cy.on('tap', (e: EventObject) => {
      if (e.target !== cy) return;
      // A big view's relations are not in Cytoscape's hit tests (style.ts): the scene layer finds them.
      const edge = this.scene?.edgeAt(e.position, EDGE_PICK_PX / cy.zoom());
      if (edge) {
        // After Cytoscape's own unselect-all that follows a tap on the background.
        setTimeout(() => {
          cy.elements().not(edge).unselect();
          edge.select();
        }, 0);
        this.opts.onSelect?.({ kind: 'edge', id: edge.id() });
        return;
      }
      this.opts.onSelect?.(null);
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
    cy.on('select unselect', () => this.opts.onSelectionChange?.());
    this.labelsAt = scaleLabelsWithZoom(cy, () => this.large);
  }

  /** Switch to big-view drawing before the view grows past LARGE_VIEW nodes. */
  private prepareFor(count: number): void {
    if (!this.large && count >= LARGE_VIEW) this.build(true);
  }

  // ---------------------------------------------------------------------------------------------- content

  has(id: string): boolean {
    return this.core.getElementById(id).nonempty();
  }

  isEmpty(): boolean {
    return this.core.nodes().empty();
  }

  nodeData(id: string): GraphNode | null {
    const n = this.core.getElementById(id);
    return n.nonempty() && n.isNode() ? (n.data('raw') as GraphNode) : null;
  }

  nodeIds(): string[] {
    return this.core.nodes().map((n) => n.id());
  }

  private sizeOf = (n: GraphNode) => nodeSize(sizeValue(n, this.sizeBy));

  /** Replace everything and lay the whole graph out (in the layout worker). */
  async replace(data: GraphData, layout: LayoutName = 'fcose', o: { pinned?: PinnedNode[] } = {}): Promise<void> {
    this.chunkRun++; // a big view still going in stops
    this.core.elements().remove();
    this.history.reset();
    this.hiddenNodes.clear();
    this.prepareFor(data.nodes.length);
    // Start on a grid so that the first frame is not one pile while the layout runs.
    const cols = Math.ceil(Math.sqrt(data.nodes.length));
    const pins = new Map((o.pinned ?? []).map((p) => [p.id, p]));
    const start = new Map(data.nodes.map((n, i) => [n.id, pins.get(n.id) ?? { x: (i % cols) * 90, y: Math.floor(i / cols) * 90 }]));
    if (this.large) {
      // A newer replace took over.
      if (!(await this.addInChunks(data, start))) return;
    } else this.add(data, { positions: start, record: false });
    this.core.batch(() => {
      for (const p of pins.values()) this.core.getElementById(p.id).lock().addClass('pinned');
    });
    this.fit();
    await this.runLayout(layout, { randomize: !pins.size, animate: false });
    this.opts.onChange?.();
  }

  /** A big view goes in a few hundred elements a frame, nodes first (chunks.ts); fitted once its nodes
   *  are in. False if a newer view took over meanwhile. */
  private async addInChunks(data: GraphData, positions: Map<string, Position>): Promise<boolean> {
    const run = ++this.chunkRun;
    const alive = () => run === this.chunkRun && !this.core.destroyed();
    if (!(await inChunks(data.nodes, NODE_CHUNK, (nodes) => this.add({ nodes, edges: [] }, { positions, record: false }), alive))) return false;
    this.fit();
    if (data.edges.length) await nextFrame();
    return inChunks(data.edges, EDGE_CHUNK, (edges) => this.add({ nodes: [], edges }, { record: false }), alive);
  }

  /**
   * Add nodes and edges. Existing nodes keep their position. New nodes go on free ground around `around`
   * (an expanded node), or next to a node they link to, or beside the graph; nodes keep the order of
   * `data.nodes`, so a caller that sorts by group gets groups side by side. Returns the new node ids.
   */
  add(
    data: GraphData,
    opts: { around?: string; expandedFrom?: string; animate?: boolean; positions?: Map<string, Position>; record?: boolean } = {},
  ): string[] {
    const fresh = data.nodes.filter((n) => !this.has(n.id));
    this.prepareFor(this.core.nodes().length + fresh.length);
    const cy = this.core;
    const freshIds = new Set(fresh.map((n) => n.id));
    const wasEmpty = this.isEmpty();
    for (const n of fresh) this.hiddenNodes.delete(n.id);
    const center = opts.around ? cy.getElementById(opts.around) : null;
    const positions = opts.positions ?? placeNew(cy, fresh, data, this.sizeOf, opts.around);
    const slide = !!opts.animate && !!center?.nonempty() && fresh.length <= 60;

    cy.batch(() => {
      for (const n of fresh) {
        const start = slide ? center!.position() : positions.get(n.id);
        const extra = opts.expandedFrom ? { expandedFrom: opts.expandedFrom } : {};
        cy.add(nodeDef(n, { size: this.sizeOf(n), position: start, hidden: nodeFiltered(n, this.filters), extra }));
      }
      // Refresh data of nodes we already had (e.g. degree now known).
      for (const n of data.nodes) {
        if (freshIds.has(n.id)) continue;
        const el = cy.getElementById(n.id);
        const old = el.data('raw') as GraphNode;
        el.data('raw', { ...old, ...n, degree: n.degree ?? old.degree, mentions: n.mentions ?? old.mentions });
      }
      for (const e of data.edges) {
        if (this.has(e.id) || !this.has(e.source) || !this.has(e.target)) continue;
        cy.add(edgeDef(e, this.filters.rels.has(e.type)));
      }
    });
    if (slide) {
      for (const n of fresh) {
        const p = positions.get(n.id);
        if (!p) continue;
        // While it slides, the node's ground is where it is going (ground.ts reads this).
        const el = cy.getElementById(n.id).scratch(SLIDING_TO, p);
        el.animate({ position: p }, { duration: 280, easing: 'ease-out-cubic', complete: () => el.removeScratch(SLIDING_TO) });
      }
    }
    if (fresh.length) {
      const ids = fresh.map((n) => n.id);
      if (!wasEmpty && opts.record !== false) {
        this.history.push(() => {
          const gone = new Set(ids);
          this.core.remove(this.core.nodes().filter((n) => gone.has(n.id())));
          this.opts.onChange?.();
        });
      }
      this.opts.onChange?.();
    }
    return fresh.map((n) => n.id);
  }

  setExpandMeta(id: string, meta: ExpandMeta): void {
    const n = this.core.getElementById(id);
    if (n.empty()) return;
    n.data('expand', meta);
    n.addClass('expanded');
  }

  expandMeta(id: string): ExpandMeta | null {
    const n = this.core.getElementById(id);
    return n.nonempty() ? ((n.data('expand') as ExpandMeta | undefined) ?? null) : null;
  }

  // ---------------------------------------------------------------------------------------- node actions

  /** Take elements out, with an undo step that puts them back as they were (by value, so it survives a
   *  switch of renderer). */
  private removeWithUndo(els: cytoscape.CollectionReturnValue, after?: () => void): void {
    const defs = els.jsons() as ElementDefinition[];
    this.core.remove(els);
    this.history.push(() => {
      this.core.add(defs.filter((d) => !this.has(String(d.data.id))));
      after?.();
      this.opts.onChange?.();
    });
  }

  hide(id: string): void {
    const n = this.core.getElementById(id);
    if (n.empty()) return;
    this.hiddenNodes.add(id);
    this.removeWithUndo(n.union(n.connectedEdges()), () => this.hiddenNodes.delete(id));
    this.opts.onChange?.();
  }

  hiddenNodeIds(): string[] {
    return [...this.hiddenNodes];
  }

  /** Remember nodes as hidden by the user (a reopened link), so the next link keeps them hidden. */
  markHidden(ids: string[]): void {
    for (const id of ids) if (!this.has(id)) this.hiddenNodes.add(id);
  }

  togglePin(id: string): boolean {
    const n = this.core.getElementById(id);
    if (n.empty()) return false;
    if (n.locked()) n.unlock().removeClass('pinned');
    else n.lock().addClass('pinned');
    this.opts.onChange?.();
    return n.locked();
  }

  isPinned(id: string): boolean {
    const n = this.core.getElementById(id);
    return n.nonempty() && n.locked();
  }

  pinnedNodes(): PinnedNode[] {
    return this.core.nodes(':locked').map((n) => ({ id: n.id(), x: Math.round(n.position('x')), y: Math.round(n.position('y')) }));
  }

  /** Take back what expanding this node brought in — and what expanding those brought in — except pinned
   *  or selected nodes. Undo restores it. */
  collapse(id: string): number {
    const cy = this.core;
    const n = cy.getElementById(id);
    if (n.empty()) return 0;
    const gone = new Set<string>();
    let frontier = new Set([id]);
    while (frontier.size) {
      const next = new Set<string>();
      cy.nodes().forEach((m) => {
        if (gone.has(m.id()) || m.id() === id || m.locked() || m.selected()) return;
        if (frontier.has(m.data('expandedFrom'))) {
          gone.add(m.id());
          next.add(m.id());
        }
      });
      frontier = next;
    }
    const leaves = cy.nodes().filter((m) => gone.has(m.id()));
    const meta = n.data('expand') as ExpandMeta | undefined;
    this.removeWithUndo(leaves.union(leaves.connectedEdges()), () => meta && this.setExpandMeta(id, meta));
    n.removeData('expand');
    n.removeClass('expanded');
    this.opts.onChange?.();
    return leaves.length;
  }

  undo(): boolean {
    return this.history.undo();
  }

  canUndo(): boolean {
    return this.history.canUndo();
  }

  clear(): void {
    this.removeWithUndo(this.core.elements());
    this.opts.onChange?.();
  }

  // -------------------------------------------------------------------------------- selection & viewport

  select(id: string | null, opts: { center?: boolean } = {}): void {
    selectOne(this.core, id, opts);
  }

  selectedNodeIds(): string[] {
    return this.core.nodes(':selected').map((n) => n.id());
  }

  /** Fit the visible graph, never zooming in past 1.4× (a handful of nodes would look enormous). */
  fit(animate = false): void {
    // Big views: at once (each frame of an animated fit redraws thousands of elements), nodes only.
    if (this.large) fitVisible(this.core, false);
    else fitVisible(this.core, animate, this.labelsAt);
  }

  /** Pan (and zoom out if needed) so these nodes are on screen; never moves a node. */
  reveal(ids: string[]): void {
    reveal(this.core, ids, this.large ? undefined : this.labelsAt);
  }

  resize(): void {
    this.core.resize();
  }

  // ------------------------------------------------------------------------------- filters, size, layout

  /** Change some of the filters (types, relations, communities, the timeline's range); the rest stay. */
  setFilters(f: Partial<Filters>): void {
    this.filters = { ...this.filters, ...f };
    applyFilters(this.core, this.filters);
  }

  setSizeBy(by: SizeBy): void {
    this.sizeBy = by;
    applySize(this.core, by);
  }

  /** Lay the view out off the main thread; pinned nodes stay. Fits the view when done. */
  async runLayout(name: LayoutName, o: { randomize?: boolean; animate?: boolean } = {}): Promise<void> {
    const done = await this.layouts.run(this.core, name, o);
    if (done) this.fit(o.animate ?? true);
    // Finished layouts, counted on the container: tests and the benchmark wait on it.
    const el = this.opts.container;
    el.dataset['layouts'] = String(Number(el.dataset['layouts'] ?? 0) + 1);
  }

  // ------------------------------------------------------------------------------------ path & export

  highlightPath(nodeIds: string[], edgeIds: string[]): void {
    highlightPath(this.core, nodeIds, edgeIds);
  }

  clearHighlight(): void {
    clearHighlight(this.core);
  }

  hasHighlight(): boolean {
    return hasHighlight(this.core);
  }

  counts(): Record<string, number> {
    return countBy(this.core, 'nodes');
  }

  /** Nodes in view per community. */
  communityCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    this.core.nodes().forEach((n) => {
      const c = communityOf(n.data('raw') as GraphNode);
      if (c) out[c] = (out[c] ?? 0) + 1;
    });
    return out;
  }

  relCounts(): Record<string, number> {
    return countBy(this.core, 'edges');
  }

  toJSON(): ExportedGraph {
    return graphJson(this.core);
  }

  destroy(): void {
    this.layouts.destroy();
    this.core.destroy();
  }
}
