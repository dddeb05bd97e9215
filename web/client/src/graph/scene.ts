// Big views drawn in batches on a canvas of their own, under Cytoscape's. Profiled in headless Chromium
// without a GPU (bench/browser.ts --profile), Cytoscape's canvas renderer spends 300–500 ms on one full
// redraw of 2,000 nodes and 10,000 edges (a stroke and a dozen style reads per edge, a texture per node);
// the same scene as one path per colour takes 5–15 ms. So in a big view Cytoscape keeps every element —
// hit tests, selection, drag, filters, events — but draws them with opacity 0 (it skips invisible
// elements, and still hit-tests them); this layer draws them after each of its frames: edges as one path
// per style, nodes as one path per colour and shape, and the labels of the nodes on screen once they are
// readable. What stands out (selected, pinned, on a path) Cytoscape draws itself, on top (style.ts).
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { wrapLabel } from './label-box.ts';
import { FONT, NODE_LABEL_MIN_PX } from './style.ts';

/** Model-space label style of big views (style.ts: not scaled with the zoom). */
const LABEL = { font: 12, maxWidth: 150, marginY: 4, outline: 2.5 };
const FADED_ALPHA = 0.18;
const EDGE_COLOR = '#cbd5e1';
const COOCCURS_COLOR = '#d5dbe3';

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

export class Scene {
  private readonly canvas: HTMLCanvasElement;
  private readonly g: CanvasRenderingContext2D;
  private nodes: SceneNode[] = [];
  private edges: SceneEdge[] = [];
  private stale = true;
  private readonly lines = new Map<string, string[]>();
  private readonly measure: (s: string) => number;

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
    cy.on('add remove data', () => (this.stale = true));
    cy.on('render', () => this.draw());
    cy.on('resize', () => this.draw());
  }

  private collect(): void {
    const byId = new Map<string, SceneNode>();
    this.nodes = this.cy.nodes().map((n) => {
      const sn = {
        el: n,
        color: String(n.data('color')),
        shape: String(n.data('shape')),
        w: Number(n.data('size')),
        h: Number(n.data('height') ?? n.data('size')),
        hidden: false,
      };
      byId.set(n.id(), sn);
      return sn;
    });
    this.edges = [];
    this.cy.edges().forEach((e) => {
      const s = byId.get(e.source().id());
      const t = byId.get(e.target().id());
      if (!s || !t) return;
      const width = Number(e.data('width') ?? 1.5);
      const dashed = e.data('type') === 'CO_OCCURS';
      this.edges.push({ el: e, s, t, width, dashed, key: `${width}|${dashed ? 1 : 0}` });
    });
    this.stale = false;
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
    this.fitCanvas();
    const g = this.g;
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    g.setTransform(zoom, 0, 0, zoom, pan.x, pan.y);
    const ext = this.cy.extent();
    for (const n of this.nodes) n.hidden = n.el.hasClass('filtered');
    this.drawEdges(ext);
    const shown = this.drawNodes(ext);
    if (zoom * LABEL.font >= NODE_LABEL_MIN_PX) this.drawLabels(shown);
  }

  /** Edges in one path per width and dash; faded ones (a highlighted path) in a lighter pass first. */
  private drawEdges(ext: { x1: number; y1: number; x2: number; y2: number }): void {
    const g = this.g;
    const passes = [new Map<string, SceneEdge[]>(), new Map<string, SceneEdge[]>()];
    for (const e of this.edges) {
      if (e.s.hidden || e.t.hidden) continue;
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
  private drawNodes(ext: { x1: number; y1: number; x2: number; y2: number }): SceneNode[] {
    const g = this.g;
    const groups = new Map<string, SceneNode[]>();
    const shown: SceneNode[] = [];
    for (const n of this.nodes) {
      if (n.hidden) continue;
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
