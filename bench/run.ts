// `npm run bench`: ingest at corpus scale, every figure a ratio (or a peak) within one run on one machine, so
// the numbers compare across machines. Ingests a deterministic sample of ../shared/corpora into a throwaway
// Neo4j through the real CLI in a child process (to measure its peak RSS), then the same unchanged, then the
// sample twice over; compares with compromise's full parse of the same text, batched against per-row writes,
// and times the explorer API on synthetic graphs of 1k, 10k and 100k entities. Prints a table and writes the
// report to bench/results/<date>.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { loadDocument, loadLexicon, type Document } from '../ingest/index.ts';
import { extractionScaling } from './extract-scaling.ts';
import { ingestInChild, peakRssMb } from './rss.ts';
import { sampleCorpus, stage } from './sample.ts';
import type { Latency } from './synthetic.ts';
import { apiLatencies } from './api-bench.ts';
import { batchedVersusPerRow } from './writes.ts';
import { apiLoadReport } from './api-load.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function runBench(o: { docs: number; all?: boolean; api?: boolean }): Promise<void> {
  const files = sampleCorpus(o.all ? Infinity : o.docs);
  const work = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const once = stage(files, join(work, 'once'));
  const twice = stage(files, join(work, 'twice'), 2);
  const docs: Document[] = [];
  for (const f of files) docs.push(await loadDocument(f).catch(() => null as never));
  const texts = docs.filter(Boolean).map((d) => d.text);
  const chars = texts.reduce((a, t) => a + t.length, 0);
  console.log(`Benchmark on ${files.length} documents, ${(chars / 1e6).toFixed(1)} M characters from ../shared/corpora\n`);

  // The peer: compromise's full parse (tokenise, tag, everything) of the same text.
  let t = performance.now();
  for (const text of texts) nlp(text).json();
  const tParse = (performance.now() - t) / 1000;

  const { startLocalNeo4j, openDriver } = await import('../neo4j/server.ts');
  const local = await startLocalNeo4j({ dataDir: join(work, 'neo4j'), port: 0 });
  const driver = openDriver(local.target);
  const db = local.target.database;
  // In batches of its own transactions: one DETACH DELETE of a whole graph would pass the per-transaction
  // memory limit the launcher sets (db.memory.transaction.max).
  const wipe = async () => {
    const session = driver.session({ database: db });
    try {
      await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS');
    } finally {
      await session.close();
    }
  };
  try {
    const first = await ingestInChild([once], local.target);
    const neo4jAfterFirst = peakRssMb(local.pid);
    const again = await ingestInChild([once], local.target);
    await wipe();
    const doubled = await ingestInChild([twice], local.target);
    const neo4jAfterDoubled = peakRssMb(local.pid);
    const writes = await batchedVersusPerRow(driver, db);
    const scaling = extractionScaling(loadLexicon());
    let latency: Latency[] = [];
    if (o.api !== false) {
      await wipe();
      latency = await apiLatencies(driver, db);
      console.log('');
    }

    const report = {
      date: new Date().toISOString(),
      documents: files.length,
      characters: chars,
      seconds: { compromiseFullParse: tParse, ingest: first.seconds, unchangedReingest: again.seconds, ingestDoubled: doubled.seconds },
      ratios: {
        ingestVsCompromiseFullParse: tParse / first.seconds,
        // The doubled input into the same Neo4j, its JVM warmed by the runs before: the throughput of an
        // `atlas db start` that keeps running, against compromise's parse of twice the text.
        warmIngestVsCompromiseFullParse: (2 * tParse) / doubled.seconds,
        batchedVsPerRowWrites: writes.perRowS / writes.batchedS,
        unchangedReingestSpeedup: first.seconds / again.seconds,
        doubledPeakRss: doubled.peakRssMb / first.peakRssMb,
      },
      peakRssMb: { ingest: first.peakRssMb, ingestDoubled: doubled.peakRssMb, neo4jAfterSample: neo4jAfterFirst, neo4jAfterDoubled },
      writes,
      extractionSecondsPerMb: scaling,
      ingest: first.summary,
      apiLatencyMs: latency,
      apiLoad: undefined as Awaited<ReturnType<typeof apiLoadReport>> | undefined,
    };
    const r2 = (x: number) => x.toFixed(2);
    const line = (k: string, v: string, target = '') => console.log(`  ${k.padEnd(46)} ${v.padStart(10)}   ${target}`);
    console.log('Ratios within this run:');
    line('end-to-end ingest / compromise full parse', `${r2(report.ratios.ingestVsCompromiseFullParse)}×`, '(target ≥ 5×)');
    line('  the same, doubled input into the warmed Neo4j', `${r2(report.ratios.warmIngestVsCompromiseFullParse)}×`);
    line(`batched / one transaction per row (${writes.rows} rows)`, `${r2(report.ratios.batchedVsPerRowWrites)}×`, '(target ≥ 50×)');
    line('unchanged re-ingest speed-up', `${r2(report.ratios.unchangedReingestSpeedup)}×`, '(target ≥ 20×)');
    line('peak RSS, corpus doubled / once', `${r2(report.ratios.doubledPeakRss)}×`, '(target ≤ 1.10×)');
    line('extraction per MB, 5 MB / 100 KB repetitive text', `${r2(scaling.ratio)}×`, '(target ≤ 3×)');
    line('  s per MB at 100 KB / 1 MB / 5 MB', `${r2(scaling.small)} / ${r2(scaling.medium)} / ${r2(scaling.large)}`);
    console.log('\nPeaks and times:');
    line('ingest process peak RSS (sample)', `${first.peakRssMb.toFixed(0)} MB`, '(target < 1 GB on the whole corpus)');
    line('ingest process peak RSS (sample doubled)', `${doubled.peakRssMb.toFixed(0)} MB`);
    line('Neo4j peak RSS (after sample / doubled)', `${neo4jAfterFirst.toFixed(0)} / ${neo4jAfterDoubled.toFixed(0)} MB`);
    line('ingest / unchanged / compromise parse', `${r2(first.seconds)} / ${r2(again.seconds)} / ${r2(tParse)} s`);
    report.apiLoad = await apiLoadReport(driver, db, {}, local.target);
    const out = join(ROOT, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    const file = join(out, `${report.date.slice(0, 10)}-${o.all ? 'all' : `${files.length}docs`}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nReport: ${file}`);
  } finally {
    await driver.close();
    await local.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const { runBrowserBench } = await import('./browser.ts');
  await runBrowserBench();
}
