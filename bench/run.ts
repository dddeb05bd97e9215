// `npm run bench`: where ingest time goes, measured as ratios inside one run on one machine so the numbers
// compare across machines. Samples the shared corpora (arXiv abstracts, Distill articles, research-code
// docs), runs each stage separately, then the full pipeline into a throwaway Neo4j, then again unchanged.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { ingestSources, loadDocument, loadLexicon, prepare, resolve as resolveEntities, type Document } from '../ingest/index.ts';
import { extractionScaling } from './extract-scaling.ts';
import { apiLoadReport } from './api-load.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPORA = resolve(ROOT, '..', 'shared', 'corpora');

/** A deterministic sample: every k-th file of each part, in proportion to the part's size. */
export function sampleCorpus(n: number): string[] {
  const parts = ['arxiv-cs-ai-cl-abstracts', 'distill-articles', 'ml-research-docs', 'research-articles'];
  const files = parts.map((p) => readdirSync(join(CORPORA, p)).sort().map((f) => join(CORPORA, p, f)));
  const total = files.reduce((a, f) => a + f.length, 0);
  const out: string[] = [];
  for (const list of files) {
    const take = Math.max(1, Math.round((n * list.length) / total));
    const step = list.length / take;
    for (let i = 0; i < take && i * step < list.length; i++) out.push(list[Math.floor(i * step)]);
  }
  return out.slice(0, Math.max(n, 4));
}

const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t = performance.now();
  const v = await fn();
  return [v, (performance.now() - t) / 1000];
};

export async function runBench(o: { docs: number }): Promise<void> {
  const files = sampleCorpus(o.docs);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  console.log(`Benchmark on ${files.length} documents, ${(bytes / 1048576).toFixed(1)} MB from ../shared/corpora\n`);
  const lexicon = loadLexicon();

  const [docs, tLoad] = await time(async () => {
    const out: Document[] = [];
    for (const f of files) out.push(await loadDocument(f));
    return out;
  });
  const chars = docs.reduce((a, d) => a + d.text.length, 0);
  // Baseline: compromise's own tokenizer over the same text, the floor any compromise-based extractor pays.
  const [, tTokenize] = await time(() => docs.forEach((d) => nlp.tokenize(d.text)));
  const [extracted, tExtract] = await time(() => docs.map((d) => prepare(d, lexicon)));
  const [resolved, tResolve] = await time(() => resolveEntities(extracted, lexicon));

  const { startLocalNeo4j, openDriver } = await import('../neo4j/server.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const local = await startLocalNeo4j({ dataDir, port: 0 });
  const driver = openDriver(local.target);
  try {
    const [first, tFirst] = await time(() => ingestSources(files, driver, { lexicon, database: local.target.database }));
    const [second, tSecond] = await time(() => ingestSources(files, driver, { lexicon, database: local.target.database }));
    const tWrite = Math.max(0, tFirst - (tLoad + tExtract + tResolve));
    const row = (name: string, s: number, note = '') => console.log(`  ${name.padEnd(28)} ${s.toFixed(2).padStart(7)} s  ${(docs.length / s).toFixed(0).padStart(7)} docs/s  ${(chars / 1e6 / s).toFixed(2).padStart(6)} M chars/s  ${note}`);
    console.log('Stages (each measured alone):');
    row('load (read, decode, parse)', tLoad);
    row('compromise tokenize only', tTokenize, '(baseline)');
    row('prepare (segment+extract)', tExtract);
    row('resolve', tResolve);
    row('full ingest into Neo4j', tFirst, `(${first.written} written, ${first.failed} failed)`);
    row('second ingest, unchanged', tSecond, `(${second.unchanged} unchanged, ${second.written} written)`);
    console.log('\nRatios (machine-independent):');
    console.log(`  extract / compromise tokenize          ${(tExtract / tTokenize).toFixed(1)}×`);
    console.log(`  extract share of a full ingest         ${((100 * tExtract) / tFirst).toFixed(0)} %`);
    console.log(`  Neo4j write share of a full ingest     ${((100 * tWrite) / tFirst).toFixed(0)} %`);
    console.log(`  unchanged re-ingest / first ingest     ${(tSecond / tFirst).toFixed(3)}`);
    const scaling = extractionScaling(lexicon);
    console.log(`  extraction per MB, 5 MB / 100 KB       ${scaling.ratio.toFixed(2)}×  (repetitive text; linear ≤ 3×: ${scaling.small.toFixed(1)} vs ${scaling.large.toFixed(1)} s/MB)`);
    console.log(`\nGraph: ${resolved.entities.length} entities, ${resolved.mentions.length} mentions, ${resolved.relations.length} relations from ${docs.length} documents`);
    await apiLoadReport(driver, local.target.database);
  } finally {
    await driver.close();
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const { runBrowserBench } = await import('./browser.ts');
  await runBrowserBench();
}
