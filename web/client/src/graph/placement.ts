// Where new nodes go: on free ground around the node they were expanded from (or near a node they link
// to), never on top of a node or its label, and without moving anything already placed. Pure geometry
// (positions and boxes in, positions out), so it is unit-tested without a browser.

export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box in model coordinates. */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A node's box relative to its position: the shape, centred, and its label below. */
export interface Footprint {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The box a node of diameter `size` with `label` takes, at label font size `font` (model units). The text
 *  measure is an estimate (0.56 em per character); `wrapAt` is the label's max width in ems. */
export function footprint(size: number, label: string, font: number, wrapAt = 12.5): Footprint {
  const textW = label.length * font * 0.56;
  const maxW = font * wrapAt;
  const lines = label ? Math.ceil(textW / maxW) : 0;
  const w = Math.max(size, Math.min(textW, maxW));
  return { left: -w / 2, right: w / 2, top: -size / 2, bottom: size / 2 + (lines ? 4 + lines * font * 1.25 : 0) };
}

export function rectAt(p: Point, f: Footprint, pad = 0): Rect {
  return { x1: p.x + f.left - pad, y1: p.y + f.top - pad, x2: p.x + f.right + pad, y2: p.y + f.bottom + pad };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Occupied boxes in a uniform grid, so "is this spot free?" looks at a few cells, not every node. */
export class FreeGround {
  private cells = new Map<string, Rect[]>();

  constructor(
    occupied: Rect[] = [],
    private readonly cell = 120,
  ) {
    for (const r of occupied) this.take(r);
  }

  private keys(r: Rect): string[] {
    const out: string[] = [];
    const c = this.cell;
    for (let i = Math.floor(r.x1 / c); i <= Math.floor(r.x2 / c); i++) {
      for (let j = Math.floor(r.y1 / c); j <= Math.floor(r.y2 / c); j++) out.push(`${i},${j}`);
    }
    return out;
  }

  isFree(r: Rect): boolean {
    for (const k of this.keys(r)) for (const o of this.cells.get(k) ?? []) if (overlaps(r, o)) return false;
    return true;
  }

  take(r: Rect): void {
    for (const k of this.keys(r)) {
      const list = this.cells.get(k);
      if (list) list.push(r);
      else this.cells.set(k, [r]);
    }
  }
}

export interface AroundOptions {
  /** Radius of the centre node's own box. */
  centerRadius: number;
  /** Direction (radians) the first nodes go: away from the rest of the graph, so the view opens outwards. */
  away?: number;
  /** Space kept between boxes. */
  gap?: number;
}

/**
 * Positions for new nodes (in order, so nodes of one group land side by side) on rings around `center`,
 * each on a spot where its box touches no occupied box and no box placed before it. `ground` is updated
 * with the new boxes.
 */
export function placeAround(center: Point, items: Footprint[], ground: FreeGround, o: AroundOptions): Point[] {
  const gap = o.gap ?? 10;
  const away = o.away ?? 0;
  const out: Point[] = [];
  if (!items.length) return out;
  const W = Math.max(...items.map((f) => f.right - f.left)) + gap;
  const H = Math.max(...items.map((f) => f.bottom - f.top)) + gap;
  let radius = o.centerRadius + gap + H / 2 + 20;
  let next = 0;
  for (let ring = 0; next < items.length && ring < 400; ring++) {
    // The next slot after angle a: the first angle whose upright box clears the one at a (W apart
    // sideways or H up/down), found by a fine scan because the step depends on where on the ring we are.
    const step = (a: number) => {
      const x = Math.cos(a) * radius;
      const y = Math.sin(a) * radius;
      let d = 0.01;
      while (d < Math.PI && Math.abs(Math.cos(a + d) * radius - x) < W && Math.abs(Math.sin(a + d) * radius - y) < H) d += 0.01;
      return d;
    };
    const back = (a: number) => {
      const x = Math.cos(a) * radius;
      const y = Math.sin(a) * radius;
      let d = 0.01;
      while (d < Math.PI && Math.abs(Math.cos(a - d) * radius - x) < W && Math.abs(Math.sin(a - d) * radius - y) < H) d += 0.01;
      return d;
    };
    const ringFrom = (a0: number) => {
      const out: number[] = [];
      for (let a = a0; a < a0 + 2 * Math.PI - 1e-6; a += step(a)) out.push(a);
      return out;
    };
    // A partly filled ring is an arc centred on `away`; the rest of the ring is tried after it.
    const want = Math.min(ringFrom(away).length, items.length - next);
    let a0 = away;
    for (let i = 0; i < (want - 1) / 2; i++) a0 -= back(a0);
    for (const a of ringFrom(a0)) {
      if (next >= items.length) break;
      const p = { x: center.x + Math.cos(a) * radius, y: center.y + Math.sin(a) * radius };
      const r = rectAt(p, items[next], gap / 2);
      if (!ground.isFree(r)) continue;
      ground.take(r);
      out.push(p);
      next++;
    }
    radius += Math.min(W, H);
  }
  return out;
}

/** The free spot nearest to `p` for one box, searched on a widening spiral. */
export function freeSpotNear(p: Point, f: Footprint, ground: FreeGround, gap = 10): Point {
  const stepR = Math.max(f.bottom - f.top, f.right - f.left) * 0.6 + gap;
  for (let i = 0; i < 2000; i++) {
    const r = i === 0 ? 0 : stepR * Math.sqrt(i);
    const a = i * 2.399963; // golden angle: even coverage without rings
    const q = { x: p.x + Math.cos(a) * r, y: p.y + Math.sin(a) * r };
    const box = rectAt(q, f, gap / 2);
    if (ground.isFree(box)) {
      ground.take(box);
      return q;
    }
  }
  return p;
}
