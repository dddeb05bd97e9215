// GET /api/overview: the start view — the most connected entities, a few much-mentioned loners, the
// documents that tie several of them together, and the edges among all of these.
import type { Node } from 'neo4j-driver';
import type { OverviewResponse } from '../api-types.ts';
import type { Read } from '../read.ts';
import { toNumber } from '../serialize.ts';
import { ENTITY_TYPES } from '../../../ingest/types.ts';
import { DEGREE, REL_PATTERN, STORED_DEGREE, edgesAmong, int, withDegree } from './cypher.ts';
import { communityOverview } from './communities.ts';
import type { Routes } from './route.ts';

export type OverviewCounts = Pick<OverviewResponse, 'counts' | 'totalEntities' | 'totalDocuments'>;

/**
 * Entities per type and documents in the database (the legend's totals), from Neo4j's count store: every
 * entity carries its type as a label (:Entity:Person …), and a label's count is kept by Neo4j, so no entity
 * is read. Only a graph whose type labels do not add up to its entities (written by hand, without them) is
 * grouped entity by entity.
 */
export async function overviewCounts(read: Read): Promise<OverviewCounts> {
  // The labels come from the fixed list of entity types, never from a request.
  const [rec] = await read(
    `CALL () { MATCH (e:Entity) RETURN count(e) AS total }
     CALL () { MATCH (d:Document) RETURN count(d) AS documents }
     ${ENTITY_TYPES.map((t, i) => `CALL () { MATCH (e:${t}) RETURN count(e) AS n${i} }`).join('\n     ')}
     RETURN total, documents, [${ENTITY_TYPES.map((_, i) => `n${i}`).join(', ')}] AS typed`,
  );
  const totalEntities = toNumber(rec.get('total'));
  const totalDocuments = toNumber(rec.get('documents'));
  let typed = (rec.get('typed') as unknown[]).map((n, i) => [ENTITY_TYPES[i] as string, toNumber(n)] as const);
  if (typed.reduce((s, [, n]) => s + n, 0) !== totalEntities) {
    const recs = await read('MATCH (e:Entity) RETURN e.type AS type, count(*) AS n');
    typed = recs.map((r) => [String(r.get('type')), toNumber(r.get('n'))] as const);
  }
  const counts: Record<string, number> = {};
  for (const [type, n] of typed) if (n > 0) counts[type] = n;
  if (totalDocuments > 0) counts['Document'] = totalDocuments;
  return { counts, totalEntities, totalDocuments };
}

/**
 * The most connected entities (mentions break ties), read in order off the `entity_degree` index of the degree
 * the ingest keeps on every entity: the start view costs the same on 100k entities as on 100, where counting
 * every entity's relations took over half a second.
 */
export const MOST_CONNECTED = `MATCH (e:Entity) WHERE e.degree > 0
  WITH e ORDER BY e.degree DESC, coalesce(e.mentions, 0) DESC, e.id LIMIT $limit
  RETURN e, e.degree AS degree`;

/** `totals`: the legend's totals when the caller already asked for them. */
export async function overview(read: Read, limit = 60, totals?: OverviewCounts): Promise<OverviewResponse> {
  // 1. The most connected entities, beside the legend's totals.
  const [{ counts, totalEntities, totalDocuments }, recs] = await Promise.all([
    totals ?? overviewCounts(read),
    read(MOST_CONNECTED, { limit: int(limit) }),
  ]);
  const nodes = recs.map((r) => withDegree(r.get('e') as Node, r.get('degree')));
  // 2. A few of the most mentioned unconnected entities, so a graph with few relations still shows its main
  //    actors — at most a quarter of the view, so they do not drown the structure.
  const spare = Math.min(limit - nodes.length, Math.ceil(limit / 4));
  if (spare > 0) {
    const lone = await read(
      `MATCH (e:Entity) WHERE NOT e.id IN $ids
       RETURN e, ${STORED_DEGREE('e')} AS degree ORDER BY coalesce(e.mentions, 0) DESC, e.id LIMIT $spare`,
      { ids: nodes.map((n) => n.id), spare: int(spare) },
    );
    nodes.push(...lone.map((r) => withDegree(r.get('e') as Node, r.get('degree'))));
  }
  // 3. The documents that tie several of them together (they carry ABOUT / CITES / ACKNOWLEDGES …).
  const docs = await read(
    `MATCH (d:Document)-[:${REL_PATTERN}]-(e:Entity) WHERE e.id IN $ids
     WITH d, count(DISTINCT e) AS k WHERE k >= 2
     RETURN d, ${DEGREE('d')} AS degree ORDER BY k DESC, d.id LIMIT $docLimit`,
    { ids: nodes.map((n) => n.id), docLimit: int(Math.max(1, Math.round(limit / 8))) },
  );
  nodes.push(...docs.map((r) => withDegree(r.get('d') as Node, r.get('degree'))));
  const edges = await edgesAmong(
    read,
    nodes.map((n) => n.id),
  );
  return { nodes, edges, counts, totalEntities, totalDocuments };
}

export const overviewRoutes: Routes = {
  overview: {
    method: 'GET',
    // The communities when the graph has them (ingest computes them), else the most connected entities.
    handle: async ({ read, query }) => {
      // Both parameters are checked whichever view answers: a bad one is a 400 on every graph.
      const communities = query.int('communities', 8, { min: 1, max: 30 });
      const limit = query.int('limit', 60, { min: 1, max: 300 });
      // The counts are asked for beside the communities (two sessions, one round trip of waiting).
      const [view, counts] = await Promise.all([communityOverview(read, { communities }), overviewCounts(read)]);
      return view ? { ...counts, ...view } : overview(read, limit, counts);
    },
  },
};
