// GET /api/overview: the start view — the most connected entities, a few much-mentioned loners, the
// documents that tie several of them together, and the edges among all of these.
import type { Node } from 'neo4j-driver';
import type { OverviewResponse } from '../api-types.ts';
import type { Read } from '../read.ts';
import { toNumber } from '../serialize.ts';
import { DEGREE, REL_PATTERN, edgesAmong, int, withDegree } from './cypher.ts';
import { communityOverview } from './communities.ts';
import type { Routes } from './route.ts';

/** Entities per type and documents in the database (the legend's totals). */
async function overviewCounts(read: Read): Promise<Pick<OverviewResponse, 'counts' | 'totalEntities' | 'totalDocuments'>> {
  const countRecs = await read(
    `MATCH (e:Entity) RETURN e.type AS type, count(*) AS n
     UNION ALL MATCH (d:Document) RETURN 'Document' AS type, count(*) AS n`,
  );
  const counts: Record<string, number> = {};
  for (const r of countRecs) counts[String(r.get('type'))] = toNumber(r.get('n'));
  const totalDocuments = counts['Document'] ?? 0;
  const totalEntities = Object.entries(counts)
    .filter(([t]) => t !== 'Document')
    .reduce((s, [, n]) => s + n, 0);
  return { counts, totalEntities, totalDocuments };
}

export async function overview(read: Read, limit = 60): Promise<OverviewResponse> {
  const { counts, totalEntities, totalDocuments } = await overviewCounts(read);

  // 1. The most connected entities (mentions break ties).
  const recs = await read(
    `MATCH (e:Entity)
     WITH e, ${DEGREE('e')} AS degree
     WHERE degree > 0
     ORDER BY degree DESC, coalesce(e.mentions, 0) DESC, e.id
     LIMIT $limit
     RETURN e, degree`,
    { limit: int(limit) },
  );
  const nodes = recs.map((r) => withDegree(r.get('e') as Node, r.get('degree')));
  // 2. A few of the most mentioned unconnected entities, so a graph with few relations still shows its main
  //    actors — at most a quarter of the view, so they do not drown the structure.
  const spare = Math.min(limit - nodes.length, Math.ceil(limit / 4));
  if (spare > 0) {
    const lone = await read(
      `MATCH (e:Entity) WHERE NOT e.id IN $ids
       RETURN e, ${DEGREE('e')} AS degree ORDER BY coalesce(e.mentions, 0) DESC, e.id LIMIT $spare`,
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
      const view = await communityOverview(read, { communities });
      return view ? { ...(await overviewCounts(read)), ...view } : overview(read, limit);
    },
  },
};
