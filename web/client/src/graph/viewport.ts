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

function showBox(cy: Core, bb: { x1: number; y1: number; w: number; h: number }, pad: number, maxZoom: number, animate: boolean): void {
  const w = Math.max(1, cy.width() - 2 * pad);
  const hgt = Math.max(1, cy.height() - 2 * pad);
  const zoom = Math.max(cy.minZoom(), Math.min(maxZoom, w / Math.max(bb.w, 1), hgt / Math.max(bb.h, 1)));
  const pan = { x: cy.width() / 2 - zoom * (bb.x1 + bb.w / 2), y: cy.height() / 2 - zoom * (bb.y1 + bb.h / 2) };
  if (animate) cy.animate({ zoom, pan }, { duration: 300 });
  else cy.viewport({ zoom, pan });
}

/** Fit the unfiltered nodes, never zooming in past 1.4× (a handful of nodes would look enormous). */
export function fitVisible(cy: Core, animate = false): void {
  const visible = cy.nodes().not('.filtered');
  if (visible.empty()) return;
  showBox(cy, visible.boundingBox({}), 40, 1.4, animate);
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
