// GET /api/expand/:id — a node's neighbours in pages, strongest support first, filtered by entity and
// relation type; POST /api/subgraph — nodes by id with the edges among them (reopening a shared view).
import type { Node, Relationship } from 'neo4j-driver';
import type { ExpandResponse, GraphData, GraphEdge, GraphNode } from '../api-types.ts';
import { badRequest, notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { SEMANTIC_RELS, endsOf, relToGraph, toNumber } from '../serialize.ts';
import { DEGREE, NODE_BY_ID, edgesAmong, int, nodesByIds, withDegree } from './cypher.ts';
import { byId, type Routes } from './route.ts';

export async function expand(
  read: Read,
  id: string,
  opts: { skip?: number; limit?: number; types?: string[]; rels?: string[] } = {},
): Promise<ExpandResponse> {
  const skip = Math.max(0, opts.skip ?? 0);
  const limit = Math.min(200, Math.max(1, opts.limit ?? 25));
  const rels = (opts.rels?.length ? opts.rels : [...SEMANTIC_RELS]).filter((r) => (SEMANTIC_RELS as readonly string[]).includes(r));
  const types = opts.types?.length ? opts.types : null;
  if (rels.length === 0) return { nodes: [], edges: [], center: id, total: 0, skip, limit, hasMore: false };
  const params = { id, skip: int(skip), limit: int(limit), types, rels };
  const filter = `type(r) IN $rels AND (m:Entity OR m:Document)
     AND ($types IS NULL OR m.type IN $types OR (m:Document AND 'Document' IN $types))`;

  const [head] = await read(`${NODE_BY_ID} RETURN n, ${DEGREE('n')} AS degree`, { id });
  if (!head) throw notFound(`Entity "${id}"`);
  const center = withDegree(head.get('n') as Node, head.get('degree'));

  const [totalRec] = await read(`${NODE_BY_ID} MATCH (n)-[r]-(m) WHERE ${filter} RETURN count(DISTINCT m) AS total`, params);
  const recs = await read(
    `${NODE_BY_ID}
     MATCH (n)-[r]-(m) WHERE ${filter}
     WITH n, m, collect(r) AS rs, max(coalesce(r.support, 1)) AS support
     WITH n, m, rs, support, ${DEGREE('m')} AS degree
     ORDER BY support DESC, degree DESC, coalesce(m.mentions, 0) DESC, m.id
     SKIP $skip LIMIT $limit
     RETURN m, degree, [r IN rs | {r: r, out: startNode(r) = n}] AS rs`,
    params,
  );
  const nodes: GraphNode[] = [center];
  const edges: GraphEdge[] = [];
  for (const rec of recs) {
    const m = withDegree(rec.get('m') as Node, rec.get('degree'));
    nodes.push(m);
    for (const x of rec.get('rs') as { r: Relationship; out: boolean }[]) {
      const e = relToGraph(x.r, endsOf(x.r, x.out ? center.id : m.id, x.out ? m.id : center.id));
      edges.push(e);
    }
  }
  const total = totalRec ? toNumber(totalRec.get('total')) : nodes.length - 1;
  return { nodes, edges, center: center.id, total, skip, limit, hasMore: skip + recs.length < total };
}

/** Nodes by id, with degree, plus the semantic edges among them. */
export async function subgraph(read: Read, ids: string[]): Promise<GraphData> {
  const unique = [...new Set(ids)].slice(0, 500);
  if (unique.length === 0) return { nodes: [], edges: [] };
  const recs = await read(`${nodesByIds()} RETURN n, ${DEGREE('n')} AS degree`, { ids: unique });
  const nodes = recs.map((r) => withDegree(r.get('n') as Node, r.get('degree')));
  const edges = await edgesAmong(
    read,
    nodes.map((n) => n.id),
  );
  return { nodes, edges };
}

export const expandRoutes: Routes = {
  expand: byId('/api/expand/<id>', ({ read, query }, id) =>
    expand(read, id, {
      skip: query.int('skip', 0, { min: 0, max: 1_000_000 }),
      limit: query.int('limit', 25, { min: 1, max: 200 }),
      types: query.list('types'),
      rels: query.list('rels'),
    }),
  ),
  subgraph: {
    method: 'POST',
    handle: async ({ read, body }) => {
      const { ids } = await body();
      if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw badRequest('Send {"ids": ["<id>", …]} (strings).');
      return subgraph(read, ids as string[]);
    },
  },
};
