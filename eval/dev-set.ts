// The independent development set (../shared/eval): its documents ingested into an empty Neo4j, the graph
// exported as `atlas export --format json` writes it, converted by the set's own from-export.mjs and scored by
// its own score.mjs. Both scripts run as child processes, unchanged, so Atlas is measured exactly as anyone
// else would measure it. Without ../shared (a plain clone of the repository) the dev set is reported absent.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { readGraph } from '../cli/export/read.ts';
import { ingestSources } from '../ingest/pipeline.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_SHARED = process.env.ATLAS_SHARED ?? resolve(ROOT, '..', 'shared');

export interface DevSet {
  gold: string;
  fromExport: string;
  scorer: string;
  /** Absolute paths of the annotated documents (keys of the gold file under corpora/). */
  documents: string[];
}

/** Counts as score.mjs reports them (p, r, f are fractions). */
export interface DevPRF { p: number; r: number; f: number; tp: number; fp: number; fn: number }
export interface DevScore {
  entities_typed: DevPRF;
  entities_untyped: DevPRF;
  by_type: Record<string, DevPRF>;
  core_recall_typed: number;
  core_n: number;
  relations_typed: DevPRF;
}

export interface DevResult {
  score: DevScore;
  /** score.mjs's own verbose report: per type, then the missed gold entities and unmatched predictions. */
  report: string;
  documents: number;
}

/** The dev set under `shared`, or undefined when that folder (or any file the set needs) is absent. */
export function findDevSet(shared: string = DEFAULT_SHARED): DevSet | undefined {
  const dir = join(shared, 'eval');
  const set = { gold: join(dir, 'dev-gold.json'), fromExport: join(dir, 'from-export.mjs'), scorer: join(dir, 'score.mjs') };
  if (!Object.values(set).every((f) => existsSync(f))) return undefined;
  const keys = Object.keys((JSON.parse(readFileSync(set.gold, 'utf8')) as { documents: Record<string, unknown> }).documents);
  const documents = keys.map((k) => join(shared, 'corpora', k));
  if (!documents.every((d) => existsSync(d))) return undefined;
  return { ...set, documents };
}

/**
 * Ingests the dev documents into the database behind `driver` — which must hold nothing else, since the
 * export is scored whole — exports it and scores it.
 */
export async function evalDevSet(driver: Driver, set: DevSet, database?: string): Promise<DevResult> {
  const existing = await driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n', {}, { database, routing: 'READ' });
  if (Number(existing.records[0].get('n')) > 0) throw new Error('the dev-set eval needs an empty database: its whole export is scored');
  const summary = await ingestSources(set.documents, driver, { database });
  if (summary.failed) throw new Error(`dev set: ${summary.failed} document(s) failed to ingest: ${summary.errors.map((e) => `${e.source}: ${e.message}`).join('; ')}`);
  const graph = await readGraph(driver, database);
  return { ...(await scoreExport(JSON.stringify(graph), set)), documents: summary.written };
}

/** Scores an `atlas export --format json` text with the set's own converter and scorer. */
export async function scoreExport(exportJson: string, set: DevSet): Promise<{ score: DevScore; report: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-dev-eval-'));
  try {
    const exported = join(dir, 'export.json');
    const pred = join(dir, 'pred.json');
    writeFileSync(exported, exportJson);
    const converted = await run(process.execPath, [set.fromExport, exported], { maxBuffer: 256 * 1024 * 1024 });
    writeFileSync(pred, converted.stdout);
    const [json, text] = await Promise.all([
      run(process.execPath, [set.scorer, set.gold, pred, '--json'], { maxBuffer: 64 * 1024 * 1024 }),
      run(process.execPath, [set.scorer, set.gold, pred, '--verbose'], { maxBuffer: 64 * 1024 * 1024 }),
    ]);
    return { score: JSON.parse(json.stdout) as DevScore, report: text.stdout.replace(/^gold: .*\n/, '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-line summary in the scorer's own terms. */
export function devSummary(s: DevScore): string {
  const f = (x: number) => x.toFixed(3);
  return `entity P=${f(s.entities_typed.p)} R=${f(s.entities_typed.r)} F1=${f(s.entities_typed.f)}  core recall=${f(s.core_recall_typed)}  relation P=${f(s.relations_typed.p)} R=${f(s.relations_typed.r)} F1=${f(s.relations_typed.f)}`;
}
