// In-memory evaluation: load → segment → extract → resolve on the seed folder (no Neo4j) and score against
// the gold file. Used by the floor test (tests/eval-floor.test.ts) and runnable directly:
//   node --import tsx eval/run-memory.ts [seedsDir] [gold.json]

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { listSources, loadDocument, loadLexicon, prepare, resolve, type GraphBatch, type Lexicon } from '../ingest/index.ts';
import { predictedFromBatch, score, type Gold, type Predicted, type Score } from './score.ts';
import { formatScore } from './format.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_SEEDS = process.env.ATLAS_SEEDS ?? join(ROOT, '..', 'shared', 'seeds');
export const DEFAULT_GOLD = join(ROOT, 'gold', 'seeds.json');

export interface MemoryRun {
  score: Score;
  predicted: Predicted;
  batch: GraphBatch;
  seconds: number;
}

/** Run the extraction stages over a folder in memory and build the resolved batch. */
export async function buildBatch(inputs: string[], lexicon: Lexicon = loadLexicon()): Promise<GraphBatch> {
  const { sources } = await listSources(inputs);
  const items = [];
  for (const source of sources) items.push(prepare(await loadDocument(source), lexicon));
  const r = resolve(items, lexicon);
  return { documents: items.map((i) => i.doc), passages: items.flatMap((i) => i.passages), ...r };
}

export async function runMemoryEval(opts: { seeds?: string; gold?: string; lexicon?: Lexicon } = {}): Promise<MemoryRun> {
  const t0 = performance.now();
  const gold = JSON.parse(readFileSync(opts.gold ?? DEFAULT_GOLD, 'utf8')) as Gold;
  const batch = await buildBatch([opts.seeds ?? DEFAULT_SEEDS], opts.lexicon);
  const predicted = predictedFromBatch(batch);
  return { score: score(gold, predicted), predicted, batch, seconds: (performance.now() - t0) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const run = await runMemoryEval({ seeds: process.argv[2], gold: process.argv[3] });
  console.log(formatScore(run.score));
  console.log(`\n(${run.batch.documents.length} documents, ${run.batch.entities.length} entities, ${run.batch.relations.length} relations, ${run.seconds.toFixed(2)} s)`);
}
