// Derived counts recomputed by traversal for given entities: what `atlas remove` uses after taking documents
// out (an ingest computes them once per run in plan.ts, by set operations over the run-wide resolution).
import type { WriteTarget } from './target.ts';

/** mentions, distinct documents, distinct works (three versions of one post count once) and degree. */
export async function refreshEntityStats(t: WriteTarget, ids?: string[]): Promise<void> {
  if (ids && ids.length === 0) return;
  await t.driver.executeQuery(
    `MATCH (e:Entity) ${ids ? 'WHERE e.id IN $ids' : ''}
     CALL (e) {
       OPTIONAL MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage)-[m:MENTIONS]->(e)
       OPTIONAL MATCH (d)-[:VERSION_OF]->(w:Work)
       RETURN count(m) AS mentions, count(DISTINCT d) AS documents, count(DISTINCT w) AS works
     }
     SET e.mentions = mentions, e.documents = documents, e.works = works,
         e.degree = COUNT { (e)-[r]-() WHERE type(r) <> 'MENTIONS' }`,
    { ids: ids ?? null },
    { database: t.database },
  );
}
