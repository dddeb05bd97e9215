// Stage 5 — write: a resolved GraphBatch into Neo4j. Batched `UNWIND … MERGE` in `executeWrite`
// transactions (retried on transient errors, routed to the leader in a cluster); idempotent — MERGE on
// unique keys everywhere, evidence appended only when its key is new.
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { Document, Entity, EntityType, GraphBatch, NodeRef, Passage, Relation, RelationType, ResolvedMention } from '../types.ts';
import { ENTITY_TYPES } from '../types.ts';
import type { Fingerprint, WorkCandidate } from '../4-resolve/dedupe.ts';

export interface WriteTarget {
  driver: Driver;
  database?: string;
}

const SCHEMA = [
  'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT passage_id IF NOT EXISTS FOR (n:Passage) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT work_id IF NOT EXISTS FOR (n:Work) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)',
  'CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)',
  'CREATE INDEX passage_doc IF NOT EXISTS FOR (n:Passage) ON (n.docId)',
  'CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)',
  // aliasText (aliases joined) sits beside the list so full-text search covers every alias on any 5.x.
  'CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText]',
  'CREATE FULLTEXT INDEX passage_text IF NOT EXISTS FOR (n:Passage) ON EACH [n.text]',
];

export async function ensureSchema(t: WriteTarget): Promise<void> {
  const session = t.driver.session({ database: t.database });
  try {
    for (const q of SCHEMA) await session.run(q);
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}

export interface StoredDocument {
  id: string;
  contentHash: string;
  workId?: string;
  fp?: Fingerprint;
}

/** What the database already holds about these sources: their content hashes decide what to skip. */
export async function storedDocuments(t: WriteTarget): Promise<Map<string, StoredDocument>> {
  const res = await t.driver.executeQuery(
    'MATCH (d:Document) OPTIONAL MATCH (d)-[:VERSION_OF]->(w:Work) RETURN d.id AS id, d.contentHash AS hash, w.id AS work, d.minhash AS minhash, d.shingles AS shingles',
    {},
    { database: t.database, routing: 'READ' },
  );
  const out = new Map<string, StoredDocument>();
  for (const r of res.records) {
    const minhash = r.get('minhash') as number[] | null;
    out.set(r.get('id'), {
      id: r.get('id'),
      contentHash: r.get('hash'),
      workId: r.get('work') ?? undefined,
      fp: minhash ? { minhash: minhash.map(Number), shingles: Number(r.get('shingles')) } : undefined,
    });
  }
  return out;
}

export function workCandidates(stored: Map<string, StoredDocument>, except: Set<string>): WorkCandidate[] {
  return [...stored.values()].filter((d) => d.fp && d.workId && !except.has(d.id)).map((d) => ({ docId: d.id, workId: d.workId!, fp: d.fp! }));
}

/**
 * Removes everything one document contributed, so a changed document can be written afresh: its passages
 * and their mentions, its evidence on shared relations (relations left with no evidence go too), and
 * entities that nothing mentions any more. Other documents' facts are untouched.
 */
export async function removeDocument(tx: ManagedTransaction, docId: string): Promise<void> {
  const prefix = docId + ':';
  await tx.run(
    `MATCH ()-[r]->() WHERE r.evidenceKeys IS NOT NULL AND any(k IN r.evidenceKeys WHERE k STARTS WITH $prefix)
     WITH r, [i IN range(0, size(r.evidenceKeys) - 1) WHERE NOT r.evidenceKeys[i] STARTS WITH $prefix] AS keep
     SET r.evidenceKeys = [i IN keep | r.evidenceKeys[i]], r.evidencePassages = [i IN keep | r.evidencePassages[i]],
         r.evidenceStarts = [i IN keep | r.evidenceStarts[i]], r.evidenceEnds = [i IN keep | r.evidenceEnds[i]],
         r.evidenceSentences = [i IN keep | r.evidenceSentences[i]], r.evidenceMethods = [i IN keep | r.evidenceMethods[i]],
         r.evidenceConfidences = [i IN keep | r.evidenceConfidences[i]], r.support = size(keep)
     WITH r WHERE r.support = 0 DELETE r`,
    { prefix },
  );
  await tx.run(
    `MATCH (d:Document {id: $docId})
     OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(p:Passage)
     OPTIONAL MATCH (p)-[:MENTIONS]->(e:Entity)
     WITH d, collect(DISTINCT p) AS ps, collect(DISTINCT e) AS es
     FOREACH (p IN ps | DETACH DELETE p)
     WITH d, es
     OPTIONAL MATCH (d)-[v:VERSION_OF]->(w:Work)
     DELETE v
     WITH d, es, w
     CALL (w) { WITH w WHERE w IS NOT NULL AND NOT EXISTS { (w)<-[:VERSION_OF]-() } DETACH DELETE w }
     DETACH DELETE d
     WITH es UNWIND es AS e
     WITH e WHERE NOT EXISTS { (e)<-[:MENTIONS]-() }
     DETACH DELETE e`,
    { docId },
  );
}

export interface DocumentWrite {
  doc: Document;
  passages: Passage[];
  fp: Fingerprint;
  workId: string;
  similarity: number;
}

/**
 * Writes documents with their passages, the entities and mentions, and the relations with their evidence,
 * all in one transaction so a failure leaves nothing half-written.
 */
export async function writeBatch(t: WriteTarget, docs: DocumentWrite[], batch: Pick<GraphBatch, 'entities' | 'mentions' | 'relations'>, replace: string[]): Promise<void> {
  const session = t.driver.session({ database: t.database });
  try {
    await session.executeWrite(async (tx) => {
      for (const id of replace) await removeDocument(tx, id);
      await writeDocuments(tx, docs);
      await writeEntities(tx, batch.entities);
      await writeMentions(tx, batch.mentions);
      await writeRelations(tx, batch.relations);
    });
  } finally {
    await session.close();
  }
}

async function writeDocuments(tx: ManagedTransaction, docs: DocumentWrite[]): Promise<void> {
  const rows = docs.map(({ doc, fp, workId, similarity }) => ({
    id: doc.id,
    props: {
      source: doc.source,
      name: doc.name,
      format: doc.format,
      title: doc.meta.title ?? doc.name,
      titleSource: doc.meta.title ? 'metadata' : 'file name',
      author: doc.meta.author ?? null,
      published: doc.meta.published ?? null,
      sourceUrl: doc.meta.sourceUrl ?? (/^https?:/.test(doc.source) ? doc.source : null),
      meta: JSON.stringify(doc.meta.fields),
      text: doc.text,
      length: doc.text.length,
      contentHash: doc.contentHash,
      minhash: fp.minhash,
      shingles: fp.shingles,
      ingestedAt: new Date().toISOString(),
    },
    workId,
    similarity,
  }));
  await tx.run(
    `UNWIND $rows AS row
     MERGE (d:Document {id: row.id}) SET d += row.props
     MERGE (w:Work {id: row.workId}) ON CREATE SET w.title = row.props.title
     MERGE (d)-[v:VERSION_OF]->(w) SET v.similarity = row.similarity`,
    { rows },
  );
  const passages = docs.flatMap(({ passages }) =>
    passages.map((p) => ({
      id: p.id,
      docId: p.docId,
      props: { docId: p.docId, index: p.index, kind: p.kind, start: p.start, end: p.end, text: p.text, sentenceStarts: p.sentences.map((s) => s.start), sentenceEnds: p.sentences.map((s) => s.end), repliesTo: p.repliesTo ?? null },
    })),
  );
  for (const chunk of chunks(passages, 5000)) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (d:Document {id: row.docId})
       MERGE (p:Passage {id: row.id}) SET p += row.props
       MERGE (d)-[:HAS_PASSAGE]->(p)`,
      { rows: chunk },
    );
  }
}

async function writeEntities(tx: ManagedTransaction, entities: Entity[]): Promise<void> {
  for (const type of ENTITY_TYPES) {
    const rows = entities.filter((e) => e.type === type).map((e) => ({ id: e.id, name: e.name, aliases: e.aliases, lexiconId: e.lexiconId ?? null, description: e.description ?? null }));
    for (const chunk of chunks(rows, 5000)) {
      // The label comes from a closed enum, so interpolating it is safe; values always go as parameters.
      await tx.run(
        `UNWIND $rows AS row
         MERGE (e:Entity {id: row.id})
         ON CREATE SET e:${type satisfies EntityType}, e.name = row.name, e.type = '${type}', e.lexiconId = row.lexiconId,
                       e.description = row.description, e.aliases = row.aliases,
                       e.aliasText = reduce(s = '', a IN row.aliases | s + a + ' | ')
         WITH e, row, [a IN row.aliases WHERE NOT a IN coalesce(e.aliases, [])] AS fresh
         // Only entities that gain an alias are touched again: each write re-indexes the full-text entry.
         WITH e, fresh WHERE size(fresh) > 0
         SET e.aliases = coalesce(e.aliases, []) + fresh
         SET e.aliasText = reduce(s = '', a IN e.aliases | s + a + ' | ')`,
        { rows: chunk },
      );
    }
  }
}

async function writeMentions(tx: ManagedTransaction, mentions: ResolvedMention[]): Promise<void> {
  const rows = mentions.map((m) => ({ passageId: m.passageId, entityId: m.entityId, start: m.start, end: m.end, text: m.text, method: m.method, confidence: m.confidence }));
  for (const chunk of chunks(rows, 10000)) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (p:Passage {id: row.passageId})
       MATCH (e:Entity {id: row.entityId})
       MERGE (p)-[m:MENTIONS {start: row.start}]->(e)
       SET m.end = row.end, m.text = row.text, m.method = row.method, m.confidence = row.confidence`,
      { rows: chunk },
    );
  }
}

const LABEL: Record<NodeRef['kind'], string> = { entity: 'Entity', document: 'Document', passage: 'Passage' };

/** Relations grouped by (type, end kinds) so each group is one parameterised UNWIND with fixed labels. */
async function writeRelations(tx: ManagedTransaction, relations: Relation[]): Promise<void> {
  const merged = new Map<string, { type: RelationType; from: NodeRef; to: NodeRef; evidence: Map<string, Relation['evidence'][number]> }>();
  for (const r of relations) {
    const key = `${r.type}|${r.from.kind}:${r.from.id}|${r.to.kind}:${r.to.id}`;
    let m = merged.get(key);
    if (!m) merged.set(key, (m = { type: r.type, from: r.from, to: r.to, evidence: new Map() }));
    for (const ev of r.evidence) m.evidence.set(`${ev.passageId}@${ev.start}-${ev.end}`, ev);
  }
  const groups = new Map<string, { type: RelationType; fromKind: NodeRef['kind']; toKind: NodeRef['kind']; rows: unknown[] }>();
  for (const m of merged.values()) {
    const g = `${m.type}|${m.from.kind}|${m.to.kind}`;
    if (!groups.has(g)) groups.set(g, { type: m.type, fromKind: m.from.kind, toKind: m.to.kind, rows: [] });
    groups.get(g)!.rows.push({
      from: m.from.id,
      to: m.to.id,
      evidence: [...m.evidence].map(([key, ev]) => ({ key, passageId: ev.passageId, start: ev.start, end: ev.end, sentence: ev.sentence, method: ev.method, confidence: ev.confidence })),
    });
  }
  for (const g of groups.values()) {
    for (const chunk of chunks(g.rows, 5000)) {
      await tx.run(
        `UNWIND $rows AS row
         MATCH (a:${LABEL[g.fromKind]} {id: row.from})
         MATCH (b:${LABEL[g.toKind]} {id: row.to})
         MERGE (a)-[r:${g.type}]->(b)
         WITH r, [ev IN row.evidence WHERE NOT ev.key IN coalesce(r.evidenceKeys, [])] AS fresh
         SET r.evidenceKeys = coalesce(r.evidenceKeys, []) + [ev IN fresh | ev.key],
             r.evidencePassages = coalesce(r.evidencePassages, []) + [ev IN fresh | ev.passageId],
             r.evidenceStarts = coalesce(r.evidenceStarts, []) + [ev IN fresh | ev.start],
             r.evidenceEnds = coalesce(r.evidenceEnds, []) + [ev IN fresh | ev.end],
             r.evidenceSentences = coalesce(r.evidenceSentences, []) + [ev IN fresh | ev.sentence],
             r.evidenceMethods = coalesce(r.evidenceMethods, []) + [ev IN fresh | ev.method],
             r.evidenceConfidences = coalesce(r.evidenceConfidences, []) + [ev IN fresh | ev.confidence]
         SET r.support = size(r.evidenceKeys),
             r.confidence = reduce(m = 0.0, c IN r.evidenceConfidences | CASE WHEN c > m THEN c ELSE m END)`,
        { rows: chunk },
      );
    }
  }
}

/**
 * A work is titled by the first version that states a title; versions without one (a plain-text copy, a
 * thread export) show that title too, marked `titleSource: 'work'`, instead of a file name.
 */
export async function refreshWorkTitles(t: WriteTarget): Promise<void> {
  await t.driver.executeQuery(
    `MATCH (w:Work)<-[:VERSION_OF]-(d:Document)
     WITH w, d ORDER BY d.source
     WITH w, collect(d) AS docs
     WITH w, docs, [x IN docs WHERE x.titleSource = 'metadata' | x.title] AS stated
     SET w.title = coalesce(head(stated), head(docs).name)
     WITH docs, head(stated) AS title WHERE title IS NOT NULL
     UNWIND docs AS d
     WITH d, title WHERE d.titleSource <> 'metadata'
     SET d.title = title, d.titleSource = 'work'`,
    {},
    { database: t.database },
  );
}

/** Folds works that a new version bridged into one. */
export async function mergeWorks(t: WriteTarget, merges: Map<string, string>): Promise<void> {
  if (merges.size === 0) return;
  const rows = [...merges].map(([from, to]) => ({ from, to }));
  const session = t.driver.session({ database: t.database });
  try {
    await session.executeWrite(async (tx) => {
      await tx.run(
        `UNWIND $rows AS row
         MATCH (old:Work {id: row.from})
         MERGE (w:Work {id: row.to})
         WITH old, w
         MATCH (d:Document)-[v:VERSION_OF]->(old)
         MERGE (d)-[nv:VERSION_OF]->(w) SET nv.similarity = v.similarity
         DELETE v`,
        { rows },
      );
      await tx.run(`UNWIND $rows AS row MATCH (old:Work {id: row.from}) WHERE NOT EXISTS { (old)<-[:VERSION_OF]-() } DETACH DELETE old`, { rows });
    });
  } finally {
    await session.close();
  }
}

/**
 * Derived counts used for sizing and ranking: mentions, distinct documents, and distinct works (so three
 * versions of one post count once). Recomputed for the given entities, or all when none are given.
 */
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
         e.degree = COUNT { (e)-[r]-() WHERE NOT type(r) IN ['MENTIONS', 'CO_OCCURS'] }`,
    { ids: ids ?? null },
    { database: t.database },
  );
}

function* chunks<T>(xs: T[], n: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += n) yield xs.slice(i, i + n);
}
