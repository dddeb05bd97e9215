// One graph however the corpus arrives: in one run, in two halves in either order, in two concurrent runs,
// or in a run killed at a random point and then rerun — the sorted export (counts included) is the same.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/index.ts';
import { testDriver, testTarget } from './helpers/db.ts';
import { diff, snapshot as snapshotOf } from './helpers/snapshot.ts';
import { lacks, needs, SHARED } from '../shared-data.ts';

const ROOT = join(import.meta.dirname, '..', '..');
// The seeds and eight arXiv abstracts of ../shared; without them every case here skips (SKIP below).
const SKIP = lacks('seeds') || lacks('corpora');
const list = (dir: string) => (SKIP ? [] : readdirSync(dir).sort().map((f) => join(dir, f)));
const SEEDS = list(join(SHARED, 'seeds'));
const PAPERS = list(join(SHARED, 'corpora', 'arxiv-cs-ai-cl-abstracts')).slice(0, 8);
const ALL = [...SEEDS, ...PAPERS];
// Overlapping halves: the seeds share entities, acronyms and works across documents.
const FIRST = [SEEDS[0], SEEDS[2], ...PAPERS.slice(0, 5)];
const SECOND = [SEEDS[1], SEEDS[3], ...PAPERS.slice(3)];

let driver: Driver;
let clean: string[];

const wipe = () => driver.executeQuery('MATCH (n) DETACH DELETE n');

const snapshot = () => snapshotOf(driver);

beforeAll(async () => {
  driver = testDriver();
  await wipe();
  const s = await ingestSources(ALL, driver);
  expect(s.failed).toBe(0);
  clean = await snapshot();
  expect(clean.length).toBeGreaterThan(100);
}, 300_000);
afterAll(async () => driver?.close());

describe.skipIf(SKIP)(needs('corpora', 'resolution across runs'), () => {
  it('two halves, first then second, give the graph of one run over the whole', async () => {
    await wipe();
    await ingestSources(FIRST, driver);
    await ingestSources(SECOND, driver);
    expect(diff(await snapshot(), clean)).toEqual({ onlyA: [], onlyB: [] });
  }, 300_000);

  it('two halves, second then first, give the same graph (work ids and similarities included)', async () => {
    await wipe();
    await ingestSources(SECOND, driver);
    await ingestSources(FIRST, driver);
    expect(diff(await snapshot(), clean)).toEqual({ onlyA: [], onlyB: [] });
  }, 300_000);

  it('extraction in two worker threads gives the graph of extraction in this thread', async () => {
    await wipe();
    const s = await ingestSources(ALL, driver, { workers: 2 });
    expect(s.failed).toBe(0);
    expect(diff(await snapshot(), clean)).toEqual({ onlyA: [], onlyB: [] });
  }, 300_000);

  it('an unchanged re-ingest writes nothing and leaves the graph as it was', async () => {
    await wipe();
    await ingestSources(ALL, driver);
    const s = await ingestSources(ALL, driver);
    expect(s).toMatchObject({ written: 0, unchanged: ALL.length, failed: 0 });
    expect(diff(await snapshot(), clean)).toEqual({ onlyA: [], onlyB: [] });
  }, 300_000);
});

describe.skipIf(SKIP)(needs('corpora', 'concurrent ingests'), () => {
  it('two at once on overlapping sets, on a fresh database (schema included), equal the sequential result', async () => {
    await driver.executeQuery('MATCH (n) DETACH DELETE n');
    const other = testDriver();
    try {
      const [a, b] = await Promise.all([ingestSources(FIRST, driver), ingestSources(SECOND, other)]);
      expect(a.failed + b.failed).toBe(0);
      // Each document was written by exactly one of them; the other found it unchanged.
      const overlap = FIRST.filter((f) => SECOND.includes(f)).length;
      expect(a.written + b.written).toBe(ALL.length);
      expect(a.unchanged + b.unchanged).toBe(overlap);
    } finally {
      await other.close();
    }
    expect(diff(await snapshot(), clean)).toEqual({ onlyA: [], onlyB: [] });
  }, 300_000);
});

describe.skipIf(SKIP)(needs('corpora', 'a killed ingest, then a rerun'), () => {
  it('SIGKILL of the CLI at a random point, then a rerun, equals a clean ingest (counts included)', async () => {
    await wipe();
    const t = testTarget();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'atlas.js'), 'ingest', '--json', ...ALL], {
      env: { ...process.env, NEO4J_URI: t.uri, NEO4J_USERNAME: t.username, NEO4J_PASSWORD: t.password },
      stdio: 'ignore',
    });
    // Listened for from the start: on a fast machine the run can end before the kill below.
    const exited = new Promise((r) => child.once('exit', r));
    // A random point after the first document is written (or before, if the run is quicker than that).
    const written = async () => Number((await driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n')).records[0].get('n'));
    const deadline = Date.now() + 120_000;
    while ((await written()) === 0 && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1500)));
    child.kill('SIGKILL');
    await exited;
    const s = await ingestSources(ALL, driver);
    expect(s.failed).toBe(0);
    expect(diff(await snapshot(), clean)).toEqual({ onlyA: [], onlyB: [] });
  }, 300_000);
});

describe.skipIf(SKIP)(needs('corpora', 'names learned in one run, found in another'), () => {
  // A BibTeX entry names two people in full; the other document writes one surname and one full name in prose.
  const bib = '# A Benchmark\n\n```\n@article{q2023, title={Measuring Progress on Scalable Oversight for Large Language Models}, author={Okonkwo, Adaeze and Lindqvist, Tobias}}\n```\n';
  const prose = 'As Okonkwo shows, debate helps. Later work by Tobias Lindqvist on oversight agrees.\n';
  const files = () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-learned-'));
    writeFileSync(join(dir, 'a.md'), bib);
    writeFileSync(join(dir, 'b.md'), prose);
    return [join(dir, 'a.md'), join(dir, 'b.md')];
  };
  const peopleInB = async (b: string) =>
    (await driver.executeQuery(
      `MATCH (d:Document {source: $b})-[:HAS_PASSAGE]->(:Passage)-[m:MENTIONS]->(e:Person) RETURN m.text AS text, e.name AS name ORDER BY m.start`,
      { b },
    )).records.map((r) => [r.get('text'), r.get('name')]);

  it('the prose document, ingested first, gets the names when the BibTeX arrives in a later run', async () => {
    const [a, b] = files();
    await wipe();
    await ingestSources([a, b], driver);
    const together = await snapshot();
    expect(await peopleInB(b)).toEqual([['Okonkwo', 'Adaeze Okonkwo'], ['Tobias Lindqvist', 'Tobias Lindqvist']]);

    await wipe();
    await ingestSources([b], driver);
    // alone, the bare surname is nobody yet
    expect(await peopleInB(b)).toEqual([['Tobias Lindqvist', 'Tobias Lindqvist']]);
    await ingestSources([a], driver);
    expect(await peopleInB(b)).toEqual([['Okonkwo', 'Adaeze Okonkwo'], ['Tobias Lindqvist', 'Tobias Lindqvist']]);
    expect(diff(await snapshot(), together)).toEqual({ onlyA: [], onlyB: [] });
  }, 300_000);
});
