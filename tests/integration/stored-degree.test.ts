// The degree the ingest stores on every entity, which the start view reads off an index instead of counting
// every entity's relations: equal to the counted relations after a first ingest, after a document changes
// and is ingested again, and after a document is removed; and the start view built on it is the ranking and
// the legend that counting gives, read through the index.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/index.ts';
import { SEMANTIC_RELATION_TYPES } from '../../ingest/types.ts';
import { removeSources } from '../../ingest/5-write/remove.ts';
import { reader } from '../../web/server/read.ts';
import { MOST_CONNECTED, overview, overviewCounts } from '../../web/server/routes/overview.ts';
import { lacks, needs, SEEDS } from '../shared-data.ts';
import { testDriver, testTarget } from './helpers/db.ts';

const RELS = SEMANTIC_RELATION_TYPES.join('|');
const FILES = ['000_21b7a242badc503d.txt', '002_8cbe44fa147b9f2d.txt', '004_2ce8cbb06aa7e3b9.txt'];
const dir = mkdtempSync(join(tmpdir(), 'atlas-degree-'));
const copy = (f: string) => join(dir, f);

let driver: Driver;
const database = () => testTarget().database;
const rows = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(cypher, params, { database: database() })).records.map((r) => r.toObject());

/** Every entity's stored and counted degree, by id. */
async function degrees(): Promise<Map<string, { stored: number | null; counted: number }>> {
  const rs = await rows(`MATCH (e:Entity) RETURN e.id AS id, e.degree AS stored, COUNT { (e)-[:${RELS}]-() } AS counted`);
  return new Map(rs.map((r) => [r.id as string, { stored: r.stored === null ? null : Number(r.stored), counted: Number(r.counted) }]));
}

/** Entities whose stored degree is not what counting their relations gives. */
function wrong(d: Map<string, { stored: number | null; counted: number }>): string[] {
  return [...d].filter(([, x]) => x.stored !== x.counted).map(([id, x]) => `${id}: stored ${x.stored}, counted ${x.counted}`);
}

const changed = (a: Map<string, { counted: number }>, b: Map<string, { counted: number }>) =>
  [...new Set([...a.keys(), ...b.keys()])].filter((id) => a.get(id)?.counted !== b.get(id)?.counted);

beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: database() });
  for (const f of FILES) copyFileSync(join(SEEDS, f), copy(f));
});
afterAll(async () => {
  await driver?.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: database() });
  await driver?.close();
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'the stored degree'), () => {
  let first = new Map<string, { stored: number | null; counted: number }>();
  let second = first;

  it('is every entity\'s counted relations after an ingest', { timeout: 300_000 }, async () => {
    const s = await ingestSources(FILES.map(copy), driver, { database: database() });
    expect(s.failed).toBe(0);
    first = await degrees();
    expect(first.size).toBeGreaterThan(20);
    expect(Math.max(...[...first.values()].map((x) => x.counted))).toBeGreaterThan(2);
    expect(wrong(first)).toEqual([]);
  });

  it('follows a document that changed and was ingested again', { timeout: 300_000 }, async () => {
    // The longest seed loses its second half: its relations there go, and the degrees of their ends drop.
    const text = readFileSync(copy(FILES[1]), 'utf8');
    writeFileSync(copy(FILES[1]), text.slice(0, text.indexOf('\n', Math.floor(text.length / 2))));
    const s = await ingestSources(FILES.map(copy), driver, { database: database() });
    expect(s.written).toBe(1);
    second = await degrees();
    expect(changed(first, second).length).toBeGreaterThan(0);
    expect(wrong(second)).toEqual([]);
  });

  it('follows a document that was removed', { timeout: 300_000 }, async () => {
    const summary = await removeSources({ driver, database: database() }, [copy(FILES[0])]);
    expect(summary.removed.length).toBe(1);
    const third = await degrees();
    expect(changed(second, third).length).toBeGreaterThan(0);
    expect(wrong(third)).toEqual([]);
  });

  it('gives the start view the ranking that counting gives, read off the degree index', async () => {
    const read = reader(driver, database(), 30_000);
    const counted = await rows(
      `MATCH (e:Entity) WITH e, COUNT { (e)-[:${RELS}]-() } AS degree WHERE degree > 0
       RETURN e.id AS id, degree ORDER BY degree DESC, coalesce(e.mentions, 0) DESC, e.id LIMIT 12`,
    );
    expect(counted.length).toBe(12);
    const view = await overview(read, 12);
    expect(view.nodes.filter((n) => n.type !== 'Document').map((n) => [n.id, n.degree])).toEqual(counted.map((r) => [r.id, Number(r.degree)]));
    // The plan seeks the index in degree order and counts no relations.
    const plan = JSON.stringify((await driver.executeQuery(`EXPLAIN ${MOST_CONNECTED}`, { limit: 12 }, { database: database() })).summary.plan);
    expect(plan).toContain('NodeIndexSeekByRange');
    expect(plan).toContain('RANGE INDEX e:Entity(degree)');
    expect(plan).not.toContain('getDegree');
  });

  it('gives the legend the counts per type that reading every entity gives, with or without type labels', async () => {
    const read = reader(driver, database(), 30_000);
    const byType = async (): Promise<Record<string, number>> => Object.fromEntries((await rows('MATCH (e:Entity) RETURN e.type AS t, count(*) AS n')).map((r) => [r.t, Number(r.n)]));
    const documents = Number((await rows('MATCH (d:Document) RETURN count(d) AS n'))[0].n);
    const expected = await byType();
    expect(Object.keys(expected).length).toBeGreaterThan(2);
    expect(await overviewCounts(read)).toEqual({
      counts: { ...expected, Document: documents },
      totalEntities: Object.values(expected).reduce((a, b) => a + b, 0),
      totalDocuments: documents,
    });
    // An entity written without its type label (by hand, not by the ingest) is still counted under its type.
    await rows("CREATE (:Entity {id: 'test:unlabelled', type: 'Concept', name: 'unlabelled'})");
    try {
      const counts = await overviewCounts(read);
      expect(counts.counts['Concept']).toBe(expected['Concept'] + 1);
      expect(counts.totalEntities).toBe(Object.values(expected).reduce((a, b) => a + b, 0) + 1);
    } finally {
      await rows("MATCH (e:Entity {id: 'test:unlabelled'}) DELETE e");
    }
  });
});
