import { describe, expect, it } from 'vitest';
import { detectCommunities, seededRandom, type CommunityEdge, type CommunityNode } from '../../../ingest/5-write/communities.ts';

// Two dense groups joined by one weak edge, plus a lone pair (too small to be a community).
const nodes: CommunityNode[] = [
  ...['a1', 'a2', 'a3', 'a4'].map((id, i) => ({ id, name: id.toUpperCase(), mentions: 10 - i })),
  ...['b1', 'b2', 'b3'].map((id, i) => ({ id, name: id.toUpperCase(), mentions: 50 - i })),
  { id: 'p1', name: 'P1', mentions: 1 },
  { id: 'p2', name: 'P2', mentions: 1 },
];
const clique = (ids: string[], w: number): CommunityEdge[] => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ a, b, weight: w })));
const edges: CommunityEdge[] = [
  ...clique(['a1', 'a2', 'a3', 'a4'], 0.8),
  ...clique(['b1', 'b2', 'b3'], 0.9),
  { a: 'a1', b: 'a2', weight: 0.5 }, // a stated relation on top of a co-occurrence: weights add
  { a: 'a4', b: 'b3', weight: 0.05 },
  { a: 'p1', b: 'p2', weight: 1 },
];

describe('communities', () => {
  it('finds the dense groups, ranks them by mentions and names them by their strongest members', () => {
    const cs = detectCommunities(nodes, edges);
    expect(cs.map((c) => ({ id: c.id, rank: c.rank, size: c.size, mentions: c.mentions, name: c.name }))).toEqual([
      { id: 'community:b1', rank: 1, size: 3, mentions: 147, name: 'B1 · B2 · B3' },
      { id: 'community:a1', rank: 2, size: 4, mentions: 34, name: 'A1 · A2 · A3' },
    ]);
    // a1 and a2 carry the extra 0.5; a4's weak bridge to b3 does not count inside its community, so a3 and
    // a4 tie on strength and mentions order them.
    expect(cs[1].members).toEqual([
      { id: 'a1', strength: 2.9 },
      { id: 'a2', strength: 2.9 },
      { id: 'a3', strength: 2.4 },
      { id: 'a4', strength: 2.4 },
    ]);
  });

  it('gives the same result whatever order the graph arrives in', () => {
    const once = detectCommunities(nodes, edges);
    const again = detectCommunities([...nodes].reverse(), [...edges].reverse().map((e) => ({ a: e.b, b: e.a, weight: e.weight })));
    expect(again).toEqual(once);
  });

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(new Set(xs).size).toBe(5);
  });
});
