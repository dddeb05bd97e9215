// Reads the occupied ground off the graph (every node's drawn box, label included) and places new nodes
// on free ground with placement.ts: around the node they were expanded from, next to a node they link to,
// or beside the graph.
import type { Core, Position } from 'cytoscape';
import type { GraphData, GraphNode } from '../../../server/api-types.ts';
import { shortLabel } from './elements.ts';
import { FreeGround, footprint, freeSpotNear, placeAround, type Footprint, type Rect } from './placement.ts';
import { labelSizes } from './style.ts';

export function occupiedGround(cy: Core): FreeGround {
  const rects: Rect[] = [];
  cy.nodes().forEach((n) => {
    const b = n.boundingBox({ includeLabels: true, includeOverlays: false });
    rects.push({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
  });
  return new FreeGround(rects);
}

/** Positions for `fresh` nodes (already in group order). */
export function placeNew(
  cy: Core,
  fresh: GraphNode[],
  data: GraphData,
  sizeOf: (n: GraphNode) => number,
  around?: string,
): Map<string, Position> {
  const out = new Map<string, Position>();
  if (!fresh.length || cy.nodes().empty()) return out;
  const ground = occupiedGround(cy);
  const font = labelSizes(cy.zoom()).node;
  const fp = (n: GraphNode): Footprint => footprint(sizeOf(n), shortLabel(n.name), font);
  const center = around ? cy.getElementById(around) : null;
  if (center?.nonempty()) {
    const c = center.position();
    const bb = cy.nodes().boundingBox({});
    const away = Math.atan2(c.y - (bb.y1 + bb.y2) / 2, c.x - (bb.x1 + bb.x2) / 2) || 0;
    const cb = center.boundingBox({ includeLabels: false });
    const ps = placeAround(c, fresh.map(fp), ground, { centerRadius: Math.max(cb.w, cb.h) / 2, away });
    fresh.forEach((n, i) => out.set(n.id, ps[i] ?? c));
    return out;
  }
  const bb = cy.nodes().boundingBox({});
  let spare = 0;
  const present = (id: string) => cy.getElementById(id).nonempty() || out.has(id);
  for (const n of fresh) {
    // Next to a node it links to, if it has one; else in a column right of the graph.
    const link = data.edges.find((e) => (e.source === n.id && present(e.target)) || (e.target === n.id && present(e.source)));
    const otherId = link ? (link.source === n.id ? link.target : link.source) : null;
    const other = otherId ? (out.get(otherId) ?? cy.getElementById(otherId).position()) : { x: bb.x2 + 140, y: bb.y1 + 40 + spare++ * 90 };
    out.set(n.id, freeSpotNear(other, fp(n), ground));
  }
  return out;
}
