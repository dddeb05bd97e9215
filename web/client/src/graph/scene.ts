// Big views drawn in batches on a canvas of their own, under Cytoscape's. Profiled in headless Chromium
// without a GPU (bench/browser.ts --profile), Cytoscape's canvas renderer spends 300–500 ms on one full
// redraw of 2,000 nodes and 10,000 edges (a stroke and a dozen style reads per edge, a texture per node);
// the same scene as one path per colour takes about 25 ms. So in a big view Cytoscape keeps every node for
// hit tests, selection, drag, filters and events, but is handed only what stands out (selected, pinned, on
// a path) to draw (drawOnlyStandOut; the rest has opacity 0, style.ts); relations are out of its hit
// tests, and this layer finds the one under a click (edgeAt). The layer draws edges as one path per style,
// nodes as one path per colour and shape, and the labels of the nodes on screen once they are readable;
// while the view moves it transforms its last drawing, and while nodes are dragged it redraws only them
// over a bitmap of the rest.
import type { Core, EdgeSingular, NodeSingular, SingularElementArgument } from 'cytoscape';
import { wrapLabel } from './label-box.ts';
import { FONT, NODE_LABEL_MIN_PX } from './style.ts';

/** Model-space label style of big views (style.ts: not scaled with the zoom). */
const LABEL = { font: 12, maxWidth: 150, marginY: 4, outline: 2.5 };
const FADED_ALPHA = 0.18;
const EDGE_COLOR = '#cbd5e1';
const COOCCURS_COLOR = '#d5dbe3';
/** How long the viewport must rest before the scene is drawn in full again. */
const MOTION_REST_MS = 120;

interface SceneNode {
  el: NodeSingular;
  color: string;
  shape: string;
  w: number;
  h: number;
  /** Filtered out (display: none), read once per frame: edges to it are not drawn either. */
  hidden: boolean;
}

interface SceneEdge {
  el: EdgeSingular;
  s: SceneNode;
  t: SceneNode;
  /** Style group: width and dash. */
  key: string;
  width: number;
  dashed: boolean;
}

type Extent = { x1: number; y1: number; x2: number; y2: number };
/** Zoom and pan: where a drawing was made. */
type Viewport = { zoom: number; x: number; y: number };

type Path = (g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) => void;

/** Cytoscape's shapes, close enough at the sizes this layer draws them (Cytoscape draws any node that
 *  stands out, at full detail). */
function polygon(points: number[]): Path {
  return (g, x, y, w, h) => {
    g.moveTo(x + (points[0] * w) / 2, y + (points[1] * h) / 2);
    for (let i = 2; i < points.length; i += 2) g.lineTo(x + (points[i] * w) / 2, y + (points[i + 1] * h) / 2);
    g.closePath();
  };
}
const rect: Path = (g, x, y, w, h) => g.rect(x - w / 2, y - h / 2, w, h);
const SHAPES: Record<string, Path> = {
  ellipse: (g, x, y, w, h) => {
    g.moveTo(x + w / 2, y);
    g.ellipse(x, y, w / 2, h / 2, 0, 0, 2 * Math.PI);
  },
  rectangle: rect,
  'round-rectangle': rect,
  barrel: rect,
  'round-diamond': polygon([0, -1, 1, 0, 0, 1, -1, 0]),
  'round-hexagon': polygon([-1, 0, -0.5, -0.87, 0.5, -0.87, 1, 0, 0.5, 0.87, -0.5, 0.87]),
  'round-tag': polygon([-1, -1, 0.5, -1, 1, 0, 0.5, 1, -1, 1]),
};

/**
 * Cytoscape's canvas renderer draws (and caches textures of) every element, opacity 0 or not: profiled on
 * 2,000 nodes, that was most of a frame. Its three element-drawing entry points are given only what stands
 * out; hit tests, which read the same z-sorted list elsewhere, still see every element. A private
 * interface of the pinned Cytoscape version: if it is not there, nothing is patched and Cytoscape draws
 * the invisible elements as before.
 */
function drawOnlyStandOut(cy: Core): void {
  type Draw = (context: unknown, eles: unknown[], ...rest: unknown[]) => void;
  const r = (cy as unknown as { renderer(): Record<string, Draw | undefined> }).renderer();
  // Kept as elements change, not re-selected each frame: matching the selector against 12,000 elements
  // after every chunk of a big view going in was tens of milliseconds a frame.
  const standing = new Set<unknown>();
  const check = (el: SingularElementArgument) => {
    const out = !el.removed() && (el.selected() || el.hasClass('on-path') || (el.isNode() && el.hasClass('pinned')));
    if (out) standing.add(el);
    else standing.delete(el);
  };
  cy.on('add select unselect class remove', (e) => check(e.target));
  for (const name of ['drawLayeredElements', 'drawCachedElements', 'drawCachedNodes']) {
    const draw = r[name];
    if (typeof draw !== 'function') continue;
    r[name] = function (this: unknown, context, eles, ...rest) {
      const s = standing;
      return draw.call(this, context, s.size ? eles.filter((e) => s.has(e)) : [], ...rest);
    };
  }
}

type Ele = {
  pstyle(name: string): { value: unknown };
  isNode(): boolean;
  zDepth(): number;
  poolIndex(): number;
  interactive(): boolean;
};

/**
 * Cytoscape re-sorts every element by z-order on each frame that follows an addition, with a comparator
 * that reads three style properties per comparison: on 12,000 elements that was a 150–300 ms frame, once
 * per chunk of a big view going in. The same order (compound depth, nodes over edges, z-index, order
 * added), with each element's keys read once. Same private-interface caveat as drawOnlyStandOut.
 */
function sortOnce(cy: Core): void {
  const r = (cy as unknown as { renderer(): Record<string, unknown> }).renderer() as {
    getCachedZSortedEles?: (force?: boolean) => unknown;
    cachedZSortedEles?: (Ele[] & { interactive?: Ele[] }) | null;
    updateCachedGrabbedEles?: () => void;
  };
  if (typeof r.getCachedZSortedEles !== 'function' || typeof r.updateCachedGrabbedEles !== 'function') return;
  const compounds = () => (cy as unknown as { hasCompoundNodes(): boolean }).hasCompoundNodes();
  r.getCachedZSortedEles = function (force?: boolean) {
    if (!force && this.cachedZSortedEles) return this.cachedZSortedEles;
    const hasCompounds = compounds();
    const eles = (cy as unknown as { mutableElements(): { toArray(): Ele[] } }).mutableElements().toArray();
    const keyed = eles.map((ele) => {
      const d = ele.pstyle('z-compound-depth').value;
      const depth = d === 'auto' ? (hasCompounds ? ele.zDepth() : 0) : d === 'bottom' ? -1 : d === 'top' ? Number.MAX_SAFE_INTEGER : 0;
      const kind = ele.pstyle('z-index-compare').value === 'auto' ? (ele.isNode() ? 1 : 0) : 0;
      return { ele, depth, kind, z: Number(ele.pstyle('z-index').value), at: ele.poolIndex() };
    });
    keyed.sort((a, b) => a.depth - b.depth || a.kind - b.kind || a.z - b.z || a.at - b.at);
    const sorted = keyed.map((k) => k.ele) as Ele[] & { interactive?: Ele[] };
    sorted.interactive = sorted.filter((ele) => ele.interactive());
    this.cachedZSortedEles = sorted;
    this.updateCachedGrabbedEles!();
    return sorted;
  };
}

export class Scene {
  private readonly canvas: HTMLCanvasElement;
  private readonly g: CanvasRenderingContext2D;
  private nodes: SceneNode[] = [];
  private edges: SceneEdge[] = [];
  private stale = true;
  private readonly byId = new Map<string, SceneNode>();
  /** Added since the last frame (collectAdded). */
  private pending: (NodeSingular | EdgeSingular)[] = [];
  private readonly lines = new Map<string, string[]>();
  private readonly measure: (s: string) => number;
  /** The last full drawing and the viewport it was drawn at: while the viewport moves, frames transform
   *  this bitmap (one drawImage) instead of drawing every element again, and the full drawing comes back
   *  once the viewport has rested for MOTION_REST_MS. */
  private readonly still: HTMLCanvasElement;
  private stillAt: Viewport | null = null;
  /** The viewport of the full drawing on the canvas now (null: a moving frame is on it). */
  private drawnAt: Viewport | null = null;
  /** Viewport changes since the view last rested (a gesture, a wheel step, an animation, a jump): all are
   *  drawn by transforming the bitmap, and the full drawing follows once the view rests. */
  private moves = 0;
  private rest: ReturnType<typeof setTimeout> | undefined;
  /** While nodes are dragged: everything else drawn once (base), the dragged nodes and their relations
   *  drawn over it each frame. */
  private grabbing = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private dragged: Set<SceneNode> | null = null;
  private readonly base: HTMLCanvasElement;
  private baseAt: Viewport | null = null;

  constructor(private readonly cy: Core) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'graph-scene';
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', zIndex: '0', pointerEvents: 'none' });
    // Inside Cytoscape's own box, under its canvases (they stack above from z-index 1).
    const host = (cy.container()?.firstElementChild as HTMLElement | null) ?? cy.container()!;
    host.prepend(this.canvas);
    this.g = this.canvas.getContext('2d')!;
    this.measure = (s) => {
      this.g.font = `500 ${LABEL.font}px ${FONT}`;
      return this.g.measureText(s).width;
    };
    this.still = document.createElement('canvas');
    this.base = document.createElement('canvas');
    drawOnlyStandOut(cy);
    sortOnce(cy);
    cy.on('add', (e) => {
      if (!this.stale) this.pending.push(e.target);
    });
    cy.on('remove data', () => (this.stale = true));
    cy.on('add remove data position style class select unselect', (e) => {
      this.stillAt = this.drawnAt = null;
      // The bitmap under dragged nodes leaves them out: what happens to them (moves, grab and free
      // styles) does not change it.
      const n = this.byId.get(e.target.id());
      if (!n || !this.dragged?.has(n)) this.baseAt = null;
    });
    cy.on('grab', 'node', () => {
      clearTimeout(this.settle);
      this.grabbing = true;
      this.dragged = null;
      this.baseAt = null;
    });
    cy.on('free', 'node', () => {
      this.grabbing = false;
      // Dropped nodes stay drawn over the bitmap until the view rests; then everything in order.
      clearTimeout(this.settle);
      this.settle = setTimeout(() => {
        if (this.grabbing) return;
        this.dragged = null;
        this.baseAt = null;
        this.draw();
      }, MOTION_REST_MS);
    });
    cy.on('viewport', () => {
      this.moves++;
      clearTimeout(this.rest);
      this.rest = setTimeout(() => {
        this.moves = 0;
        this.draw();
      }, MOTION_REST_MS);
    });
    cy.on('render', () => this.draw());
    cy.on('resize', () => {
      this.stillAt = this.drawnAt = null;
      this.draw();
    });
  }

  private collect(): void {
    this.byId.clear();
    this.nodes = [];
    this.edges = [];
    this.pending = [];
    this.cy.nodes().forEach((n) => void this.addNode(n));
    this.cy.edges().forEach((e) => void this.addEdge(e));
    this.stale = false;
  }

  /** Elements added since the last frame: a big view goes in a few hundred a frame, so only those are
   *  read, not the whole view again (which made thousands of objects a frame for the collector). */
  private collectAdded(): void {
    const added = this.pending;
    this.pending = [];
    for (const el of added) if (el.isNode() && !el.removed()) this.addNode(el);
    for (const el of added) if (el.isEdge() && !el.removed()) this.addEdge(el);
  }

  private addNode(n: NodeSingular): void {
    if (this.byId.has(n.id())) return;
    const sn = {
      el: n,
      color: String(n.data('color')),
      shape: String(n.data('shape')),
      w: Number(n.data('size')),
      h: Number(n.data('height') ?? n.data('size')),
      hidden: false,
    };
    this.byId.set(n.id(), sn);
    this.nodes.push(sn);
  }

  private addEdge(e: EdgeSingular): void {
    const s = this.byId.get(e.source().id());
    const t = this.byId.get(e.target().id());
    if (!s || !t) return;
    const width = Number(e.data('width') ?? 1.5);
    const dashed = e.data('type') === 'CO_OCCURS';
    this.edges.push({ el: e, s, t, width, dashed, key: `${width}|${dashed ? 1 : 0}` });
  }

  /** The drawn relation nearest to a model position, within `radius` (model units), if any. */
  edgeAt(p: { x: number; y: number }, radius: number): EdgeSingular | null {
    if (this.stale) this.collect();
    else if (this.pending.length) this.collectAdded();
    let best: EdgeSingular | null = null;
    let bestD = radius * radius;
    for (const e of this.edges) {
      if (e.s.hidden || e.t.hidden || e.el.removed() || e.el.hasClass('filtered')) continue;
      const a = e.s.el.position();
      const b = e.t.el.position();
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
      const d = (a.x + t * dx - p.x) ** 2 + (a.y + t * dy - p.y) ** 2;
      if (d <= bestD) {
        bestD = d;
        best = e.el;
      }
    }
    return best;
  }

  /** Match the canvas to Cytoscape's drawing area. */
  private fitCanvas(): void {
    const w = this.cy.width();
    const h = this.cy.height();
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
  }

  draw(): void {
    if (this.cy.destroyed()) return;
    if (this.stale) this.collect();
    else if (this.pending.length) this.collectAdded();
    this.fitCanvas();
    const g = this.g;
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const moving = this.moves > 0;
    if (moving && !this.stillAt && this.drawnAt) this.keepStill();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const at = this.stillAt;
    if (moving && at) {
      this.drawnAt = null;
      // Screen point s0 = m·z0 + p0 of the still drawing moves to m·z + p.
      const k = zoom / at.zoom;
      g.setTransform(k, 0, 0, k, pan.x - at.x * k, pan.y - at.y * k);
      g.drawImage(this.still, 0, 0);
      g.setTransform(1, 0, 0, 1, 0, 0);
      return;
    }
    const vp: Viewport = { zoom, x: pan.x, y: pan.y };
    const ext = this.cy.extent();
    const labels = zoom * LABEL.font >= NODE_LABEL_MIN_PX;
    if (this.grabbing) {
      this.dragged ??= new Set(
        this.cy
          .nodes(':grabbed')
          .map((n) => this.byId.get(n.id()))
          .filter((n): n is SceneNode => !!n),
      );
    }
    const dragged = this.dragged?.size ? this.dragged : null;
    if (!dragged) {
      this.drawAll(ext, labels, vp);
      this.drawnAt = vp;
      return;
    }
    const b = this.baseAt;
    if (!b || b.zoom !== vp.zoom || b.x !== vp.x || b.y !== vp.y) {
      this.drawAll(ext, labels, vp, (n) => !dragged.has(n));
      this.copy(this.base);
      this.baseAt = vp;
    } else g.drawImage(this.base, 0, 0);
    g.setTransform(zoom, 0, 0, zoom, pan.x, pan.y);
    this.drawEdges(ext, (e) => dragged.has(e.s) || dragged.has(e.t));
    const shown = this.drawNodes(ext, (n) => dragged.has(n));
    if (labels) this.drawLabels(shown);
    this.drawnAt = vp;
  }

  /** Every element (or those `pick` keeps, their relations with them): relations, then nodes, then labels. */
  private drawAll(ext: Extent, labels: boolean, vp: Viewport, pick?: (n: SceneNode) => boolean): void {
    this.g.setTransform(vp.zoom, 0, 0, vp.zoom, vp.x, vp.y);
    for (const n of this.nodes) n.hidden = n.el.hasClass('filtered');
    this.drawEdges(ext, pick && ((e) => pick(e.s) && pick(e.t)));
    const shown = this.drawNodes(ext, pick);
    if (labels) this.drawLabels(shown);
  }

  /** The canvas as it is now, into `to` (same size). */
  private copy(to: HTMLCanvasElement): void {
    if (to.width !== this.canvas.width || to.height !== this.canvas.height) {
      to.width = this.canvas.width;
      to.height = this.canvas.height;
    }
    const g = to.getContext('2d')!;
    g.clearRect(0, 0, to.width, to.height);
    g.drawImage(this.canvas, 0, 0);
  }

  /** Copies the full drawing on the canvas for the frames of a moving viewport: once per movement. */
  private keepStill(): void {
    this.copy(this.still);
    this.stillAt = this.drawnAt;
  }

  /** Edges in one path per width and dash; faded ones (a highlighted path) in a lighter pass first. */
  private drawEdges(ext: Extent, pick?: (e: SceneEdge) => boolean): void {
    const g = this.g;
    const passes = [new Map<string, SceneEdge[]>(), new Map<string, SceneEdge[]>()];
    for (const e of this.edges) {
      if (e.s.hidden || e.t.hidden || (pick && !pick(e))) continue;
      const a = e.s.el.position();
      const b = e.t.el.position();
      // Off screen on one side: nothing of it shows.
      if ((a.x < ext.x1 && b.x < ext.x1) || (a.x > ext.x2 && b.x > ext.x2) || (a.y < ext.y1 && b.y < ext.y1) || (a.y > ext.y2 && b.y > ext.y2)) continue;
      if (e.el.hasClass('filtered')) continue;
      const groups = passes[e.el.hasClass('faded') ? 0 : 1];
      const list = groups.get(e.key);
      if (list) list.push(e);
      else groups.set(e.key, [e]);
    }
    passes.forEach((groups, i) => {
      g.globalAlpha = i === 0 ? FADED_ALPHA : 1;
      for (const list of groups.values()) {
        g.beginPath();
        for (const e of list) {
          const a = e.s.el.position();
          const b = e.t.el.position();
          g.moveTo(a.x, a.y);
          g.lineTo(b.x, b.y);
        }
        g.lineWidth = list[0].width;
        g.strokeStyle = list[0].dashed ? COOCCURS_COLOR : EDGE_COLOR;
        g.setLineDash(list[0].dashed ? [6, 4] : []);
        g.stroke();
      }
    });
    g.setLineDash([]);
    g.globalAlpha = 1;
  }

  /** Nodes in one path per colour, shape and alpha, with a white border once it is wider than a pixel's
   *  fraction. Returns the nodes drawn (on screen, not faded). */
  private drawNodes(ext: Extent, pick?: (n: SceneNode) => boolean): SceneNode[] {
    const g = this.g;
    const groups = new Map<string, SceneNode[]>();
    const shown: SceneNode[] = [];
    for (const n of this.nodes) {
      if (n.hidden || (pick && !pick(n))) continue;
      const p = n.el.position();
      if (p.x + n.w < ext.x1 || p.x - n.w > ext.x2 || p.y + n.h < ext.y1 || p.y - n.h > ext.y2) continue;
      const faded = n.el.hasClass('faded');
      if (!faded) shown.push(n);
      const key = `${n.color}|${n.shape}|${faded ? 1 : 0}`;
      const list = groups.get(key);
      if (list) list.push(n);
      else groups.set(key, [n]);
    }
    const border = this.cy.zoom() * 2 >= 0.5;
    for (const [key, list] of groups) {
      const [color, shape, faded] = key.split('|');
      const path = SHAPES[shape] ?? SHAPES['ellipse'];
      g.beginPath();
      for (const n of list) {
        const p = n.el.position();
        path(g, p.x, p.y, n.w, n.h);
      }
      g.globalAlpha = faded === '1' ? FADED_ALPHA : 1;
      g.fillStyle = color;
      g.fill();
      if (border) {
        g.lineWidth = 2;
        g.strokeStyle = 'rgba(255,255,255,0.9)';
        g.stroke();
      }
    }
    g.globalAlpha = 1;
    return shown;
  }

  /** Labels under the nodes on screen, wrapped as Cytoscape wraps them, with a white outline. */
  private drawLabels(nodes: SceneNode[]): void {
    const g = this.g;
    g.font = `500 ${LABEL.font}px ${FONT}`;
    g.textAlign = 'center';
    g.textBaseline = 'top';
    g.lineJoin = 'round';
    g.lineWidth = LABEL.outline * 2;
    g.strokeStyle = 'rgba(255,255,255,0.95)';
    g.fillStyle = '#1e293b';
    for (const n of nodes) {
      const label = String(n.el.data('label') ?? '');
      // What stands out Cytoscape draws, label included.
      if (!label || n.el.selected() || n.el.hasClass('pinned') || n.el.hasClass('on-path')) continue;
      let lines = this.lines.get(label);
      if (!lines) {
        lines = wrapLabel(label, LABEL.maxWidth, this.measure).map((l) => l.trim());
        this.lines.set(label, lines);
      }
      const p = n.el.position();
      let y = p.y + n.h / 2 + 2 + LABEL.marginY;
      for (const line of lines) {
        g.strokeText(line, p.x, y);
        g.fillText(line, p.x, y);
        y += LABEL.font;
      }
    }
  }
}
