// Removing documents (`atlas remove`, `ingest --watch` on a deleted file): each document goes with everything
// only it supported — its passages and their mentions, its evidence on shared relations (a relation left with
// no evidence goes too), entities left with no mention and no relation, a Work left with no version — and the
// derived counts, aliases and titles of what remains are brought back to what an ingest without it gives.
import type { ManagedTransaction } from 'neo4j-driver';
import { fold } from '../keys.ts';
import { loadLexicon, type Lexicon } from '../lexicon.ts';
import { assignWorks } from '../4-resolve/dedupe.ts';
import { refreshEntityStats, refreshWorkTitles, type WriteTarget } from './index.ts';

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

/** Removes the documents the sources name, one transaction per document, then refreshes what they touched. */
export async function removeSources(t: WriteTarget, sources: string[], opts: { lexicon?: Lexicon } = {}): Promise<RemoveSummary> {
  const { found, notFound } = await findDocuments(t, sources);
  const lexicon = opts.lexicon ?? loadLexicon();
  const summary: RemoveSummary = { removed: [], notFound, passages: 0, mentions: 0, relations: 0, entities: 0, works: 0 };
  const touched = new Set<string>();
  const session = t.driver.session({ database: t.database });
  try {
    for (const doc of found) {
      const counts = await session.executeWrite((tx) => removeDocumentTx(tx, doc.id, lexicon));
      summary.removed.push(doc);
      summary.passages += counts.passages;
      summary.mentions += counts.mentions;
      summary.relations += counts.relations;
      summary.entities += counts.entities;
      summary.works += counts.works;
      for (const id of counts.touched) touched.add(id);
    }
  } finally {
    await session.close();
  }
  if (found.length) {
    await refreshEntityStats(t, [...touched]);
    await refreshWorkTitles(t);
  }
  return summary;
}

interface TxCounts {
  passages: number;
  mentions: number;
  relations: number;
  entities: number;
  works: number;
  /** Entities that remain and whose counts, degree or aliases may have changed. */
  touched: string[];
}

const num = (v: unknown) => Number(v ?? 0);

/** One document out, inside the caller's transaction. */
export async function removeDocumentTx(tx: ManagedTransaction, docId: string, lexicon: Lexicon): Promise<TxCounts> {
  const prefix = docId + ':';
  // What the document touches, read before anything goes: entities it mentions (with the surface texts of
  // its mentions, for aliases), entities at either end of a relation carrying its evidence or ending at it.
  const before = await tx.run(
    `MATCH (d:Document {id: $docId})
     CALL (d) {
       OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(p:Passage)
       OPTIONAL MATCH (p)-[m:MENTIONS]->(e:Entity)
       RETURN count(DISTINCT p) AS passages, count(m) AS mentions
     }
     CALL (d) {
       OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(:Passage)-[m:MENTIONS]->(e:Entity)
       WITH e, collect(m.text) AS texts WHERE e IS NOT NULL
       RETURN collect({id: e.id, texts: texts}) AS mentioned
     }
     CALL (d) {
       OPTIONAL MATCH (a)-[r]->(b) WHERE r.evidenceKeys IS NOT NULL AND any(k IN r.evidenceKeys WHERE k STARTS WITH $prefix)
       WITH collect(DISTINCT a.id) + collect(DISTINCT b.id) AS ids
       OPTIONAL MATCH (d)-[]-(x:Entity)
       WITH ids, collect(DISTINCT x.id) AS xs
       RETURN ids + xs AS related
     }
     RETURN passages, mentions, mentioned, related`,
    { docId, prefix },
  );
  if (before.records.length === 0) return { passages: 0, mentions: 0, relations: 0, entities: 0, works: 0, touched: [] };
  const rec = before.records[0];
  const mentioned = rec.get('mentioned') as { id: string; texts: string[] }[];
  const touched = new Set<string>([...mentioned.map((m) => m.id), ...(rec.get('related') as (string | null)[]).filter((x): x is string => !!x && !x.startsWith('doc:'))]);

  // Its evidence off shared relations; a relation left with none is deleted, the others keep their
  // support and confidence true to the evidence that is left.
  const stripped = await tx.run(
    `MATCH ()-[r]->() WHERE r.evidenceKeys IS NOT NULL AND any(k IN r.evidenceKeys WHERE k STARTS WITH $prefix)
     WITH r, [i IN range(0, size(r.evidenceKeys) - 1) WHERE NOT r.evidenceKeys[i] STARTS WITH $prefix] AS keep
     SET r.evidenceKeys = [i IN keep | r.evidenceKeys[i]], r.evidencePassages = [i IN keep | r.evidencePassages[i]],
         r.evidenceStarts = [i IN keep | r.evidenceStarts[i]], r.evidenceEnds = [i IN keep | r.evidenceEnds[i]],
         r.evidenceSentences = [i IN keep | r.evidenceSentences[i]], r.evidenceMethods = [i IN keep | r.evidenceMethods[i]],
         r.evidenceConfidences = [i IN keep | r.evidenceConfidences[i]], r.support = size(keep),
         r.confidence = reduce(m = 0.0, c IN [i IN keep | r.evidenceConfidences[i]] | CASE WHEN c > m THEN c ELSE m END)
     WITH r, keep WHERE size(keep) = 0
     DELETE r
     RETURN count(*) AS deleted`,
    { prefix },
  );
  // The document's own edges (CITES, LINKS_TO, AUTHORED … of the document node) go with it, and so do its
  // passages; a Work keeps its other versions.
  const gone = await tx.run(
    `MATCH (d:Document {id: $docId})
     OPTIONAL MATCH (d)-[:VERSION_OF]->(w:Work)
     WITH d, w, COUNT { (d)-[r]-() WHERE NOT type(r) IN ['HAS_PASSAGE', 'VERSION_OF'] } AS own
     OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(p:Passage)
     WITH d, w, own, collect(p) AS ps
     FOREACH (x IN ps | DETACH DELETE x)
     DETACH DELETE d
     // Its resolution inputs go too, so later runs no longer resolve against it.
     WITH own, w
     OPTIONAL MATCH (x:Extraction {id: $docId})
     DELETE x
     RETURN own, w.id AS work`,
    { docId },
  );
  const workId = gone.records[0]?.get('work') as string | null;
  const works = workId ? await regroupWork(tx, workId) : 0;
  // Entities with nothing left pointing at them go; the rest lose the aliases only this document gave them.
  const orphans = await tx.run(
    `UNWIND $ids AS id MATCH (e:Entity {id: id}) WHERE NOT EXISTS { (e)--() } DELETE e RETURN count(*) AS n`,
    { ids: [...touched] },
  );
  const left = await tx.run(
    `UNWIND $ids AS id MATCH (e:Entity {id: id})
     OPTIONAL MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->(e)
     WITH e, m ORDER BY d.source, p.index, m.start
     RETURN e.id AS id, e.aliases AS aliases, e.lexiconId AS lexiconId, collect(m.text) AS texts`,
    { ids: [...touched] },
  );
  const removedTexts = new Map(mentioned.map((m) => [m.id, new Set(m.texts.map(fold))]));
  const aliasRows: { id: string; aliases: string[] }[] = [];
  for (const r of left.records) {
    const id = r.get('id') as string;
    const aliases = (r.get('aliases') as string[] | null) ?? [];
    const pruned = pruneAliases(aliases, removedTexts.get(id), r.get('texts') as string[], lexicon.byId.get(r.get('lexiconId') ?? id)?.aliases);
    if (pruned.join('\n') !== aliases.join('\n')) aliasRows.push({ id, aliases: pruned });
  }
  if (aliasRows.length) {
    await tx.run(
      `UNWIND $rows AS row MATCH (e:Entity {id: row.id})
       SET e.aliases = row.aliases, e.aliasText = reduce(s = '', a IN row.aliases | s + a + ' | ')`,
      { rows: aliasRows },
    );
  }
  return {
    passages: num(rec.get('passages')),
    mentions: num(rec.get('mentions')),
    relations: num(stripped.records[0]?.get('deleted')) + num(gone.records[0]?.get('own')),
    entities: num(orphans.records[0]?.get('n')),
    works,
    touched: left.records.map((r) => r.get('id') as string),
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
 * An alias that only the removed document's mentions spelled goes; one that a remaining mention spells, or
 * that the lexicon gives the entity, stays — in the spelling of the first remaining mention, as resolution
 * would pick it (aliases differing only in case or accents are one alias). Sorted, as resolution sorts them.
 */
export function pruneAliases(aliases: string[], removed: Set<string> | undefined, remainingTexts: string[], lexiconAliases: string[] = []): string[] {
  if (!removed || removed.size === 0) return aliases;
  const spelling = new Map<string, string>();
  // Mention texts come before lexicon aliases, as they do when resolution gathers an entity's aliases.
  for (const t of [...remainingTexts, ...lexiconAliases]) if (!spelling.has(fold(t))) spelling.set(fold(t), t.replace(/\s+/g, ' ').trim());
  const out: string[] = [];
  for (const a of aliases) {
    const f = fold(a);
    if (!removed.has(f)) out.push(a);
    else if (spelling.has(f)) out.push(spelling.get(f)!);
  }
  return out.sort();
}

/**
 * Empties Atlas's graph: every Document, Passage, Entity and Work with their relationships (other data in a
 * shared database is left alone; the schema stays). Batched, so a big graph does not need one huge transaction.
 */
export async function resetGraph(t: WriteTarget): Promise<number> {
  const session = t.driver.session({ database: t.database });
  try {
    const res = await session.run(
      `MATCH (n) WHERE n:Document OR n:Passage OR n:Entity OR n:Work OR n:Extraction
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
       RETURN count(*) AS n`,
    );
    return num(res.records[0]?.get('n'));
  } finally {
    await session.close();
  }
}
