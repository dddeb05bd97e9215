// The viewport: selecting (and centring when off screen), fitting the visible graph, revealing nodes.
// None of these moves a node.
import type { Core, NodeCollection } from 'cytoscape';

export function selectOne(cy: Core, id: string | null, opts: { center?: boolean } = {}): void {
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

type Box = { x1: number; y1: number; w: number; h: number };

function zoomFor(cy: Core, bb: Box, pad: number, maxZoom: number): number {
  const w = Math.max(1, cy.width() - 2 * pad);
  const hgt = Math.max(1, cy.height() - 2 * pad);
  return Math.max(cy.minZoom(), Math.min(maxZoom, w / Math.max(bb.w, 1), hgt / Math.max(bb.h, 1)));
}

function showBox(cy: Core, bb: Box, pad: number, maxZoom: number, animate: boolean): void {
  const zoom = zoomFor(cy, bb, pad, maxZoom);
  const pan = { x: cy.width() / 2 - zoom * (bb.x1 + bb.w / 2), y: cy.height() / 2 - zoom * (bb.y1 + bb.h / 2) };
  if (animate) cy.animate({ zoom, pan }, { duration: 300 });
  else cy.viewport({ zoom, pan });
}

/**
 * Fit the unfiltered nodes, never zooming in past 1.4× (a handful of nodes would look enormous). Labels
 * keep their size on screen, so they take more model space the further out the view goes: with
 * `labelsAt`, they are sized for the zoom the fit goes to before the box is measured (twice, as the box
 * and the zoom depend on each other), so the outermost labels end inside the view. Without it (big views)
 * only the nodes are fitted: their labels are not drawn at that zoom.
 */
export function fitVisible(cy: Core, animate = false, labelsAt?: (zoom: number) => void): void {
  const visible = cy.nodes().filter((n) => !n.hasClass('filtered')) as unknown as NodeCollection;
  if (visible.empty()) return;
  showBox(cy, measured(cy, visible, 40, 1.4, labelsAt), 40, 1.4, animate);
}

/** The box of the nodes' shapes, from their positions and sizes: Cytoscape's boundingBox() first styles
 *  every node it has not drawn yet, which on a big view going in was a fifth of a second in one task. */
function nodeBox(eles: NodeCollection): Box {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  eles.forEach((n) => {
    const p = n.position();
    const w = Number(n.data('size') ?? 0) / 2 + 2;
    const h = Number(n.data('height') ?? n.data('size') ?? 0) / 2 + 2;
    x1 = Math.min(x1, p.x - w);
    x2 = Math.max(x2, p.x + w);
    y1 = Math.min(y1, p.y - h);
    y2 = Math.max(y2, p.y + h);
  });
  return { x1, y1, w: x2 - x1, h: y2 - y1 };
}

/** The box of `eles`, their labels sized for the zoom that shows it (see fitVisible). */
function measured(cy: Core, eles: NodeCollection, pad: number, maxZoom: number, labelsAt?: (zoom: number) => void): Box {
  if (!labelsAt) return nodeBox(eles);
  let bb: Box = eles.boundingBox({ includeLabels: true });
  if (labelsAt) {
    for (let i = 0; i < 2; i++) {
      labelsAt(zoomFor(cy, bb, pad, maxZoom));
      bb = eles.boundingBox({ includeLabels: true });
    }
  }
  return bb;
}

/** Pan (and zoom out if needed) so these nodes are on screen. The pan is the smallest that brings them in,
 *  so what was on screen stays there as far as it can (centring on them pushed the rest off an edge). */
export function reveal(cy: Core, ids: string[], labelsAt?: (zoom: number) => void): void {
  const wanted = new Set(ids);
  const eles = cy.nodes().filter((n) => wanted.has(n.id()));
  if (eles.empty()) return;
  const bb = eles.boundingBox({});
  const ext = cy.extent();
  if (bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2) return;
  const margin = 50 / cy.zoom();
  if (bb.w + 2 * margin > ext.w || bb.h + 2 * margin > ext.h) {
    showBox(cy, measured(cy, eles, 50, cy.zoom(), labelsAt), 50, cy.zoom(), true);
    return;
  }
  // Model units to move the view by, on each axis: just enough that the box is inside with a margin.
  const shift = (lo: number, hi: number, vlo: number, vhi: number) => (lo - margin < vlo ? lo - margin - vlo : hi + margin > vhi ? hi + margin - vhi : 0);
  const dx = shift(bb.x1, bb.x2, ext.x1, ext.x2);
  const dy = shift(bb.y1, bb.y2, ext.y1, ext.y2);
  const pan = cy.pan();
  cy.animate({ pan: { x: pan.x - dx * cy.zoom(), y: pan.y - dy * cy.zoom() } }, { duration: 300 });
}
