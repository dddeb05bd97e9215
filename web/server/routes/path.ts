// GET /api/path?from=&to=&maxHops= — the shortest path between two entities or documents over the
// semantic relationships, with each node's degree.
import type { Node, Path } from 'neo4j-driver';
import type { PathResponse } from '../api-types.ts';
import { badRequest, notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { nodeKey, nodeToGraph, relToGraph, toNumber } from '../serialize.ts';
import { DEGREE, REL_PATTERN, nodesByIds } from './cypher.ts';
import type { Routes } from './route.ts';

export const MAX_HOPS = 15;

export async function shortestPath(read: Read, from: string, to: string, maxHops = 8): Promise<PathResponse> {
  if (!from || !to) throw badRequest('Give both ends of the path: ?from=<id>&to=<id>.');
  if (from === to) throw badRequest('Pick two different entities to find a path between them.');
  // The hop count is part of the pattern, not a parameter: only a checked whole number may go there.
  if (!Number.isSafeInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) throw badRequest(`"maxHops" must be a whole number from 1 to ${MAX_HOPS}.`);
  const found = await read(`${nodesByIds()} RETURN n.id AS id`, { ids: [from, to] });
  const have = new Set(found.map((r) => String(r.get('id'))));
  for (const x of [from, to]) if (!have.has(x)) throw notFound(`Entity "${x}"`);
  const recs = await read(
    `CALL () { MATCH (n:Entity {id: $from}) RETURN n AS a UNION MATCH (n:Document {id: $from}) RETURN n AS a }
     CALL () { MATCH (n:Entity {id: $to}) RETURN n AS b UNION MATCH (n:Document {id: $to}) RETURN n AS b }
     MATCH p = shortestPath((a)-[:${REL_PATTERN}*..${maxHops}]-(b))
     RETURN p`,
    { from, to },
  );
  if (recs.length === 0) return { nodes: [], edges: [], found: false, length: 0, order: [] };
  const path = recs[0].get('p') as Path;
  const ids = new Map<string, string>();
  const nodeList: Node[] = [path.start, ...path.segments.map((s) => s.end)];
  for (const n of nodeList) ids.set(n.elementId, nodeKey(n));
  const degRecs = await read(`${nodesByIds()} RETURN n.id AS id, ${DEGREE('n')} AS degree`, { ids: nodeList.map(nodeKey) });
  const deg = new Map(degRecs.map((r) => [String(r.get('id')), toNumber(r.get('degree'))]));
  const nodes = nodeList.map((n) => {
    const g = nodeToGraph(n);
    g.degree = deg.get(g.id) ?? 0;
    return g;
  });
  const edges = path.segments.map((s) => relToGraph(s.relationship, ids));
  return { nodes, edges, found: true, length: path.length, order: nodes.map((n) => n.id) };
}

export const pathRoutes: Routes = {
  path: {
    method: 'GET',
    handle: ({ read, query }) =>
      shortestPath(read, query.string('from'), query.string('to'), query.int('maxHops', 8, { min: 1, max: MAX_HOPS })),
  },
};
