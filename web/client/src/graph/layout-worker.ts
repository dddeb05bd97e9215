// Runs a layout in a Web Worker on a headless Cytoscape, so a big view lays out without freezing the page.
// It gets node boxes (label included) and edges, and answers with positions.
import cytoscape from 'cytoscape';
import type { LayoutOptions, NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { layoutOptions, type LayoutRequest, type LayoutResult } from './layout-options.ts';

cytoscape.use(fcose);

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const req = e.data;
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
  (self as unknown as Worker).postMessage({ seq: req.seq, positions } satisfies LayoutResult);
  cy.destroy();
};
