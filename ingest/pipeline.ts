// The ingest pipeline: load → segment → extract → resolve → write. Documents stream through load and
// extraction in bounded batches (one batch loading while the previous one is extracted and written, so memory
// stays flat as the corpus grows), extraction runs on a pool of worker threads, and each batch is written as
// "pending" documents. Then settle() resolves every document of the graph together and writes entities,
// mentions, relations and counts. One lease per database serialises concurrent ingests.
import type { Driver } from 'neo4j-driver';
import { AtlasError, type ErrorCode, type ErrorPosition } from '../errors/index.ts';
import { fromDriverError } from '../errors/driver.ts';
import { loadIfChanged, type LoadOptions } from './1-load/load.ts';
import { listSources } from './1-load/sources.ts';
import type { ResolveOutput } from './4-resolve/index.ts';
import { toStoredInput } from './4-resolve/inputs.ts';
import { storedHashes, writeDocuments, type DocumentWrite } from './5-write/documents.ts';
import { acquireLease, type Lease } from './5-write/lease.ts';
import { ensureSchema } from './5-write/schema.ts';
import { refreshStaleOverview } from './5-write/overview.ts';
import { inWrite, read, type WriteTarget } from './5-write/target.ts';
import type { Lexicon } from './lexicon.ts';
import type { Prepared } from './prepare.ts';
import type { Document, EntityType, RelationType } from './types.ts';
import { ENTITY_TYPES } from './types.ts';
import type { Preparer } from './workers/pool.ts';

// Extraction, resolution and the lexicon (compromise and its word lists) are imported when a document needs
// them: a re-ingest of unchanged files reads, hashes and compares, and loads none of it.
const extraction = () => import('./workers/pool.ts');

/** Below this many sources, extraction runs in this thread: starting worker threads would cost more than it saves. */
const POOL_THRESHOLD = 40;

export interface ProgressEvent {
  done: number;
  total: number;
  source: string;
  status: 'written' | 'unchanged' | 'failed';
  /** Documents per second so far, and the estimated seconds left. */
  rate: number;
  eta: number;
}

export interface IngestOptions extends LoadOptions {
  database?: string;
  /** A lexicon other than the default (lexicon/lexicon.json + ATLAS_LEXICON); extraction then runs in this thread. */
  lexicon?: Lexicon;
  /** Documents per streamed batch (loaded, extracted and written together). */
  batchSize?: number;
  /** Extraction worker threads; default: one per core for larger jobs, none for a handful of documents. */
  workers?: number;
  /** Per-document extraction time budget in the worker pool (ATLAS_TIME_BUDGET_MS, default 60 s). */
  timeBudgetMs?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Phases after the stream (resolving, works, writing) and waits for another ingest's lease. */
  onStep?: (step: string) => void;
}

/** One source that failed, in the error vocabulary's terms (AtlasError.toJSON with the source always set). */
export interface SourceError {
  source: string;
  code: ErrorCode;
  message: string;
  retriable: boolean;
  position?: ErrorPosition;
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

const toSourceError = (e: unknown, source: string, fallback: ErrorCode = 'PARSE_FAILED'): SourceError => {
  const err = e instanceof AtlasError ? e : new AtlasError(fallback, (e as Error)?.message ?? String(e), { source, cause: e });
  return { source: err.source ?? source, code: err.code, message: err.message, retriable: err.retriable, ...(err.position ? { position: err.position } : {}) };
};

/** Ingests files, folders and URLs into the graph. Unchanged documents are skipped; changed ones replaced. */
export async function ingestSources(inputs: string[], driver: Driver, opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now();
  const target: WriteTarget = { driver, database: opts.database };
  const batchSize = opts.batchSize ?? 200;
  const { sources, errors: listErrors } = await listSources(inputs);
  const summary: IngestSummary = {
    sources: sources.length + listErrors.length,
    written: 0, unchanged: 0, failed: listErrors.length, passages: 0, mentions: 0,
    entitiesByType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number>,
    relationsByType: {}, relations: 0,
    errors: listErrors.map((e) => toSourceError(e, e.source)),
    seconds: 0,
  };
  let done = 0;
  const progress = (source: string, status: ProgressEvent['status']) => {
    const rate = ++done / Math.max(1e-3, (performance.now() - t0) / 1000);
    opts.onProgress?.({ done, total: sources.length, source, status, rate, eta: (sources.length - done) / rate });
  };
  const fail = (source: string, e: unknown, code?: ErrorCode) => {
    summary.failed++;
    summary.errors.push(toSourceError(e, source, code));
    progress(source, 'failed');
  };

  let lexicon: Promise<Lexicon> | undefined;
  const lexiconFor = (o: IngestOptions): Promise<Lexicon> => (lexicon ??= o.lexicon ? Promise.resolve(o.lexicon) : import('./lexicon.ts').then((m) => m.loadLexicon()));
  // Started by the first document that needs extraction (an unchanged re-ingest starts no thread), while the
  // rest of its batch loads.
  let preparing: Promise<Preparer> | undefined;
  const startPool = (): Promise<Preparer> => {
    if (!preparing) {
      preparing = extraction().then(async ({ inThread, workerCount, workerPool }) => {
        const workers = opts.lexicon ? 0 : opts.workers !== undefined || sources.length >= POOL_THRESHOLD ? workerCount(opts.workers) : 0;
        return workers > 0 ? workerPool({ workers, timeBudgetMs: opts.timeBudgetMs }) : inThread(await lexiconFor(opts));
      });
      preparing.catch(() => {});
    }
    return preparing;
  };
  const closePool = async () => {
    const p = preparing;
    preparing = undefined;
    await (await p?.catch(() => undefined))?.close();
  };
  let lease: Lease | undefined;
  const writtenIds = new Set<string>();
  try {
    // More sources than documents in the graph: some will need extraction, so the workers (or this thread's
    // compromise and lexicon) load while the schema, the lease and the stored hashes are read. An unchanged
    // re-ingest has no more sources than documents and starts nothing.
    if (sources.length > Number((await read(target, 'MATCH (d:Document) RETURN count(d) AS n'))[0].get('n'))) startPool();
    await ensureSchema(target);
    lease = await acquireLease(target, { onWait: (holder) => opts.onStep?.(`waiting for another ingest (${holder}) to finish`) });
    const stored = await storedHashes(target);
    const seen = new Set<string>();
    const rehashed: Array<{ id: string; sourceHash: string }> = [];

    const loadBatch = async (from: number) => {
      const docs: Document[] = [];
      for (const source of sources.slice(from, from + batchSize)) {
        try {
          // Complete in the graph from these very bytes: skipped before decoding and parsing.
          const doc = await loadIfChanged(source, opts, (id, hash) => stored.get(id)?.content != null && stored.get(id)?.source === hash);
          if (!doc || stored.get(doc.id)?.content === doc.contentHash || seen.has(doc.id)) {
            // same text from other bytes (or bytes not hashed before): remember these bytes for next time
            if (doc?.sourceHash && stored.get(doc.id)?.content === doc.contentHash) rehashed.push({ id: doc.id, sourceHash: doc.sourceHash });
            summary.unchanged++;
            progress(source, 'unchanged');
          } else {
            seen.add(doc.id);
            docs.push(doc);
            startPool();
          }
        } catch (e) {
          fail(source, e);
        }
      }
      return docs;
    };
    // Back-pressure: at most one batch loads ahead of the one being extracted, and one batch is written while
    // the next is extracted (Neo4j works while the workers do): three batches in memory at most.
    let next: Promise<Document[]> | undefined = loadBatch(0);
    let writing: Promise<void> = Promise.resolve();
    for (let from = 0; next; from += batchSize) {
      const docs = await next;
      next = from + batchSize < sources.length ? loadBatch(from + batchSize) : undefined;
      const ready: Prepared[] = [];
      for (const r of docs.length ? await (await startPool()).prepareAll(docs) : []) {
        if (r instanceof AtlasError) fail(r.source ?? '', r);
        else ready.push(r);
      }
      // Names learned from structured signals are applied at settle, across the whole graph (5-write/learned-names.ts).
      const writes: DocumentWrite[] = ready.map((p) => toWrite(p, stored.has(p.doc.id)));
      await writing; // one batch's write at a time, in order
      lease.check();
      writing = writeWithFallback(target, writes, (w, e) => fail(w.doc.source, e, 'WRITE_FAILED'), (w) => {
        writtenIds.add(w.doc.id);
        summary.written++;
        summary.passages += w.passages.length;
        progress(w.doc.source, 'written');
      });
      writing.catch(() => {}); // awaited at the next batch or below; a failure is thrown there
    }
    await writing;
    // Extraction is over: the worker threads (each with its own compromise and lexicon) go before settle, which
    // holds the whole graph's resolution inputs, so the two never add up in memory.
    await closePool();

    if (rehashed.length) await inWrite(target, (tx) => tx.run('UNWIND $rows AS row MATCH (d:Document {id: row.id}) USING INDEX SEEK d:Document(id) SET d.sourceHash = row.sourceHash', { rows: rehashed }));
    // Settle when something is pending: written now, or left by an interrupted run.
    if (writtenIds.size > 0 || [...stored.values()].some((h) => h.content === null)) {
      lease.check();
      const { settle } = await import('./5-write/settle.ts');
      // No variable keeps the resolved graph: it is garbage before the overview below reads the graph again.
      countWritten(summary, (await settle(target, await lexiconFor(opts), { onStep: opts.onStep })).resolved, writtenIds);
    }
    // The overview of every document settled since it was last counted (this run's, or a killed run's).
    await refreshStaleOverview(target);
  } catch (e) {
    const err = fromDriverError(e);
    if (err.code !== 'DB_UNAVAILABLE') throw err;
    // No write to a database that is gone (the driver would retry it for seconds): the lease expires by itself.
    lease?.abandon();
    lease = undefined;
    const n = (x: number) => x.toLocaleString('en-US');
    throw new AtlasError('DB_UNAVAILABLE', `Neo4j went away after ${n(done)} of ${n(sources.length)} documents; rerun to continue`, { cause: e, retriable: true });
  } finally {
    await lease?.release();
    await closePool();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

function toWrite(p: Prepared, replace: boolean): DocumentWrite {
  return { doc: p.doc, passages: p.passages, fp: p.fp, input: toStoredInput(p), replace };
}

/** One transaction per batch; if it fails for a reason other than the connection, document by document. */
async function writeWithFallback(t: WriteTarget, writes: DocumentWrite[], failed: (w: DocumentWrite, e: unknown) => void, ok: (w: DocumentWrite) => void): Promise<void> {
  if (writes.length === 0) return;
  try {
    await writeDocuments(t, writes);
    writes.forEach(ok);
    return;
  } catch (e) {
    if (fromDriverError(e).code === 'DB_UNAVAILABLE' || writes.length === 1) {
      if (writes.length === 1 && fromDriverError(e).code !== 'DB_UNAVAILABLE') return failed(writes[0], fromDriverError(e));
      throw e;
    }
  }
  for (const w of writes) {
    try {
      await writeDocuments(t, [w]);
      ok(w);
    } catch (e) {
      if (fromDriverError(e).code === 'DB_UNAVAILABLE') throw e;
      failed(w, fromDriverError(e));
    }
  }
}

/** The summary's figures for this run's documents: their mentions, the relations and entities they support. */
function countWritten(summary: IngestSummary, resolved: ResolveOutput, ids: Set<string>): void {
  const slice = sliceForDocuments(resolved, ids);
  summary.mentions = slice.mentions.length;
  for (const e of slice.entities) summary.entitiesByType[e.type]++;
  for (const r of slice.relations) summary.relationsByType[r.type] = (summary.relationsByType[r.type] ?? 0) + 1;
  summary.relations = slice.relations.length;
}

/** The part of a resolved graph that these documents support: their mentions, the relations whose evidence
 * lies in them (with only that evidence), and the entities those reach. */
export function sliceForDocuments(all: ResolveOutput, docIds: Set<string>): ResolveOutput {
  const docOf = (passageId: string) => passageId.slice(0, passageId.lastIndexOf(':p'));
  const mentions = all.mentions.filter((m) => docIds.has(docOf(m.passageId)));
  const relations = all.relations
    .map((r) => ({ ...r, evidence: r.evidence.filter((ev) => docIds.has(docOf(ev.passageId))) }))
    .filter((r) => r.evidence.length > 0);
  const ids = new Set<string>(mentions.map((m) => m.entityId));
  for (const r of relations) for (const end of [r.from, r.to]) if (end.kind === 'entity') ids.add(end.id);
  return { entities: all.entities.filter((e) => ids.has(e.id)), mentions, relations };
}
