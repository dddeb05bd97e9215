// GET /api/expand/:id — a node's neighbours in pages, strongest support first, filtered by entity and
// relation type; POST /api/subgraph — nodes by id with the edges among them (reopening a shared view).
import type { Node, Relationship } from 'neo4j-driver';
import type { ExpandResponse, GraphData, GraphEdge, GraphNode } from '../api-types.ts';
import { badRequest, notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { SEMANTIC_RELS, endsOf, relToGraph, toNumber } from '../serialize.ts';
import { DEGREE, NODE_BY_ID, STORED_DEGREE, edgesAmong, int, nodesByIds, withDegree } from './cypher.ts';
import { byId, type Routes } from './route.ts';

export async function expand(
  read: Read,
  id: string,
  opts: { skip?: number; limit?: number; types?: string[]; rels?: string[] } = {},
): Promise<ExpandResponse> {
  const skip = Math.max(0, opts.skip ?? 0);
  const limit = Math.min(200, Math.max(1, opts.limit ?? 25));
  const rels = [...new Set(opts.rels?.length ? opts.rels : SEMANTIC_RELS)].filter((r) => (SEMANTIC_RELS as readonly string[]).includes(r));
  const types = opts.types?.length ? opts.types : null;
  if (rels.length === 0) return { nodes: [], edges: [], center: id, total: 0, skip, limit, hasMore: false };
  const params = { id, skip: int(skip), limit: int(limit), types };
  // The types go into the pattern (they are from the fixed list above, never the request's text), so Neo4j
  // follows only those relationships: an entity's thousands of MENTIONS and CO_OCCURS are never read.
  const hop = `(n)-[r:${rels.join('|')}]-(m)`;
  const filter = `(m:Entity OR m:Document) AND ($types IS NULL OR m.type IN $types OR (m:Document AND 'Document' IN $types))`;

  // One round trip: the node, how many neighbours match, and the page of them. The page sorts every match
  // (a hub's thousands of documents included) by support and degree, so a neighbour's degree is the stored
  // one where the ingest keeps it (entities) and counted only for documents.
  const [rec] = await read(
    `${NODE_BY_ID}
     CALL (n) { MATCH ${hop} WHERE ${filter} RETURN count(DISTINCT m) AS total }
     CALL (n) {
       MATCH ${hop} WHERE ${filter}
       WITH m, collect(r) AS rs, max(coalesce(r.support, 1)) AS support
       WITH m, rs, support, ${STORED_DEGREE('m')} AS degree
       ORDER BY support DESC, degree DESC, coalesce(m.mentions, 0) DESC, m.id
       SKIP $skip LIMIT $limit
       RETURN collect({m: m, degree: degree, rs: [r IN rs | {r: r, out: startNode(r) = n}]}) AS page
     }
     RETURN n, ${STORED_DEGREE('n')} AS degree, total, page`,
    params,
  );
  if (!rec) throw notFound(`Entity "${id}"`);
  const center = withDegree(rec.get('n') as Node, rec.get('degree'));
  const page = rec.get('page') as { m: Node; degree: unknown; rs: { r: Relationship; out: boolean }[] }[];
  const nodes: GraphNode[] = [center];
  const edges: GraphEdge[] = [];
  for (const x of page) {
    const m = withDegree(x.m, x.degree);
    nodes.push(m);
    for (const { r, out } of x.rs) edges.push(relToGraph(r, endsOf(r, out ? center.id : m.id, out ? m.id : center.id)));
  }
  const total = toNumber(rec.get('total'));
  return { nodes, edges, center: center.id, total, skip, limit, hasMore: skip + page.length < total };
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
