// One layout run on a headless Cytoscape: node boxes and edges in, positions out. The layout worker runs it
// for big views; small views run it in place.
import cytoscape from 'cytoscape';
import type { LayoutOptions, NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { layoutOptions, type LayoutRequest, type LayoutResult } from './layout-options.ts';

cytoscape.use(fcose);

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
  const positions: LayoutResult['positions'] = {};
  cy.nodes().forEach((n) => {
    const p = n.position();
    positions[n.id()] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
  });
  cy.destroy();
  return { seq: req.seq, positions };
}
