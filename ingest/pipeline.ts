// The ingest pipeline: load → segment → extract → resolve → write, in batches, one error per bad source.
import type { Driver } from 'neo4j-driver';
import { AtlasError, type ErrorCode, type ErrorPosition } from '../errors/index.ts';
import { fromDriverError } from '../errors/driver.ts';
import { loadDocument, listSources, type LoadOptions } from './1-load/index.ts';
import { resolve } from './4-resolve/index.ts';
import { prepare, type Prepared } from './prepare.ts';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import { assignWorks, fingerprint, type Fingerprint, type WorkAssignment } from './4-resolve/dedupe.ts';
import { ensureSchema, mergeWorks, refreshWorkTitles, refreshEntityStats, storedDocuments, workCandidates, writeBatch, type DocumentWrite, type StoredDocument, type WriteTarget } from './5-write/index.ts';
import { refreshOverview } from './5-write/overview.ts';
import type { EntityType, RelationType } from './types.ts';
import { ENTITY_TYPES } from './types.ts';

export interface IngestOptions extends LoadOptions {
  database?: string;
  lexicon?: Lexicon;
  /** Documents per write transaction. */
  batchSize?: number;
  onProgress?: (event: { done: number; total: number; source: string; status: 'written' | 'unchanged' | 'failed' }) => void;
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
  const lexicon = opts.lexicon ?? loadLexicon();
  const batchSize = opts.batchSize ?? 100;
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

  // 1. Load, segment and extract every source (per-source errors, the rest go on).
  const prepared: Prepared[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    try {
      const doc = await loadDocument(source, opts);
      if (stored.get(doc.id)?.contentHash === doc.contentHash || seen.has(doc.id)) {
        summary.unchanged++;
        progress(source, 'unchanged');
        continue;
      }
      seen.add(doc.id);
      prepared.push(prepare(doc, lexicon));
    } catch (e) {
      summary.failed++;
      summary.errors.push(toSourceError(e, source));
      progress(source, 'failed');
    }
  }

  // 2. Resolve once over the whole run, so an alias, acronym or short title defined in one document
  //    merges with its uses in every other.
  const resolved = resolve(prepared, lexicon);
  // Near-duplicates are decided over the whole run too, against every stored document.
  const fps = new Map(prepared.map((p) => [p.doc.id, fingerprint(p.doc.text)]));
  const replacing = new Set(prepared.filter((p) => stored.has(p.doc.id)).map((p) => p.doc.id));
  const { works, merges } = assignWorks(workCandidates(stored, replacing), prepared.map((p) => ({ docId: p.doc.id, fp: fps.get(p.doc.id)! })));
  for (const [a, b] of merges) allMerges.set(a, b);
  const plan: WorkPlan = { resolved, fps, works, stored };

  // 3. Write in batches of documents, each batch one transaction holding its documents' passages,
  //    mentions and evidence; a failed batch is retried document by document.
  for (let i = 0; i < prepared.length; i += batchSize) {
    const batch = prepared.slice(i, i + batchSize);
    let groups: Prepared[][] = [batch];
    let results: (Resolved | AtlasError)[] = [await writePrepared(target, batch, plan).catch((e: unknown) => fromDriverError(e))];
    if (results[0] instanceof AtlasError && batch.length > 1) {
      groups = batch.map((p) => [p]);
      results = [];
      for (const g of groups) results.push(await writePrepared(target, g, plan).catch((e: unknown) => fromDriverError(e)));
    }
    groups.forEach((group, k) => {
      const result = results[k];
      if (result instanceof AtlasError) {
        for (const p of group) {
          summary.failed++;
          summary.errors.push({ source: p.doc.source, code: 'WRITE_FAILED', message: result.message, retriable: result.retriable });
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
  await refreshWorkTitles(target);
  if (touched.size) await refreshEntityStats(target, [...touched]);
  await refreshOverview(target, prepared.map((p) => p.doc.id));
  for (const type of entityIds.values()) summary.entitiesByType[type]++;
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

type Resolved = ReturnType<typeof resolve>;

/** The part of the run's resolved graph that these documents support: their mentions, the relations whose
 * evidence lies in them (with only that evidence), and the entities those reach. */
export function sliceForDocuments(all: Resolved, docIds: Set<string>): Resolved {
  const docOf = (passageId: string) => passageId.slice(0, passageId.lastIndexOf(':p'));
  const mentions = all.mentions.filter((m) => docIds.has(docOf(m.passageId)));
  const relations = all.relations
    .map((r) => ({ ...r, evidence: r.evidence.filter((ev) => docIds.has(docOf(ev.passageId))) }))
    .filter((r) => r.evidence.length > 0);
  const ids = new Set<string>(mentions.map((m) => m.entityId));
  for (const r of relations) for (const end of [r.from, r.to]) if (end.kind === 'entity') ids.add(end.id);
  return { entities: all.entities.filter((e) => ids.has(e.id)), mentions, relations };
}

interface WorkPlan {
  resolved: Resolved;
  fps: Map<string, Fingerprint>;
  works: WorkAssignment['works'];
  stored: Map<string, StoredDocument>;
}

async function writePrepared(target: WriteTarget, group: Prepared[], plan: WorkPlan): Promise<Resolved> {
  const resolved = sliceForDocuments(plan.resolved, new Set(group.map((p) => p.doc.id)));
  const replace = group.filter((p) => plan.stored.has(p.doc.id)).map((p) => p.doc.id);
  const docs: DocumentWrite[] = group.map((p) => {
    const w = plan.works.get(p.doc.id)!;
    return { doc: p.doc, passages: p.passages, fp: plan.fps.get(p.doc.id)!, workId: w.workId, similarity: w.similarity };
  });
  await writeBatch(target, docs, resolved, replace);
  return resolved;
}
