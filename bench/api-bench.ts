// `atlas bench --api-only`: the explorer API part of the benchmark alone, in a minute or two instead of the
// whole ingest benchmark: a throwaway Neo4j, the synthetic graphs of 1k, 10k and 100k entities grown in
// place, search and expand p50/p95 at each size, then the loopback load test on the 100k graph. Writes
// bench/results/<date>-api.json (or `--out`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { ensureSchema } from '../ingest/5-write/index.ts';
import { apiLoadReport } from './api-load.ts';
import { apiLatency, growSynthetic, type Latency } from './synthetic.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const API_SIZES = [1_000, 10_000, 100_000];

/** Grows the synthetic graph through the sizes and times the API at each; prints one line per size. */
export async function apiLatencies(driver: Driver, database: string | undefined, sizes = API_SIZES): Promise<Latency[]> {
  const latency: Latency[] = [];
  let have = 0;
  console.log('Explorer API on synthetic graphs (ms, p50/p95 of search, expand, and /api/health as the floor; target p95 < 50 at 100k):');
  for (const size of sizes) {
    await growSynthetic(driver, database, have, size);
    have = size;
    const l = await apiLatency(driver, database, size);
    latency.push(l);
    const f = (x: number) => x.toFixed(0);
    console.log(`  ${`${size.toLocaleString('en-US')} entities: search, expand (floor)`.padEnd(46)} ${`${f(l.searchP50)}/${f(l.searchP95)}  ${f(l.expandP50)}/${f(l.expandP95)}  (${f(l.floorP50!)}/${f(l.floorP95!)})`.padStart(22)}`);
  }
  return latency;
}

export async function runApiBench(o: { out?: string; load?: boolean } = {}): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'atlas-bench-api-'));
  const { startLocalNeo4j, openDriver } = await import('../neo4j/server.ts');
  const local = await startLocalNeo4j({ dataDir: join(work, 'neo4j'), port: 0 });
  const driver = openDriver(local.target);
  const database = local.target.database;
  try {
    await ensureSchema({ driver, database });
    const started = new Date().toISOString();
    const apiLatencyMs = await apiLatencies(driver, database);
    const apiLoad = o.load === false ? undefined : await apiLoadReport(driver, database, {}, local.target);
    const report = { date: started, apiLatencyMs, apiLoad };
    const file = o.out ? resolve(o.out) : join(ROOT, 'bench', 'results', `${started.slice(0, 10)}-api.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nReport: ${file}`);
  } finally {
    await driver.close();
    await local.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
