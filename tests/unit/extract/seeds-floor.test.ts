// Quality floors (eval/floors.ts) on the four seed documents, in memory, no Neo4j.
import { describe, expect, it } from 'vitest';
import { lacks, needs } from '../../shared-data.ts';
import { runMemoryEval } from '../../../eval/run-memory.ts';
import { formatScore } from '../../../eval/format.ts';
import { FLOORS } from '../../../eval/floors.ts';


describe.skipIf(lacks('seeds'))(needs('seeds', 'seed extraction quality (in memory)'), () => {
  it(`typed entity F1 ≥ ${FLOORS.typedEntityF1}, core-entity recall ≥ ${FLOORS.coreRecall}, relation F1 ≥ ${FLOORS.relationF1}`, async () => {
    const { score } = await runMemoryEval();
    const report = formatScore(score);
    expect(score.entities.typed.f1, report).toBeGreaterThanOrEqual(FLOORS.typedEntityF1);
    expect(score.entities.core.recall, report).toBeGreaterThanOrEqual(FLOORS.coreRecall);
    expect(score.relations.all.f1, report).toBeGreaterThanOrEqual(FLOORS.relationF1);
  });
});
