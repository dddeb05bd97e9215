// One layout run on a headless Cytoscape: node boxes and edges in, positions out. The layout worker runs it
// for big views; small views run it in place.
import cytoscape from 'cytoscape';
import type { LayoutOptions, NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { layoutOptions, type LayoutRequest, type LayoutResult } from './layout-options.ts';

cytoscape.use(fcose);

/**
 * fcose's spectral step alone ('draft', for big views) keeps the shape of the graph but packs it tight: on
 * 2,000 nodes it fits them in about 550 × 500 units, most boxes on top of each other. Spread it about the
 * origin until the nodes' boxes would fill half its area — the same zoom at fit as a grid of them.
 */
function draftSpread(req: LayoutRequest, bb: { w: number; h: number }): number {
  // Pinned nodes keep their place: the others then stay as the layout put them around them.
  if (req.nodes.some((n) => n.fixed) || req.nodes.length < 2) return 1;
  const boxes = req.nodes.reduce((s, n) => s + n.w * n.h, 0);
  return Math.max(1, Math.sqrt((2 * boxes) / Math.max(1, bb.w * bb.h)));
}

export function layoutHere(req: LayoutRequest): LayoutResult {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }],
    elements: [
      ...req.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, w: n.w, h: n.h }, position: { x: n.x, y: n.y } })),
      ...req.edges.map((x, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: x[0], target: x[1] } })),
    ],
  });
  const wanted = new Set(req.roots);
  const roots = cy.nodes().filter((n) => wanted.has(n.id()));
  const opts = layoutOptions(req, {
    degree: (n: NodeSingular) => n.degree(false),
    roots: roots.nonempty() ? roots : cy.nodes().max((n) => n.degree(false)).ele,
  });
  cy.layout(opts as unknown as LayoutOptions).run();
  const k = (opts as { quality?: string }).quality === 'draft' ? draftSpread(req, cy.nodes().boundingBox({})) : 1;
  const positions: LayoutResult['positions'] = {};
  cy.nodes().forEach((n) => {
    const p = n.position();
    positions[n.id()] = [Math.round(p.x * k * 10) / 10, Math.round(p.y * k * 10) / 10];
  });
  cy.destroy();
  return { seq: req.seq, positions };
}
