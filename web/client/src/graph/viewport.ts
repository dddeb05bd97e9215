// The viewport: selecting (and centring when off screen), fitting the visible graph, revealing nodes.
// None of these moves a node.
import type { Core } from 'cytoscape';

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
  const visible = cy.nodes().not('.filtered');
  if (visible.empty()) return;
  const PAD = 40;
  let bb: Box = visible.boundingBox({ includeLabels: !!labelsAt });
  if (labelsAt) {
    for (let i = 0; i < 2; i++) {
      labelsAt(zoomFor(cy, bb, PAD, 1.4));
      bb = visible.boundingBox({ includeLabels: true });
    }
  }
  showBox(cy, bb, PAD, 1.4, animate);
}

/** Pan (and zoom out if needed) so these nodes are on screen. */
export function reveal(cy: Core, ids: string[]): void {
  const wanted = new Set(ids);
  const eles = cy.nodes().filter((n) => wanted.has(n.id()));
  if (eles.empty()) return;
  const bb = eles.boundingBox({});
  const ext = cy.extent();
  if (bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2) return;
  showBox(cy, bb, 50, cy.zoom(), true);
}
