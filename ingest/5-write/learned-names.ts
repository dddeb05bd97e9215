// Names learned across the graph: the gazetteer is built from the structured mentions (bylines, front matter,
// BibTeX, reference entries) of every document in the graph, not only of one run or one streamed batch, and
// looked for in every document's running text. So a byline ingested in one run names people in documents of
// another, and two halves in either order give the graph of one run over the whole. Each Extraction caches
// the mentions the gazetteer added to it under the key of that gazetteer; only documents scanned under another
// key have their text read again.
import { createHash } from 'node:crypto';
import { applyGazetteer, buildGazetteer, type Gazetteer } from '../4-resolve/gazetteer.ts';
import type { StoredInput } from '../4-resolve/inputs.ts';
import type { CandidateMention } from '../3-extract/index.ts';
import type { Lexicon } from '../lexicon.ts';
import type { Document } from '../types.ts';
import { chunks, inWrite, read, type WriteTarget } from './target.ts';

/** What an Extraction node caches of its last scan: the gazetteer's key and the mentions it added (JSON). */
export interface LearnedCache {
  key: string | null;
  added: string | null;
}

/** Documents whose text is read per query while scanning. */
const SCAN_CHUNK = 100;

/** Same names, same key: a scan under the same gazetteer finds the same mentions. */
export function gazetteerKey(g: Gazetteer): string {
  const h = createHash('sha256');
  for (const k of [...g.byKey.keys()].sort()) h.update(`${k}=${g.byKey.get(k)!.name}\n`);
  return h.digest('hex').slice(0, 32);
}

/**
 * The inputs with the gazetteer's mentions appended, for resolution. The stored extraction itself stays as
 * extraction made it; the added mentions live in the cache.
 */
export async function withLearnedNames(t: WriteTarget, inputs: StoredInput[], cache: Map<string, LearnedCache>, lexicon: Lexicon): Promise<StoredInput[]> {
  const g = buildGazetteer(inputs.map((i) => i.extraction));
  const key = gazetteerKey(g);
  const added = new Map<string, CandidateMention[]>();
  const stale: StoredInput[] = [];
  for (const i of inputs) {
    const c = cache.get(i.doc.id);
    if (c?.key === key && c.added !== null) added.set(i.doc.id, JSON.parse(c.added) as CandidateMention[]);
    else stale.push(i);
  }
  for (const part of chunks(stale, SCAN_CHUNK)) {
    const rows = await read(
      t,
      `UNWIND $ids AS id MATCH (d:Document {id: id}) USING INDEX SEEK d:Document(id)
       RETURN d.id AS id, d.text AS text, [(d)-[:HAS_PASSAGE]->(p:Passage) | {id: p.id, start: p.start, end: p.end}] AS passages`,
      { ids: part.map((i) => i.doc.id) },
    );
    const text = new Map(rows.map((r) => [r.get('id') as string, r]));
    const scanned: Array<{ id: string; added: string }> = [];
    for (const i of part) {
      const r = text.get(i.doc.id);
      if (!r) continue;
      const doc = { id: i.doc.id, text: r.get('text') as string } as Document;
      const passages = (r.get('passages') as Array<{ id: string; start: unknown; end: unknown }>).map((p) => ({ id: p.id, start: Number(p.start), end: Number(p.end) }));
      const before = i.extraction.mentions.length;
      const found = applyGazetteer(g, doc, passages as Parameters<typeof applyGazetteer>[2], i.extraction, lexicon).mentions.slice(before);
      added.set(i.doc.id, found);
      scanned.push({ id: i.doc.id, added: JSON.stringify(found) });
    }
    // The cache is a pure function of the gazetteer and the document, so it may be written before settle ends.
    await inWrite(t, (tx) => tx.run('UNWIND $rows AS row MATCH (x:Extraction {id: row.id}) USING INDEX SEEK x:Extraction(id) SET x.gazetteerKey = $key, x.gazetteer = row.added', { rows: scanned, key }));
  }
  return inputs.map((i) => {
    const more = added.get(i.doc.id) ?? [];
    return more.length ? { ...i, extraction: { ...i.extraction, mentions: [...i.extraction.mentions, ...more] } } : i;
  });
}
