// Removing documents (`atlas remove`, `ingest --watch` on a deleted file): each document goes with its
// passages, mentions, resolution input and own edges, and its evidence comes off shared relations (a relation
// left with none goes); its Work is regrouped from the versions left. Then the remaining documents are
// settled again, as an ingest settles them, so what their resolution depended on the removed document
// (entities, aliases, merges, counts) becomes what an ingest without it gives, and the overview is recounted.
import type { ManagedTransaction } from 'neo4j-driver';
import { loadLexicon, type Lexicon } from '../lexicon.ts';
import { assignWorks } from '../4-resolve/dedupe.ts';
import { MIN_SUPPORT } from './cooccurrence/index.ts';
import { acquireLease } from './lease.ts';
import { refreshStaleOverview } from './overview.ts';
import { settle } from './settle.ts';
import { inWrite, type WriteTarget } from './target.ts';

export interface RemovedDocument {
  id: string;
  source: string;
}

export interface RemoveSummary {
  removed: RemovedDocument[];
  /** Sources given that matched no stored document. */
  notFound: string[];
  passages: number;
  mentions: number;
  /** Relations that lost all their evidence (or an end) and were deleted. */
  relations: number;
  entities: number;
  works: number;
}

/**
 * The stored documents a source names: a file's or URL's exact source, or every document under a folder.
 * `sources` are absolute paths or URLs.
 */
export async function findDocuments(t: WriteTarget, sources: string[]): Promise<{ found: RemovedDocument[]; notFound: string[] }> {
  const res = await t.driver.executeQuery(
    `UNWIND $sources AS s
     OPTIONAL MATCH (d:Document) WHERE d.source = s OR d.source STARTS WITH s + '/'
     RETURN s, collect({id: d.id, source: d.source}) AS docs`,
    { sources },
    { database: t.database, routing: 'READ' },
  );
  const found = new Map<string, RemovedDocument>();
  const notFound: string[] = [];
  for (const r of res.records) {
    const docs = (r.get('docs') as { id: string | null; source: string }[]).filter((d) => d.id);
    if (docs.length === 0) notFound.push(r.get('s'));
    for (const d of docs) found.set(d.id!, { id: d.id!, source: d.source });
  }
  return { found: [...found.values()].sort((a, b) => a.source.localeCompare(b.source)), notFound };
}

/**
 * Removes the documents the sources name, one transaction per document, under the ingest lease (a removal
 * and an ingest take turns), then settles what is left and recounts the overview.
 */
export async function removeSources(
  t: WriteTarget,
  sources: string[],
  opts: { lexicon?: Lexicon; onStep?: (step: string) => void } = {},
): Promise<RemoveSummary> {
  const { found, notFound } = await findDocuments(t, sources);
  const summary: RemoveSummary = { removed: [], notFound, passages: 0, mentions: 0, relations: 0, entities: 0, works: 0 };
  if (found.length === 0) return summary;
  const lexicon = opts.lexicon ?? loadLexicon();
  const lease = await acquireLease(t, { onWait: (holder) => opts.onStep?.(`waiting for another ingest (${holder}) to finish`) });
  try {
    for (const doc of found) {
      lease.check();
      const counts = await inWrite(t, (tx) => removeDocumentTx(tx, doc.id));
      if (!counts) continue; // gone already (another removal got there first)
      summary.removed.push(doc);
      summary.passages += counts.passages;
      summary.mentions += counts.mentions;
      summary.relations += counts.relations;
      summary.works += counts.works;
    }
    lease.check();
    const { plan } = await settle(t, lexicon, { onStep: opts.onStep });
    summary.entities += plan.drop.length;
    summary.relations += plan.staleRelations.length;
    await refreshStaleOverview(t, summary.removed.map((d) => d.id));
  } finally {
    await lease.release();
  }
  return summary;
}

interface TxCounts {
  passages: number;
  mentions: number;
  /** Relations that lost all their evidence (or an end) and were deleted. */
  relations: number;
  works: number;
}

const num = (v: unknown) => Number(v ?? 0);

/** One document out, inside the caller's transaction; null when there is no such document. */
export async function removeDocumentTx(tx: ManagedTransaction, docId: string): Promise<TxCounts | null> {
  const prefix = docId + ':';
  const before = await tx.run(
    `MATCH (d:Document {id: $docId})
     OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(p:Passage)
     RETURN count(DISTINCT p) AS passages, COUNT { (d)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->() } AS mentions`,
    { docId },
  );
  if (before.records.length === 0) return null;
  // Its evidence off shared relations; a relation left with none (a co-occurrence under MIN_SUPPORT) is
  // deleted, the others keep their support and confidence true to the evidence that is left.
  const stripped = await tx.run(
    `MATCH ()-[r]->() WHERE r.evidenceKeys IS NOT NULL AND any(k IN r.evidenceKeys WHERE k STARTS WITH $prefix)
     WITH r, [i IN range(0, size(r.evidenceKeys) - 1) WHERE NOT r.evidenceKeys[i] STARTS WITH $prefix] AS keep
     SET r.evidenceKeys = [i IN keep | r.evidenceKeys[i]], r.evidencePassages = [i IN keep | r.evidencePassages[i]],
         r.evidenceStarts = [i IN keep | r.evidenceStarts[i]], r.evidenceEnds = [i IN keep | r.evidenceEnds[i]],
         r.evidenceSentences = [i IN keep | r.evidenceSentences[i]], r.evidenceMethods = [i IN keep | r.evidenceMethods[i]],
         r.evidenceConfidences = [i IN keep | r.evidenceConfidences[i]], r.support = size(keep),
         r.confidence = reduce(m = 0.0, c IN [i IN keep | r.evidenceConfidences[i]] | CASE WHEN c > m THEN c ELSE m END)
     REMOVE r.evidenceHash
     WITH r, keep WHERE size(keep) = 0 OR (type(r) = 'CO_OCCURS' AND size(keep) < $min)
     DELETE r
     RETURN count(*) AS deleted`,
    { prefix, min: MIN_SUPPORT },
  );
  // The document's own edges (CITES, LINKS_TO, AUTHORED … of the document node) go with it, and so do its
  // passages and its resolution input; a Work keeps its other versions.
  const gone = await tx.run(
    `MATCH (d:Document {id: $docId})
     OPTIONAL MATCH (d)-[:VERSION_OF]->(w:Work)
     WITH d, w, COUNT { (d)-[r]-() WHERE NOT type(r) IN ['HAS_PASSAGE', 'VERSION_OF'] } AS own
     OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(p:Passage)
     WITH d, w, own, collect(p) AS ps
     FOREACH (x IN ps | DETACH DELETE x)
     DETACH DELETE d
     WITH own, w
     OPTIONAL MATCH (x:Extraction {id: $docId})
     DELETE x
     RETURN own, w.id AS work`,
    { docId },
  );
  const workId = gone.records[0]?.get('work') as string | null;
  const works = workId ? await regroupWork(tx, workId) : 0;
  return {
    passages: num(before.records[0].get('passages')),
    mentions: num(before.records[0].get('mentions')),
    relations: num(stripped.records[0]?.get('deleted')) + num(gone.records[0]?.get('own')),
    works,
  };
}

/**
 * The versions a Work has left, grouped again as an ingest of them alone would (in source order, the order
 * of a folder listing): a work named after the removed document takes a remaining version's name, and one
 * that the removed document bridged splits. Returns how many works went.
 */
async function regroupWork(tx: ManagedTransaction, workId: string): Promise<number> {
  const res = await tx.run(
    `MATCH (w:Work {id: $workId}) OPTIONAL MATCH (w)<-[:VERSION_OF]-(d:Document)
     WITH w, d ORDER BY d.source
     RETURN collect(CASE WHEN d IS NULL THEN null ELSE {id: d.id, minhash: d.minhash, shingles: d.shingles} END) AS docs`,
    { workId },
  );
  const docs = ((res.records[0]?.get('docs') ?? []) as { id: string; minhash: unknown[] | null; shingles: unknown }[]).filter((d) => d.minhash);
  const { works } = assignWorks([], docs.map((d) => ({ docId: d.id, fp: { minhash: d.minhash!.map(Number), shingles: Number(d.shingles) } })));
  const rows = docs.map((d) => ({ docId: d.id, workId: works.get(d.id)!.workId, similarity: works.get(d.id)!.similarity }));
  await tx.run(
    `MATCH (old:Work {id: $workId})
     OPTIONAL MATCH (old)<-[v:VERSION_OF]-() DELETE v
     WITH DISTINCT old DELETE old
     WITH 1 AS one
     UNWIND $rows AS row
     MATCH (d:Document {id: row.docId})
     // A version titled after the removed one reads its own name again until refreshWorkTitles re-derives it.
     SET d.title = CASE WHEN d.titleSource = 'work' THEN d.name ELSE d.title END,
         d.titleSource = CASE WHEN d.titleSource = 'work' THEN 'file name' ELSE d.titleSource END
     MERGE (w:Work {id: row.workId}) ON CREATE SET w.title = d.title
     MERGE (d)-[v:VERSION_OF]->(w) SET v.similarity = row.similarity`,
    { workId, rows },
  );
  return Math.max(0, 1 - new Set(rows.map((r) => r.workId)).size);
}

/**
 * Empties Atlas's graph: every Document, Passage, Entity, Work and Community with their relationships (other data in a
 * shared database is left alone; the schema stays). Batched, so a big graph does not need one huge transaction.
 */
export async function resetGraph(t: WriteTarget): Promise<number> {
  const session = t.driver.session({ database: t.database });
  try {
    const res = await session.run(
      `MATCH (n) WHERE n:Document OR n:Passage OR n:Entity OR n:Work OR n:Extraction OR n:Community
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
       RETURN count(*) AS n`,
    );
    return num(res.records[0]?.get('n'));
  } finally {
    await session.close();
  }
}
