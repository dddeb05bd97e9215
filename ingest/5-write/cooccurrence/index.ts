// Co-occurrence in the graph: CO_OCCURS between two entities mentioned in the same passage, kept when they
// share at least MIN_SUPPORT passages, with every shared passage as evidence (the same parallel evidence
// lists as every other relation, so removing a document trims it like the rest) and weighted by NPMI.
//
// After a run only two kinds of pair can have changed: the pairs the changed documents' passages hold now,
// and the stored pairs with evidence in those documents (a replaced or re-resolved document's old pairs, a
// removed document's). Both are recounted exactly from the graph, so the incremental result is the result
// of a full rebuild. NPMI depends on every count, so the weights are refreshed over the whole relation.
import { createHash } from 'node:crypto';
import type { WriteTarget } from '../index.ts';
import { cooccurringPairs, npmi, pairCounts, pairEnds, pairKey, pairKeysIn, type PassageMentions } from './pairs.ts';
import { toNum, writeChunks } from '../session.ts';
import { read } from '../target.ts';

const SET_EVIDENCE = `SET r.evidenceKeys = [ev IN row.evidence | ev.key], r.evidencePassages = [ev IN row.evidence | ev.passageId],
  r.evidenceStarts = [ev IN row.evidence | ev.start], r.evidenceEnds = [ev IN row.evidence | ev.end],
  r.evidenceSentences = [ev IN row.evidence | ev.sentence], r.evidenceMethods = [ev IN row.evidence | $method],
  r.evidenceConfidences = [ev IN row.evidence | ev.confidence], r.support = size(row.evidence),
  r.confidence = reduce(m = 0.0, ev IN row.evidence | CASE WHEN ev.confidence > m THEN ev.confidence ELSE m END),
  r.evidenceHash = row.hash`;

interface StoredPair {
  rid: string;
  hash: string | null;
}

/** Fewer shared passages than this is chance, not a link worth drawing. */
export const MIN_SUPPORT = 2;
/** The method named in the evidence lists. */
export const COOCCURRENCE_METHOD = 'co-occurrence';

export interface CooccurrenceSummary {
  /** Pairs recounted because the run's passages hold them. */
  pairsChecked: number;
  /** CO_OCCURS relations written (created or given new evidence). */
  written: number;
  /** CO_OCCURS relations removed (left under MIN_SUPPORT by a replaced, re-resolved or removed document). */
  removed: number;
  /** Relations whose weight was refreshed. */
  weighted: number;
  seconds: number;
}

/**
 * Brings CO_OCCURS up to date after documents were written: `docIds` are the documents of the run (all
 * passages when omitted, i.e. a full rebuild).
 */
export async function refreshCooccurrence(t: WriteTarget, docIds?: string[]): Promise<CooccurrenceSummary> {
  const t0 = performance.now();
  // 1. The pairs the run's passages hold.
  const fresh = await read(
    t,
    `MATCH (p:Passage) ${docIds ? 'WHERE p.docId IN $docIds' : ''}
     MATCH (p)-[:MENTIONS]->(e:Entity)
     WITH p, collect(DISTINCT e.id) AS ids WHERE size(ids) > 1
     RETURN ids`,
    { docIds: docIds ?? null },
  );
  const affected = pairKeysIn(fresh.map((r) => ({ entityIds: r.get('ids') as string[] })));
  // 1b. The stored pairs with evidence in those documents (every stored pair on a rebuild): they may have
  // lost passages, and are deleted below when they fall under MIN_SUPPORT.
  // Stored pairs are then written and deleted by element id: this run holds the ingest lease, so none goes
  // away in between, and Neo4j plans a pair matched by its two ends as an expansion of every CO_OCCURS of one
  // end (thousands of db hits per row for a hub entity).
  const storedPairs = new Map<string, StoredPair>();
  for (const r of await read(
    t,
    `MATCH (a:Entity)-[r:CO_OCCURS]->(b:Entity)
     ${docIds ? `WHERE any(p IN r.evidencePassages WHERE left(p, size(p) - size(last(split(p, ':p'))) - 2) IN $docIds)` : ''}
     RETURN a.id AS a, b.id AS b, elementId(r) AS rid, r.evidenceHash AS h`,
    { docIds: docIds ?? null },
  )) {
    const key = pairKey(r.get('a') as string, r.get('b') as string);
    storedPairs.set(key, { rid: r.get('rid') as string, hash: r.get('h') as string | null });
    affected.add(key);
  }
  const entities = new Set<string>();
  for (const key of affected) for (const id of pairEnds(key)) entities.add(id);

  // 2. Every passage those entities are mentioned in, anywhere in the graph, and how many the pairs share.
  const passages = new Map<string, PassageMentions>();
  for (const ids of slices([...entities].sort(), 2000)) {
    const rows = await read(
      t,
      `UNWIND $ids AS id
       MATCH (e:Entity {id: id})<-[m:MENTIONS]-(p:Passage) USING INDEX SEEK e:Entity(id)
       RETURN p.id AS pid, id, m.start AS start, m.end AS end, coalesce(m.confidence, 0.5) AS confidence`,
      { ids },
    );
    for (const r of rows) {
      const pid = r.get('pid') as string;
      let p = passages.get(pid);
      if (!p) passages.set(pid, (p = { id: pid, start: 0, end: 0, sentenceStarts: [], sentenceEnds: [], mentions: [] }));
      p.mentions.push({ entityId: r.get('id') as string, start: toNum(r.get('start')), end: toNum(r.get('end')), confidence: toNum(r.get('confidence')) });
    }
  }
  const counts = pairCounts(passages.values(), affected);
  const keep = new Set([...counts].filter(([, n]) => n >= MIN_SUPPORT).map(([k]) => k));

  // 3. Sentence bounds and text for the passages that carry kept evidence, then the evidence itself.
  const needed = new Set<string>();
  for (const p of passages.values()) {
    const ids = [...new Set(p.mentions.map((m) => m.entityId))];
    if (ids.some((x, i) => ids.some((y, j) => j > i && keep.has(pairKey(x, y))))) needed.add(p.id);
  }
  const texts = new Map<string, { start: number; text: string }>();
  for (const pids of slices([...needed].sort(), 5000)) {
    const rows = await read(
      t,
      `UNWIND $pids AS pid MATCH (p:Passage {id: pid}) USING INDEX SEEK p:Passage(id)
       RETURN pid, p.start AS start, p.end AS end, p.text AS text, p.sentenceStarts AS ss, p.sentenceEnds AS se`,
      { pids },
    );
    for (const r of rows) {
      const p = passages.get(r.get('pid') as string)!;
      p.start = toNum(r.get('start'));
      p.end = toNum(r.get('end'));
      p.sentenceStarts = ((r.get('ss') as unknown[] | null) ?? []).map(toNum);
      p.sentenceEnds = ((r.get('se') as unknown[] | null) ?? []).map(toNum);
      texts.set(p.id, { start: p.start, text: (r.get('text') as string | null) ?? '' });
    }
  }
  const evidence = cooccurringPairs([...needed].map((pid) => passages.get(pid)!), keep);
  const built = [...keep].sort().map((key) => {
    const [a, b] = pairEnds(key);
    const evs = evidence.get(key)!.sort((x, y) => (x.passageId < y.passageId ? -1 : x.passageId > y.passageId ? 1 : x.start - y.start));
    return {
      a,
      b,
      evidence: evs.map((ev) => {
        const p = texts.get(ev.passageId)!;
        return {
          key: `${ev.passageId}@${ev.start}-${ev.end}`,
          passageId: ev.passageId,
          start: ev.start,
          end: ev.end,
          sentence: p.text.slice(ev.start - p.start, ev.end - p.start),
          confidence: ev.confidence,
        };
      }),
    };
  });
  // 4. Written where the evidence differs from what is stored (on a re-run, most pairs are unchanged). Each
  // relation keeps a hash of its evidence lists, so the comparison reads one string per pair, not the lists.
  // The kept pairs step 1b did not read (evidence only in other documents so far, or new) are looked up by
  // their ends; on a rebuild 1b read them all.
  const stored = new Map(storedPairs);
  for (const pairs of slices(built.filter(({ a, b }) => !stored.has(pairKey(a, b))), 5000)) {
    for (const r of await read(
      t,
      `UNWIND $rows AS row MATCH (a:Entity {id: row.a})-[r:CO_OCCURS]->(:Entity {id: row.b}) USING INDEX SEEK a:Entity(id)
       RETURN row.a AS a, row.b AS b, elementId(r) AS rid, r.evidenceHash AS h`,
      { rows: pairs.map(({ a, b }) => ({ a, b })) },
    )) {
      stored.set(pairKey(r.get('a') as string, r.get('b') as string), { rid: r.get('rid') as string, hash: r.get('h') as string | null });
    }
  }
  const rows = built
    .map((r) => ({ ...r, hash: evidenceHash(r.evidence), rid: stored.get(pairKey(r.a, r.b))?.rid ?? null }))
    .filter((r) => stored.get(pairKey(r.a, r.b))?.hash !== r.hash);
  // A stored pair is found by its element id, a new one created between its two ends (none exists: looked up
  // above, under the lease).
  await writeChunks(t, rows, 1000, async (tx, chunk) => {
    const params = { method: COOCCURRENCE_METHOD };
    const update = chunk.filter((r) => r.rid !== null);
    const create = chunk.filter((r) => r.rid === null);
    if (update.length) await tx.run(`UNWIND $rows AS row MATCH ()-[r:CO_OCCURS]->() WHERE elementId(r) = row.rid ${SET_EVIDENCE}`, { rows: update, ...params });
    if (create.length) await tx.run(`UNWIND $rows AS row MATCH (a:Entity {id: row.a}) USING INDEX SEEK a:Entity(id) MATCH (b:Entity {id: row.b}) USING INDEX SEEK b:Entity(id) CREATE (a)-[r:CO_OCCURS]->(b) ${SET_EVIDENCE}`, { rows: create, ...params });
  });
  // 5. Stored pairs that the recount left under the threshold.
  const gone = [...storedPairs].filter(([k]) => !keep.has(k)).map(([, pair]) => pair.rid);
  await writeChunks(t, gone, 5000, (tx, chunk) => tx.run(`UNWIND $rows AS rid MATCH ()-[r:CO_OCCURS]->() WHERE elementId(r) = rid DELETE r`, { rows: chunk }));
  const weighted = await refreshWeights(t);
  return {
    pairsChecked: affected.size,
    written: rows.length,
    removed: gone.length,
    weighted,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * NPMI over passages that mention any entity: recomputed for every CO_OCCURS relation and written where it
 * changed. Returns how many were written.
 */
export async function refreshWeights(t: WriteTarget): Promise<number> {
  const [totalRec] = await read(t, `MATCH (p:Passage) WHERE EXISTS { (p)-[:MENTIONS]->(:Entity) } RETURN count(p) AS n`);
  const total = toNum(totalRec?.get('n'));
  const perEntity = new Map<string, number>();
  for (const r of await read(
    t,
    `MATCH (e:Entity) WHERE EXISTS { (e)-[:CO_OCCURS]-() }
     CALL (e) { MATCH (e)<-[:MENTIONS]-(p:Passage) RETURN count(DISTINCT p) AS n }
     RETURN e.id AS id, n`,
  )) {
    perEntity.set(r.get('id') as string, toNum(r.get('n')));
  }
  const changed: { rid: string; w: number }[] = [];
  for (const r of await read(t, `MATCH (a:Entity)-[r:CO_OCCURS]->(b:Entity) RETURN a.id AS a, b.id AS b, elementId(r) AS rid, r.support AS s, r.npmi AS w`)) {
    const w = Math.round(npmi(toNum(r.get('s')), perEntity.get(r.get('a')) ?? 0, perEntity.get(r.get('b')) ?? 0, total) * 1e6) / 1e6;
    const old = r.get('w');
    if (old === null || Math.abs(toNum(old) - w) > 1e-9) changed.push({ rid: r.get('rid') as string, w });
  }
  // Any document changes the passage total and so nearly every weight. Matched by element id, read just
  // above under the ingest lease (nothing deletes a CO_OCCURS in between): Neo4j plans a pair matched by its
  // two ends as an expansion of every CO_OCCURS of one end, which for a hub entity costs thousands of db
  // hits per row (10 s for the whole corpus's 47,000 pairs, against under 1 s by id).
  await writeChunks(t, changed, 10000, (tx, chunk) =>
    tx.run(`UNWIND $rows AS row MATCH ()-[r:CO_OCCURS]->() WHERE elementId(r) = row.rid SET r.npmi = row.w`, { rows: chunk }),
  );
  return changed.length;
}

/** What the evidence lists of a pair say, in one string: equal hashes, equal lists (keys, sentences, confidences). */
export function evidenceHash(evidence: Array<{ key: string; sentence: string; confidence: number }>): string {
  const h = createHash('sha256');
  for (const ev of evidence) h.update(`${ev.key}\u0000${ev.confidence}\u0000${ev.sentence}\u0001`);
  return h.digest('base64url').slice(0, 22);
}

function* slices<T>(xs: T[], n: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += n) yield xs.slice(i, i + n);
}
