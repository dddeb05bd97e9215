// Placement of new nodes: on free ground, never overlapping what is there or each other, in order around
// the centre, and the label counted in the box.
import { describe, expect, it } from 'vitest';
import { FreeGround, footprint, freeSpotNear, overlaps, placeAround, rectAt, type Rect } from '../../../web/client/src/graph/placement.ts';

describe('footprint', () => {
  it('is the node plus its label below, wrapped at the maximum width', () => {
    expect(footprint(30, '', 12)).toEqual({ left: -15, right: 15, top: -15, bottom: 15 });
    const short = footprint(30, 'Anthropic', 12); // 9 chars × 12 × 0.56 = 60.48 wide, one line
    expect(short.right - short.left).toBeCloseTo(60.48, 2);
    expect(short.bottom).toBeCloseTo(15 + 4 + 15, 5);
    const long = footprint(30, 'x'.repeat(60), 12); // 403 px of text at most 150 px a line: 3 lines
    expect(long.right - long.left).toBe(150);
    expect(long.bottom).toBeCloseTo(15 + 4 + 3 * 15, 5);
  });
});

describe('FreeGround', () => {
  it('answers whether a box is free of the boxes taken', () => {
    const g = new FreeGround([{ x1: 0, y1: 0, x2: 100, y2: 100 }]);
    expect(g.isFree({ x1: 50, y1: 50, x2: 150, y2: 150 })).toBe(false);
    expect(g.isFree({ x1: 100, y1: 0, x2: 200, y2: 100 })).toBe(true); // touching is not overlapping
    g.take({ x1: 100, y1: 0, x2: 200, y2: 100 });
    expect(g.isFree({ x1: 150, y1: 50, x2: 160, y2: 60 })).toBe(false);
  });
});

function noOverlaps(rects: Rect[]): boolean {
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) if (overlaps(rects[i], rects[j])) return false;
  return true;
}

describe('placeAround', () => {
  it('places 400 labelled nodes around a centre without any two boxes overlapping, nor the old ones', () => {
    const old: Rect[] = [
      { x1: -20, y1: -20, x2: 20, y2: 40 }, // the centre and its label
      { x1: 60, y1: -10, x2: 140, y2: 50 },
      { x1: -300, y1: 200, x2: -200, y2: 260 },
    ];
    const ground = new FreeGround(old);
    const items = Array.from({ length: 400 }, (_, i) => footprint(24 + (i % 5) * 6, `Document number ${i} about alignment`, 12));
    const ps = placeAround({ x: 0, y: 0 }, items, ground, { centerRadius: 20, away: 0 });
    expect(ps).toHaveLength(400);
    const boxes = ps.map((p, i) => rectAt(p, items[i]));
    expect(noOverlaps([...old, ...boxes])).toBe(true);
  });

  it('starts on the side it is told to open towards', () => {
    const ground = new FreeGround();
    const ps = placeAround({ x: 0, y: 0 }, [footprint(30, 'a', 12)], ground, { centerRadius: 20, away: Math.PI });
    expect(ps[0].x).toBeLessThan(-40);
    expect(Math.abs(ps[0].y)).toBeLessThan(1e-9);
  });

  it('puts consecutive nodes (one group) next to each other on the ring', () => {
    const ground = new FreeGround();
    const items = Array.from({ length: 3 }, () => footprint(30, 'abc', 12)); // fewer than a ring holds
    const ps = placeAround({ x: 0, y: 0 }, items, ground, { centerRadius: 20, away: 0 });
    const angles = ps.map((p) => Math.atan2(p.y, p.x));
    expect(angles.slice(1).every((a, i) => a > angles[i])).toBe(true); // one way round, in order
    const hops = ps.slice(1).map((p, i) => Math.hypot(p.x - ps[i].x, p.y - ps[i].y));
    expect(Math.max(...hops)).toBeLessThan(1.6 * Math.min(...hops)); // side by side: no empty slot between them
    expect(Math.abs(Math.atan2(ps[1].y, ps[1].x))).toBeLessThan(0.3); // the arc is centred on `away`
  });
});

describe('freeSpotNear', () => {
  it('returns the spot itself when free, else the nearest free one', () => {
    const f = footprint(30, '', 12);
    const ground = new FreeGround([{ x1: -20, y1: -20, x2: 20, y2: 20 }]);
    const p = freeSpotNear({ x: 200, y: 200 }, f, ground);
    expect(p).toEqual({ x: 200, y: 200 });
    const q = freeSpotNear({ x: 0, y: 0 }, f, ground);
    expect(overlaps(rectAt(q, f), { x1: -20, y1: -20, x2: 20, y2: 20 })).toBe(false);
    expect(Math.hypot(q.x, q.y)).toBeLessThan(80);
  });
});
