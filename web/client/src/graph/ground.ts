// Reads the occupied ground off the graph and places new nodes on free ground with placement.ts: around
// the node they were expanded from, next to a node they link to, or beside the graph. Every box is the
// node with its label at the largest size labels are drawn (they grow as the view zooms out, style.ts),
// measured with a canvas the way Cytoscape measures it, so what is placed apart stays apart at any zoom.
import type { Core, NodeSingular, Position } from 'cytoscape';
import type { GraphData, GraphNode } from '../../../server/api-types.ts';
import { nodeLabel } from './elements.ts';
import { nodeFootprint, type LabelStyle } from './label-box.ts';
import { FreeGround, freeSpotNear, placeAround, rectAt, type Footprint, type Rect } from './placement.ts';
import { FONT, labelSizes } from './style.ts';

/** Labels at their largest (the zoom floor), in the widest weight a label takes (selected: bold). */
const LARGEST: LabelStyle = (() => {
  const font = labelSizes(0).node;
  return { font, maxWidth: Math.round(font * 12.5), marginY: 4, outline: font / 5 };
})();
/** The thickest border a node gets (pinned). */
const BORDER = 5;

let ctx: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();
/** Text width at the largest label size in a font weight (500 as drawn, 700 when selected). */
function measurer(weight: 500 | 700): (text: string) => number {
  return (text) => {
    const key = `${weight}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      ctx ??= document.createElement('canvas').getContext('2d')!;
      ctx.font = `normal ${weight} ${LARGEST.font}px ${FONT}`;
      w = ctx.measureText(text).width;
      if (widths.size > 20_000) widths.clear();
      widths.set(key, w);
    }
    return w;
  };
}
const MEASURE = [measurer(500), measurer(700)];

/** The ground a node of this size and label takes at any zoom, selected or not (bold text wraps
 *  differently, so both weights are measured). */
export function footprintOf(size: number, label: string, type: string): Footprint {
  const shape = { size, height: type === 'Document' ? Math.round(size * 1.25) : size, border: BORDER, label };
  const [a, b] = MEASURE.map((m) => nodeFootprint(shape, LARGEST, m));
  return { left: Math.min(a.left, b.left), right: Math.max(a.right, b.right), top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) };
}

/** Scratch key of the position a node is sliding to (view.ts): its ground is there, not on the way. */
export const SLIDING_TO = '_atlasSlidingTo';

function nodeRect(n: NodeSingular): Rect {
  const f = footprintOf(n.data('size') as number, (n.data('label') as string) ?? '', n.data('type') as string);
  const to = n.scratch(SLIDING_TO) as Position | undefined;
  const r = rectAt(to ?? n.position(), f);
  if (to) return r;
  const b = n.boundingBox({ includeLabels: true, includeOverlays: false });
  return { x1: Math.min(r.x1, b.x1), y1: Math.min(r.y1, b.y1), x2: Math.max(r.x2, b.x2), y2: Math.max(r.y2, b.y2) };
}

export function occupiedGround(cy: Core): FreeGround {
  const rects: Rect[] = [];
  cy.nodes().forEach((n) => {
    rects.push(nodeRect(n));
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
  const fp = (n: GraphNode): Footprint => footprintOf(sizeOf(n), nodeLabel(n), n.type);
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
