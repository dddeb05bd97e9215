// Communities over the entity graph: Louvain (graphology-communities-louvain) on CO_OCCURS weighted by
// NPMI plus the extracted entity-to-entity relations, with a seeded random source and a sorted input so the
// same graph always gives the same communities. Each community is named by its strongest members and stored
// as a (:Community) node; members carry `community` (its id) and `communityStrength` (their weighted degree
// inside it, what the overview ranks them by).
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { SEMANTIC_RELATION_TYPES } from '../types.ts';
import type { WriteTarget } from './index.ts';
import { toNum, writeChunks } from './session.ts';
import { read } from './target.ts';

/** Smaller groups (a pair of co-authors) are not worth a name in the overview. */
export const MIN_COMMUNITY_SIZE = 3;
/** A stated relation (authorship, membership…) counts like a strong co-occurrence. */
const STATED_WEIGHT = 0.5;
/** How many members name a community, and how many ids it keeps as its top list. */
const NAME_MEMBERS = 3;
const TOP_MEMBERS = 12;
const SEED = 20261201;

export interface Community {
  /** `community:` + the id of its strongest member: stable while that member leads it. */
  id: string;
  name: string;
  /** 1 = the community with the most mentions. */
  rank: number;
  size: number;
  mentions: number;
  /** Strongest members first. */
  top: string[];
  members: { id: string; strength: number }[];
}

export interface CommunityEdge {
  a: string;
  b: string;
  weight: number;
}

export interface CommunityNode {
  id: string;
  name: string;
  mentions: number;
}

/** mulberry32: a tiny seeded generator, enough to make Louvain's random node order repeatable. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pure: Louvain over the weighted entity graph, communities ranked by mentions and named by their hubs. */
export function detectCommunities(nodes: CommunityNode[], edges: CommunityEdge[]): Community[] {
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of [...nodes].sort((x, y) => (x.id < y.id ? -1 : 1))) g.addNode(n.id);
  for (const e of [...edges].sort((x, y) => (x.a + '\u0000' + x.b < y.a + '\u0000' + y.b ? -1 : 1))) {
    if (e.weight <= 0 || e.a === e.b || !g.hasNode(e.a) || !g.hasNode(e.b)) continue;
    if (g.hasEdge(e.a, e.b)) g.updateEdgeAttribute(e.a, e.b, 'weight', (w: number) => w + e.weight);
    else g.addEdge(e.a, e.b, { weight: e.weight });
  }
  for (const id of g.nodes()) if (g.degree(id) === 0) g.dropNode(id);
  if (g.order === 0) return [];
  const assignment = louvain(g, { getEdgeWeight: 'weight', rng: seededRandom(SEED) });

  const groups = new Map<number, string[]>();
  for (const id of g.nodes()) {
    const c = assignment[id];
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c)!.push(id);
  }
  const out: Omit<Community, 'rank'>[] = [];
  for (const ids of groups.values()) {
    if (ids.length < MIN_COMMUNITY_SIZE) continue;
    const inside = new Set(ids);
    const members = ids.map((id) => {
      let strength = 0;
      g.forEachEdge(id, (_e, attr, s, t) => {
        if (inside.has(s === id ? t : s)) strength += attr['weight'] as number;
      });
      return { id, strength: Math.round(strength * 1e4) / 1e4 };
    });
    // Strength first (the hubs of the community), mentions break ties, then the id for a total order.
    members.sort((x, y) => y.strength - x.strength || byId.get(y.id)!.mentions - byId.get(x.id)!.mentions || (x.id < y.id ? -1 : 1));
    const top = members.slice(0, TOP_MEMBERS).map((m) => m.id);
    out.push({
      id: `community:${top[0]}`,
      name: top.slice(0, NAME_MEMBERS).map((id) => byId.get(id)!.name).join(' · '),
      size: ids.length,
      mentions: ids.reduce((s, id) => s + byId.get(id)!.mentions, 0),
      top,
      members,
    });
  }
  out.sort((x, y) => y.mentions - x.mentions || y.size - x.size || (x.id < y.id ? -1 : 1));
  return out.map((c, i) => ({ ...c, rank: i + 1 }));
}

export interface CommunitySummary {
  communities: number;
  members: number;
  seconds: number;
}

/** Recomputes every community from the stored graph and replaces the stored ones. */
export async function refreshCommunities(t: WriteTarget): Promise<CommunitySummary> {
  const t0 = performance.now();
  await t.driver.executeQuery('CREATE CONSTRAINT community_id IF NOT EXISTS FOR (n:Community) REQUIRE n.id IS UNIQUE', {}, { database: t.database });
  await t.driver.executeQuery('CREATE INDEX entity_community IF NOT EXISTS FOR (n:Entity) ON (n.community)', {}, { database: t.database });
  const edges: CommunityEdge[] = [];
  for (const r of await read(t, `MATCH (a:Entity)-[r:CO_OCCURS]->(b:Entity) WHERE r.npmi > 0 RETURN a.id AS a, b.id AS b, r.npmi AS w`)) {
    edges.push({ a: r.get('a') as string, b: r.get('b') as string, weight: toNum(r.get('w')) });
  }
  for (const r of await read(
    t,
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) IN $types AND a <> b RETURN DISTINCT a.id AS a, b.id AS b`,
    { types: [...SEMANTIC_RELATION_TYPES] },
  )) {
    edges.push({ a: r.get('a') as string, b: r.get('b') as string, weight: STATED_WEIGHT });
  }
  const ids = new Set(edges.flatMap((e) => [e.a, e.b]));
  const nodes: CommunityNode[] = [];
  for (const r of await read(t, `UNWIND $ids AS id MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id) RETURN e.id AS id, e.name AS name, coalesce(e.mentions, 0) AS mentions`, { ids: [...ids] })) {
    nodes.push({ id: r.get('id') as string, name: String(r.get('name') ?? r.get('id')), mentions: toNum(r.get('mentions')) });
  }
  const communities = detectCommunities(nodes, edges);

  const members = communities.flatMap((c) => c.members.map((m) => ({ id: m.id, community: c.id, strength: m.strength })));
  const memberIds = new Set(members.map((m) => m.id));
  const stale = (await read(t, `MATCH (e:Entity) WHERE e.community IS NOT NULL RETURN e.id AS id`)).map((r) => r.get('id') as string).filter((id) => !memberIds.has(id));
  // Old and new communities swap in one transaction, so a reader never sees none.
  const rows = communities.map(({ members: _m, ...c }) => c);
  await writeChunks(t, [rows], 1, async (tx) => {
    await tx.run('MATCH (c:Community) DETACH DELETE c');
    await tx.run(`UNWIND $rows AS row CREATE (c:Community) SET c = row`, { rows });
  });
  await writeChunks(t, members, 5000, (tx, rows) =>
    tx.run(`UNWIND $rows AS row MATCH (e:Entity {id: row.id}) USING INDEX SEEK e:Entity(id) SET e.community = row.community, e.communityStrength = row.strength`, { rows }),
  );
  await writeChunks(t, stale, 5000, (tx, rows) => tx.run(`UNWIND $rows AS id MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id) REMOVE e.community, e.communityStrength`, { rows }));
  return { communities: communities.length, members: members.length, seconds: (performance.now() - t0) / 1000 };
}
