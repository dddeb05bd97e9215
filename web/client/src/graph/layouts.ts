// Running a layout: the node boxes and edges go to a Web Worker (layout-worker.ts), which lays them out
// on a headless Cytoscape; the answer is applied in one batch (animated for small views). Pinned nodes
// are fixed. Nothing heavy runs on the main thread, whatever the size of the view.
import type { Core, LayoutOptions, NodeCollection, NodeSingular } from 'cytoscape';
import type { LayoutName } from '../state.ts';
import { inChunks } from './chunks.ts';
import { layoutHere } from './layout-run.ts';
import type { LayoutRequest, LayoutResult } from './layout-options.ts';
import { footprint } from './placement.ts';
import { labelSizes } from './style.ts';

const ANIMATE_UP_TO = 300;
/** Bigger views get their positions over several frames, this many nodes a frame. */
const MOVE_IN_ONE_UP_TO = 500;
const MOVE_CHUNK = 120;
/** Views up to this many nodes lay out on the main thread (well under 100 ms). */
const MAIN_THREAD_UP_TO = 80;

export class Layouts {
  private worker: Worker | null = null;
  private seq = 0;
  private waiting = new Map<number, (r: LayoutResult) => void>();

  private getWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<LayoutResult>) => {
        this.waiting.get(e.data.seq)?.(e.data);
        this.waiting.delete(e.data.seq);
      };
    }
    return this.worker;
  }

  /** Lay out the unfiltered elements; resolves once positions are applied (false if a newer run won). */
  async run(cy: Core, name: LayoutName, o: { randomize?: boolean; animate?: boolean } = {}): Promise<boolean> {
    // Plain loops over the elements: Cytoscape's collection operations (not, filter, selectors) on 10,000
    // relations took a fifth of a second in one task.
    const nodes = cy.nodes().filter((n) => !n.hasClass('filtered')) as unknown as NodeCollection;
    if (nodes.empty()) return true;
    const seq = ++this.seq;
    // Labels grow when the view is zoomed out to fit (style.ts); leave room for their size at a typical fit.
    const font = labelSizes(0.7).node;
    const shown = new Set<string>();
    const boxes: LayoutRequest['nodes'] = [];
    const roots: string[] = [];
    nodes.forEach((n: NodeSingular) => {
      const f = footprint(n.data('size') as number, (n.data('label') as string) ?? '', font);
      const p = n.position();
      shown.add(n.id());
      if (n.selected()) roots.push(n.id());
      // fcose centres boxes on the position: make the box symmetric around the node with its label.
      boxes.push({ id: n.id(), x: p.x, y: p.y, w: f.right - f.left, h: 2 * Math.max(-f.top, f.bottom), fixed: n.locked() });
    });
    const edges: [string, string][] = [];
    cy.edges().forEach((e) => {
      const s = e.data('source') as string;
      const t = e.data('target') as string;
      if (shown.has(s) && shown.has(t) && !e.hasClass('filtered')) edges.push([s, t]);
    });
    const req: LayoutRequest = { seq, name, randomize: o.randomize ?? false, nodes: boxes, edges, roots };
    // A small view lays out in a few milliseconds: not worth a worker's start-up (it loads its own copy of
    // Cytoscape). Bigger ones go to the worker.
    const result =
      req.nodes.length <= MAIN_THREAD_UP_TO
        ? layoutHere(req)
        : await new Promise<LayoutResult>((resolve) => {
            this.waiting.set(seq, resolve);
            this.getWorker().postMessage(req);
          });
    if (seq !== this.seq || cy.destroyed()) return false;
    const moving = nodes.filter((n) => !n.locked() && !!result.positions[n.id()]);
    const animate = (o.animate ?? true) && moving.length <= ANIMATE_UP_TO;
    if (moving.length > MOVE_IN_ONE_UP_TO) {
      // A big view moves a few hundred nodes a frame: Cytoscape recomputes every moved node's edges and
      // boxes, which for all of them at once held the page for seconds.
      const list = moving.toArray() as NodeSingular[];
      return inChunks(
        list,
        MOVE_CHUNK,
        (chunk) =>
          cy.batch(() => {
            for (const n of chunk) {
              const p = result.positions[n.id()];
              n.position({ x: p[0], y: p[1] });
            }
          }),
        () => seq === this.seq && !cy.destroyed(),
      );
    }
    await new Promise<void>((resolve) => {
      const layout = moving.layout({
        name: 'preset',
        positions: (n: NodeSingular) => {
          const p = result.positions[n.id()];
          return { x: p[0], y: p[1] };
        },
        animate,
        animationDuration: 400,
        fit: false,
      } as LayoutOptions);
      layout.one('layoutstop', () => resolve());
      layout.run();
    });
    return true;
  }

  destroy(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
