// Documents, their passages and their resolution inputs, written as each streamed batch is extracted.
// A document is written "pending" (pendingHash, no contentHash) and completed only once its mentions and
// relations are in (complete.ts), so a run killed in between redoes it instead of skipping it as unchanged.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Fingerprint, WorkCandidate } from '../4-resolve/dedupe.ts';
import { encodeInput, type StoredInput } from '../4-resolve/inputs.ts';
import type { Document, Passage } from '../types.ts';
import { chunks, inWrite, read, type WriteTarget } from './target.ts';

export interface DocumentWrite {
  doc: Document;
  passages: Passage[];
  fp: Fingerprint;
  input: StoredInput;
  /** Already in the graph (changed, or left pending by an interrupted run): its old content goes first. */
  replace: boolean;
}

export interface StoredHash {
  /** Hash of the document's text; null while it is pending (written, not yet settled). */
  content: string | null;
  /** Hash of the bytes it was read from. */
  source: string | null;
}

/** The hashes of every stored document: what a run may skip as unchanged. */
export async function storedHashes(t: WriteTarget): Promise<Map<string, StoredHash>> {
  const rows = await read(t, 'MATCH (d:Document) RETURN d.id AS id, d.contentHash AS hash, d.sourceHash AS source');
  return new Map(rows.map((r) => [r.get('id') as string, { content: (r.get('hash') as string | null) ?? null, source: (r.get('source') as string | null) ?? null }]));
}

/** Complete documents with their work and signature, as near-duplicate candidates for new documents. */
export async function workCandidates(t: WriteTarget, except: Set<string>): Promise<WorkCandidate[]> {
  const rows = await read(
    t,
    `MATCH (d:Document)-[:VERSION_OF]->(w:Work) WHERE d.contentHash IS NOT NULL AND d.minhash IS NOT NULL AND NOT d.id IN $except
     RETURN d.id AS id, w.id AS work, d.minhash AS minhash, d.shingles AS shingles`,
    { except: [...except] },
  );
  return rows.map((r) => ({ docId: r.get('id'), workId: r.get('work'), fp: { minhash: (r.get('minhash') as number[]).map(Number), shingles: Number(r.get('shingles')) } }));
}

export async function writeDocuments(t: WriteTarget, docs: DocumentWrite[]): Promise<void> {
  if (docs.length === 0) return;
  const replaced = docs.filter((d) => d.replace).map((d) => d.doc.id);
  const rows = docs.map(({ doc, fp }) => ({
    id: doc.id,
    props: {
      id: doc.id,
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
      pendingHash: doc.contentHash,
      sourceHash: doc.sourceHash ?? null,
      minhash: fp.minhash,
      shingles: fp.shingles,
      ingestedAt: new Date().toISOString(),
    },
  }));
  const passages = docs.flatMap(({ passages }) =>
    passages.map((p) => ({
      docId: p.docId,
      props: { id: p.id, docId: p.docId, index: p.index, kind: p.kind, start: p.start, end: p.end, text: p.text, sentenceStarts: p.sentences.map((s) => s.start), sentenceEnds: p.sentences.map((s) => s.end), repliesTo: p.repliesTo ?? null, page: p.page ?? null },
    })),
  );
  const inputs = docs.map(({ input }) => ({ id: input.doc.id, source: input.doc.source, data: encodeInput(input) }));
  await inWrite(t, async (tx) => {
    if (replaced.length) await clearDocuments(tx, replaced);
    const fresh = new Set(replaced);
    // New documents are CREATEd (no lookup per row); replaced ones keep their node and get every property anew.
    await tx.run('UNWIND $rows AS row CREATE (d:Document) SET d = row.props', { rows: rows.filter((r) => !fresh.has(r.id)) });
    await tx.run('UNWIND $rows AS row MATCH (d:Document {id: row.id}) USING INDEX SEEK d:Document(id) SET d = row.props', { rows: rows.filter((r) => fresh.has(r.id)) });
    for (const chunk of chunks(passages)) {
      await tx.run(
        `UNWIND $rows AS row
         MATCH (d:Document {id: row.docId}) USING INDEX SEEK d:Document(id)
         CREATE (d)-[:HAS_PASSAGE]->(p:Passage) SET p = row.props`,
        { rows: chunk },
      );
    }
    // The previous relation keys stay: the settle step needs them to drop relations this document no longer states.
    await tx.run(
      `UNWIND $rows AS row
       MERGE (x:Extraction {id: row.id}) ON CREATE SET x.relations = []
       SET x.source = row.source, x.data = row.data, x.resolvedHash = null, x.gazetteerKey = null, x.gazetteer = null`,
      { rows: inputs },
    );
  });
}

/** A changed document's old passages (and with them its mentions) and its work link; the node itself stays. */
async function clearDocuments(tx: ManagedTransaction, ids: string[]): Promise<void> {
  await tx.run(
    `UNWIND $ids AS id
     MATCH (d:Document {id: id}) USING INDEX SEEK d:Document(id)
     OPTIONAL MATCH (d)-[v:VERSION_OF]->(:Work)
     DELETE v
     WITH DISTINCT d
     MATCH (d)-[:HAS_PASSAGE]->(p:Passage)
     DETACH DELETE p`,
    { ids },
  );
}
