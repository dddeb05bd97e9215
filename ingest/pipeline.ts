// The ingest pipeline: load → segment → extract → resolve → write, in batches, one error per bad source.
import type { Driver } from 'neo4j-driver';
import { IngestError } from './errors.ts';
import { loadDocument, listSources, type LoadOptions } from './load.ts';
import { segment } from './segment.ts';
import { extract, type Extraction } from './extract/index.ts';
import { resolve } from './resolve.ts';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import { assignWorks, fingerprint } from './dedupe.ts';
import { ensureSchema, mergeWorks, refreshEntityStats, storedDocuments, workCandidates, writeBatch, type DocumentWrite, type StoredDocument, type WriteTarget } from './write.ts';
import type { Document, EntityType, Passage, RelationType } from './types.ts';
import { ENTITY_TYPES } from './types.ts';

export interface IngestOptions extends LoadOptions {
  database?: string;
  lexicon?: Lexicon;
  /** Documents per write transaction. */
  batchSize?: number;
  onProgress?: (event: { done: number; total: number; source: string; status: 'written' | 'unchanged' | 'failed' }) => void;
}

export interface SourceError {
  source: string;
  code: string;
  message: string;
  position?: number;
}

export interface IngestSummary {
  sources: number;
  written: number;
  unchanged: number;
  failed: number;
  passages: number;
  mentions: number;
  entitiesByType: Record<EntityType, number>;
  relationsByType: Partial<Record<RelationType, number>>;
  relations: number;
  errors: SourceError[];
  seconds: number;
}

interface Prepared {
  doc: Document;
  passages: Passage[];
  extraction: Extraction;
}

const toSourceError = (e: unknown, source: string): SourceError =>
  e instanceof IngestError
    ? { source: e.source, code: e.code, message: e.message, position: e.position }
    : { source, code: 'PARSE_FAILED', message: (e as Error)?.message ?? String(e) };

/** Ingests files, folders and URLs into the graph. Unchanged documents are skipped; changed ones replaced. */
export async function ingestSources(inputs: string[], driver: Driver, opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now();
  const target: WriteTarget = { driver, database: opts.database };
  const lexicon = opts.lexicon ?? loadLexicon();
  const batchSize = opts.batchSize ?? 25;
  await ensureSchema(target);
  const { sources, errors: listErrors } = await listSources(inputs);
  const stored = await storedDocuments(target);
  const summary: IngestSummary = {
    sources: sources.length + listErrors.length,
    written: 0,
    unchanged: 0,
    failed: 0,
    passages: 0,
    mentions: 0,
    entitiesByType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number>,
    relationsByType: {},
    relations: 0,
    errors: listErrors.map((e) => toSourceError(e, e.source)),
    seconds: 0,
  };
  summary.failed = listErrors.length;
  const entityIds = new Map<string, EntityType>();
  const touched = new Set<string>();
  const allMerges = new Map<string, string>();
  let done = 0;
  const progress = (source: string, status: 'written' | 'unchanged' | 'failed') => opts.onProgress?.({ done: ++done, total: sources.length, source, status });

  for (let i = 0; i < sources.length; i += batchSize) {
    const prepared: Prepared[] = [];
    const seenInBatch = new Set<string>();
    for (const source of sources.slice(i, i + batchSize)) {
      try {
        const doc = await loadDocument(source, opts);
        if (stored.get(doc.id)?.contentHash === doc.contentHash || seenInBatch.has(doc.id)) {
          summary.unchanged++;
          progress(source, 'unchanged');
          continue;
        }
        seenInBatch.add(doc.id);
        const passages = segment(doc);
        prepared.push({ doc, passages, extraction: extract(doc, passages, lexicon) });
      } catch (e) {
        summary.failed++;
        summary.errors.push(toSourceError(e, source));
        progress(source, 'failed');
      }
    }
    if (prepared.length === 0) continue;
    // Write the batch in one transaction; if that fails, retry document by document so one bad
    // document cannot take the others down with it.
    let groups: Prepared[][] = [prepared];
    let results: (Resolved | Error)[] = [await writePrepared(target, prepared, stored, allMerges, lexicon).catch((e: Error) => e)];
    if (results[0] instanceof Error && prepared.length > 1) {
      groups = prepared.map((p) => [p]);
      results = [];
      for (const g of groups) results.push(await writePrepared(target, g, stored, allMerges, lexicon).catch((e: Error) => e));
    }
    groups.forEach((group, k) => {
      const result = results[k];
      if (result instanceof Error) {
        for (const p of group) {
          summary.failed++;
          summary.errors.push({ source: p.doc.source, code: 'WRITE_FAILED', message: result.message });
          progress(p.doc.source, 'failed');
        }
        return;
      }
      for (const p of group) {
        summary.written++;
        summary.passages += p.passages.length;
        progress(p.doc.source, 'written');
      }
      summary.mentions += result.mentions.length;
      for (const e of result.entities) {
        entityIds.set(e.id, e.type);
        touched.add(e.id);
      }
      for (const r of result.relations) {
        summary.relationsByType[r.type] = (summary.relationsByType[r.type] ?? 0) + 1;
        summary.relations++;
      }
    });
  }
  if (allMerges.size) await mergeWorks(target, allMerges);
  if (touched.size) await refreshEntityStats(target, [...touched]);
  for (const type of entityIds.values()) summary.entitiesByType[type]++;
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

type Resolved = ReturnType<typeof resolve>;

async function writePrepared(target: WriteTarget, group: Prepared[], stored: Map<string, StoredDocument>, merges: Map<string, string>, lexicon: Lexicon): Promise<Resolved> {
  const resolved = resolve(group, lexicon);
  const replace = group.filter((p) => stored.has(p.doc.id)).map((p) => p.doc.id);
  const fps = group.map((p) => ({ docId: p.doc.id, fp: fingerprint(p.doc.text) }));
  const { works, merges: found } = assignWorks(workCandidates(stored, new Set(replace)), fps);
  const docs: DocumentWrite[] = group.map((p, k) => {
    const w = works.get(p.doc.id)!;
    return { doc: p.doc, passages: p.passages, fp: fps[k].fp, workId: w.workId, similarity: w.similarity };
  });
  await writeBatch(target, docs, resolved, replace);
  for (const d of docs) stored.set(d.doc.id, { id: d.doc.id, contentHash: d.doc.contentHash, workId: d.workId, fp: d.fp });
  for (const [a, b] of found) merges.set(a, b);
  return resolved;
}
