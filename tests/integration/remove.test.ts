// `atlas remove` semantics against a real Neo4j: removing one of three ingested documents leaves exactly the
// graph that ingesting only the other two gives (sorted export with passages and mentions, counts included).
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs, SEEDS } from '../shared-data.ts';
import { readGraph, type ExportGraph } from '../../cli/export/read.ts';
import { removeSources } from '../../ingest/5-write/remove.ts';
import { ingestSources } from '../../ingest/pipeline.ts';
import { testDriver, testTarget } from './helpers/db.ts';

// 000 and 001 are versions of one work; 004 is a work of its own. A work is named after the smallest document
// id among its versions, and ids hash the path, so which of 000 and 001 names the work depends on where the
// clone is: the test removes that one (the work must then be renamed) and keeps the other.
const [V_A, V_B, OTHER] = ['000_21b7a242badc503d.txt', '001_167c7b21bb755419.txt', '004_2ce8cbb06aa7e3b9.txt'].map((f) => join(SEEDS, f));
let kept: string[] = [];

/**
 * The export without what differs between two equal graphs: element ids and ingest times. Aliases compare
 * case-folded: which spelling of one alias ("Stress-testing", "stress-testing") resolution keeps depends on
 * the order it met the mentions in, which a removal cannot replay; which aliases an entity has is compared.
 */
function normalise(g: ExportGraph) {
  const folded = (xs: unknown) => [...new Set((xs as string[]).map((x) => x.toLowerCase()))].sort();
  const props = (p: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(p)
        .filter(([k]) => k !== 'ingestedAt' && k !== 'aliasText')
        .map(([k, v]) => [k, k === 'aliases' ? folded(v) : v])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return {
    nodes: g.nodes.map((n) => ({ id: n.id, labels: [...n.labels].sort(), props: props(n.properties) })).sort((a, b) => a.id.localeCompare(b.id)),
    edges: g.edges
      .map((e) => ({ type: e.type, source: e.source, target: e.target, props: props(e.properties) }))
      .sort((a, b) => `${a.type}|${a.source}|${a.target}|${a.props.start ?? ''}`.localeCompare(`${b.type}|${b.source}|${b.target}|${b.props.start ?? ''}`)),
  };
}

let driver: Driver;
const wipe = () => driver.executeQuery('MATCH (n) DETACH DELETE n');
beforeAll(async () => {
  driver = testDriver();
  await wipe();
});
afterAll(async () => {
  await wipe();
  await driver.close();
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'removing a document'), () => {
  it('leaves the graph an ingest of the other two documents gives', { timeout: 400_000 }, async () => {
    await ingestSources([V_A, V_B, OTHER], driver);
    const works = await driver.executeQuery('MATCH (d:Document)-[:VERSION_OF]->(w:Work) RETURN w.id AS w, count(d) AS n, collect(d.id) AS ids ORDER BY n DESC');
    expect(works.records.map((r) => Number(r.get('n')))).toEqual([2, 1]);
    const docId = works.records[0].get('w').replace(/^work:/, 'doc:') as string;
    expect(works.records[0].get('ids')).toContain(docId);
    const REMOVED = (await driver.executeQuery('MATCH (d:Document {id: $id}) RETURN d.source AS s', { id: docId })).records[0].get('s') as string;
    expect([V_A, V_B]).toContain(REMOVED);
    kept = [REMOVED === V_A ? V_B : V_A, OTHER].sort();
    const passages = Number((await driver.executeQuery('MATCH (:Document {id: $id})-[:HAS_PASSAGE]->(p:Passage) RETURN count(p) AS n', { id: docId })).records[0].get('n'));
    expect(passages).toBeGreaterThan(0);
    // Not vacuous: the removed document shares relations (with evidence from both) and a work with the others.
    const shared = await driver.executeQuery(
      `MATCH ()-[r]->() WHERE r.evidenceKeys IS NOT NULL AND any(k IN r.evidenceKeys WHERE k STARTS WITH $p) AND any(k IN r.evidenceKeys WHERE NOT k STARTS WITH $p)
       RETURN count(r) AS n`,
      { p: docId + ':' },
    );
    expect(Number(shared.records[0].get('n'))).toBeGreaterThan(0);

    const summary = await removeSources({ driver }, [REMOVED]);
    expect(summary.removed.map((d) => d.source)).toEqual([REMOVED]);
    expect(summary.notFound).toEqual([]);
    expect(summary.passages).toBe(passages);
    const afterRemove = normalise(await readGraph(driver, undefined, { passages: true }));

    await wipe();
    await ingestSources(kept, driver);
    const twoOnly = normalise(await readGraph(driver, undefined, { passages: true }));
    expect(afterRemove.nodes.length).toBe(twoOnly.nodes.length);
    expect(afterRemove.edges.length).toBe(twoOnly.edges.length);
    expect(afterRemove).toEqual(twoOnly);
  });

  it('reports sources that match no document, and removes every document under a folder', { timeout: 120_000 }, async () => {
    const r = await removeSources({ driver, database: testTarget().database }, ['/nowhere/a.txt', SEEDS]);
    expect(r.notFound).toEqual(['/nowhere/a.txt']);
    expect(r.removed.map((d) => d.source).sort()).toEqual(kept);
    expect(kept).toHaveLength(2);
    const left = await driver.executeQuery('MATCH (n) RETURN count(n) AS n');
    expect(Number(left.records[0].get('n'))).toBe(0);
  });
});
