// The start view at scale: the main communities (ingest/5-write/communities.ts) and the strongest entities of
// every type in each, with the co-occurrence and stated relations among them; and GET /api/community/:id,
// one community opened.
import type { Node } from 'neo4j-driver';
import { ENTITY_TYPES, SEMANTIC_RELATION_TYPES } from '../../../ingest/types.ts';
import type { CommunityJson, CommunityView, GraphEdge, GraphNode } from '../api-types.ts';
import { notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { endsOf, nodeToGraph, relToGraph, toNumber } from '../serialize.ts';
import { int } from './cypher.ts';
import { byId, type Routes } from './route.ts';
const LINKS = [...SEMANTIC_RELATION_TYPES, 'CO_OCCURS'].join('|');

export interface CommunityOverviewOptions {
  /** How many communities, largest (most mentioned) first. */
  communities?: number;
  /** Entities per community. */
  perCommunity?: number;
  /** The strongest links each entity keeps in the picture (more make a hairball). */
  linksPerNode?: number;
}

function communityJson(c: Record<string, unknown>): CommunityJson {
  return {
    id: String(c['id']),
    name: String(c['name'] ?? c['id']),
    rank: toNumber(c['rank']),
    size: toNumber(c['size']),
    mentions: toNumber(c['mentions']),
  };
}

function entityNode(n: Node): GraphNode {
  const g = nodeToGraph(n);
  const c = n.properties['community'];
  if (typeof c === 'string') g.community = c;
  return g;
}

/**
 * Per community: the strongest member of every type first (so people, models and organisations show beside
 * the concepts that dominate by count), then the strongest of any type up to `perCommunity`.
 */
function pickMembers(rows: { type: string; nodes: Node[] }[], perCommunity: number): Node[] {
  const strength = (n: Node) => toNumber(n.properties['communityStrength']);
  const picked = new Map<string, Node>();
  const typed = [...rows].sort((a, b) => ENTITY_TYPES.indexOf(a.type as never) - ENTITY_TYPES.indexOf(b.type as never));
  for (const r of typed) if (r.nodes[0] && picked.size < perCommunity) picked.set(String(r.nodes[0].properties['id']), r.nodes[0]);
  const rest = rows.flatMap((r) => r.nodes.slice(1)).sort((a, b) => strength(b) - strength(a) || String(a.properties['id']).localeCompare(String(b.properties['id'])));
  for (const n of rest) {
    if (picked.size >= perCommunity) break;
    picked.set(String(n.properties['id']), n);
  }
  return [...picked.values()];
}

/** The links among `ids`, each node keeping its `perNode` strongest (stated relations count as strong). */
async function strongestLinks(read: Read, ids: string[], perNode: number): Promise<GraphEdge[]> {
  if (ids.length === 0) return [];
  const recs = await read(
    `MATCH (a:Entity)-[r:${LINKS}]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids
     RETURN r, a.id AS a, b.id AS b, CASE type(r) WHEN 'CO_OCCURS' THEN coalesce(r.npmi, 0) ELSE 1.0 END AS w`,
    { ids },
  );
  const all = recs.map((rec) => {
    const r = rec.get('r');
    const e = relToGraph(r, endsOf(r, rec.get('a') as string, rec.get('b') as string));
    if (e.type === 'CO_OCCURS') e.weight = toNumber(rec.get('w'));
    return { e, w: toNumber(rec.get('w')) };
  });
  all.sort((x, y) => y.w - x.w || (x.e.id < y.e.id ? -1 : 1));
  const kept = new Map<string, number>();
  const out: GraphEdge[] = [];
  for (const { e, w } of all) {
    if (e.type === 'CO_OCCURS' && w <= 0) continue;
    const [ka, kb] = [kept.get(e.source) ?? 0, kept.get(e.target) ?? 0];
    if (ka >= perNode && kb >= perNode) continue;
    kept.set(e.source, ka + 1);
    kept.set(e.target, kb + 1);
    out.push(e);
  }
  return out;
}

/** The main communities and their strongest entities; null when the graph has no communities yet. */
export async function communityOverview(read: Read, opts: CommunityOverviewOptions = {}): Promise<CommunityView | null> {
  const k = opts.communities ?? 8;
  const perCommunity = opts.perCommunity ?? 8;
  const cRecs = await read(`MATCH (c:Community) RETURN c {.*} AS c ORDER BY c.rank LIMIT $k`, { k: int(k) });
  if (cRecs.length === 0) return null;
  const communities = cRecs.map((r) => communityJson(r.get('c') as Record<string, unknown>));
  const mRecs = await read(
    `UNWIND $ids AS cid
     MATCH (e:Entity {community: cid})
     WITH cid, e ORDER BY e.communityStrength DESC, e.mentions DESC, e.id
     WITH cid, e.type AS type, collect(e)[0..$per] AS es
     RETURN cid, type, es`,
    { ids: communities.map((c) => c.id), per: int(perCommunity) },
  );
  const byCommunity = new Map<string, { type: string; nodes: Node[] }[]>();
  for (const r of mRecs) {
    const cid = r.get('cid') as string;
    if (!byCommunity.has(cid)) byCommunity.set(cid, []);
    byCommunity.get(cid)!.push({ type: String(r.get('type')), nodes: r.get('es') as Node[] });
  }
  const nodes = communities.flatMap((c) => pickMembers(byCommunity.get(c.id) ?? [], perCommunity).map(entityNode));
  const edges = await strongestLinks(read, nodes.map((n) => n.id), opts.linksPerNode ?? 4);
  return { nodes, edges, communities };
}

/** One community opened: its strongest members (any type) and the links among them. */
export async function communityDetail(read: Read, id: string, limit = 40): Promise<CommunityView | null> {
  const [c] = await read(`MATCH (c:Community {id: $id}) RETURN c {.*} AS c`, { id });
  if (!c) return null;
  const recs = await read(
    `MATCH (e:Entity {community: $id})
     WITH e ORDER BY e.communityStrength DESC, e.mentions DESC, e.id
     WITH e.type AS type, collect(e)[0..$limit] AS es
     RETURN type, es`,
    { id, limit: int(limit) },
  );
  const nodes = pickMembers(recs.map((r) => ({ type: String(r.get('type')), nodes: r.get('es') as Node[] })), limit).map(entityNode);
  const edges = await strongestLinks(read, nodes.map((n) => n.id), 5);
  return { nodes, edges, communities: [communityJson(c.get('c') as Record<string, unknown>)] };
}

export const communityRoutes: Routes = {
  community: byId('/api/community/<id>', async ({ read, query }, id) => {
    const view = await communityDetail(read, id, query.int('limit', 40, { min: 1, max: 200 }));
    if (!view) throw notFound(`Community "${id}"`);
    return view;
  }),
};
