// `npm run eval` end to end: the seeds go through the real pipeline into the real Neo4j, the graph is read
// back with Cypher and scored against gold/seeds.json; the floors are those of the in-memory test. Then the
// dev set of ../shared/eval: ingested into the emptied database, exported, scored by its own scorer.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { evalThroughNeo4j, runEval } from '../../eval/from-neo4j.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { ingestSources } from '../../ingest/index.ts';
import { formatScore } from '../../eval/format.ts';
import { DEFAULT_GOLD, DEFAULT_SEEDS } from '../../eval/run-memory.ts';
import { DEV_FLOORS, FLOORS } from '../../eval/floors.ts';
import { evalDevSet, findDevSet } from '../../eval/dev-set.ts';
import { testDriver } from './helpers/db.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
});
afterAll(async () => driver?.close());

describe.skipIf(lacks('seeds'))(needs('seeds', 'extraction quality read back from Neo4j'), () => {
  it('meets the floors on the seeds', async () => {
    const score = await evalThroughNeo4j(driver, { gold: DEFAULT_GOLD, seeds: DEFAULT_SEEDS });
    const report = formatScore(score);
    expect(score.entities.typed.f1, report).toBeGreaterThanOrEqual(FLOORS.typedEntityF1);
    expect(score.entities.core.recall, report).toBeGreaterThanOrEqual(FLOORS.coreRecall);
    expect(score.relations.all.f1, report).toBeGreaterThanOrEqual(FLOORS.relationF1);
    // What Neo4j holds is what the pipeline produced: no entity lost or split on the way in.
    expect(score.entities.duplicates.length, report).toBeLessThanOrEqual(1);
  }, 300_000);

  it('scores the seeds alone when the connected graph holds other documents too', async () => {
    await driver.executeQuery('MATCH (n) DETACH DELETE n');
    const alone = await evalThroughNeo4j(driver, { gold: DEFAULT_GOLD, seeds: DEFAULT_SEEDS });
    // Other notes beside them that keep returning to a few phrases of the field: in one graph, resolution
    // counts those phrases across every document and would find them as concepts in the seeds too.
    const dir = mkdtempSync(join(tmpdir(), 'atlas-eval-other-'));
    const phrases = ['human behavior', 'open source', 'mathematical theory', 'digital minds', 'safety behaviors', 'misalignment'];
    const others = Array.from({ length: 6 }, (_, i) => {
      const file = join(dir, `note-${i}.md`);
      const words = ['river', 'lantern', 'orchard', 'granite', 'meadow', 'harbor', 'willow', 'canyon', 'ember', 'glacier', 'thistle', 'quarry'];
      // each phrase in two sentences of its own per note (a document that comes back to a phrase marks a term)
      const lines = phrases.flatMap((p, j) => [0, 1].map((k) => `The ${words[(i + j + k) % 12]} ${words[(i * 3 + j * 5 + k) % 12]} view of ${p} is noted ${k ? 'again' : 'first'} in note ${['one', 'two', 'three', 'four', 'five', 'six'][i]}.`));
      writeFileSync(file, `# Note ${i}\n\n${lines.join('\n\n')}\n`);
      return file;
    });
    await ingestSources([dir], driver);
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((x: unknown) => void out.push(String(x)));
    try {
      await runEval({ driver }, { gold: DEFAULT_GOLD, seeds: DEFAULT_SEEDS, dev: false, json: true });
    } finally {
      log.mockRestore();
    }
    expect(JSON.parse(out.join('\n')).seeds).toEqual(JSON.parse(JSON.stringify(alone)));
    // and the user's graph kept what it held
    const docs = await driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n');
    expect(Number(docs.records[0].get('n'))).toBe(4 + others.length);
  }, 300_000);

  // The dev set lives beside the repository (../shared); a plain clone has no dev set to hold floors on.
  const devSet = findDevSet();
  it.runIf(devSet)('meets the floors on the dev set, exported and scored by ../shared/eval/score.mjs', async () => {
    await driver.executeQuery('MATCH (n) DETACH DELETE n');
    const { score, report, documents } = await evalDevSet(driver, devSet!);
    expect(documents).toBe(devSet!.documents.length);
    expect(score.entities_typed.f, report).toBeGreaterThanOrEqual(DEV_FLOORS.typedEntityF1);
    expect(score.entities_typed.p, report).toBeGreaterThanOrEqual(DEV_FLOORS.entityPrecision);
    expect(score.core_recall_typed, report).toBeGreaterThanOrEqual(DEV_FLOORS.coreRecall);
    expect(score.relations_typed.f, report).toBeGreaterThanOrEqual(DEV_FLOORS.relationF1);
  }, 600_000);
});
