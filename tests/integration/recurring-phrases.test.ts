// Recurring phrases are chosen over the whole graph: a phrase the first half uses only twice becomes a concept
// once the second half brings more documents that come back to it, in the first half's documents too, and the
// two halves give the graph of one run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/index.ts';
import { testDriver } from './helpers/db.ts';
import { diff, snapshot } from './helpers/snapshot.ts';

// Made-up notes; "gradient starvation" is the phrase three of them share and two come back to.
const NOTES = [
  'We study gradient starvation in deep networks. Later sections show that gradient starvation slows training.',
  'An unrelated note about cooking pasta. Gradient starvation is mentioned here once.',
  'Our analysis of gradient starvation uses small networks. A fix for gradient starvation comes at the end.',
  'Another note about growing tomatoes in a cold summer, without any networks.',
];

let driver: Driver;
let files: string[];
const wipe = () => driver.executeQuery('MATCH (n) DETACH DELETE n');
const recurring = async () =>
  (await driver.executeQuery(
    `MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage)-[m:MENTIONS {method: 'recurring-phrase'}]->(e:Concept)
     RETURN d.name + ' ' + e.name AS row ORDER BY row`,
  )).records.map((r) => r.get('row') as string);

beforeAll(() => {
  driver = testDriver();
  const dir = mkdtempSync(join(tmpdir(), 'atlas-recurring-'));
  files = NOTES.map((t, i) => {
    const f = join(dir, `note-${i}.md`);
    writeFileSync(f, `${t}\n`);
    return f;
  });
});
afterAll(async () => driver?.close());

describe('recurring phrases across runs', () => {
  it('a phrase chosen by the second half reaches the documents of the first, as in one run', async () => {
    await wipe();
    await ingestSources(files, driver);
    const one = await snapshot(driver);
    const whole = await recurring();
    // every use, in the three notes that have it (none repeats it three times, so no other signal took it)
    expect(whole).toEqual(['note-0.md gradient starvation', 'note-0.md gradient starvation', 'note-1.md gradient starvation', 'note-2.md gradient starvation', 'note-2.md gradient starvation']);

    await wipe();
    await ingestSources(files.slice(0, 2), driver);
    expect(await recurring()).toEqual([]);
    await ingestSources(files.slice(2), driver);
    expect(await recurring()).toEqual(whole);
    expect(diff(await snapshot(driver), one)).toEqual({ onlyA: [], onlyB: [] });
  }, 120_000);
});
