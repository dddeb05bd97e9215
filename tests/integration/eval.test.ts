// `npm run eval` end to end: the seeds go through the real pipeline into the real Neo4j, the graph is read
// back with Cypher and scored against gold/seeds.json; the floors are those of the in-memory test.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalThroughNeo4j } from '../../eval/from-neo4j.ts';
import { formatScore } from '../../eval/format.ts';
import { DEFAULT_GOLD, DEFAULT_SEEDS } from '../../eval/run-memory.ts';
import { FLOORS } from '../../eval/floors.ts';
import { testDriver } from './helpers/db.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
});
afterAll(async () => driver?.close());

describe('extraction quality read back from Neo4j', () => {
  it('meets the floors on the seeds', async () => {
    const score = await evalThroughNeo4j(driver, { gold: DEFAULT_GOLD, seeds: DEFAULT_SEEDS });
    const report = formatScore(score);
    expect(score.entities.typed.f1, report).toBeGreaterThanOrEqual(FLOORS.typedEntityF1);
    expect(score.entities.core.recall, report).toBeGreaterThanOrEqual(FLOORS.coreRecall);
    expect(score.relations.all.f1, report).toBeGreaterThanOrEqual(FLOORS.relationF1);
    // What Neo4j holds is what the pipeline produced: no entity lost or split on the way in.
    expect(score.entities.duplicates.length, report).toBeLessThanOrEqual(1);
  });
});
