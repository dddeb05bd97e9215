// Quality floors on the four seed documents, in memory (no Neo4j): issue 3's "done when" with a margin
// below the current numbers so that a regression fails loudly. The lead's end-to-end floor test reads the
// same scores back through Neo4j.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS, runMemoryEval } from '../../eval/run-memory.ts';
import { formatScore } from '../../eval/format.ts';

describe.skipIf(!existsSync(DEFAULT_SEEDS))('seed extraction quality (in memory)', () => {
  it('typed entity F1 ≥ 0.85, core-entity recall ≥ 0.9, relation F1 ≥ 0.6', async () => {
    const { score } = await runMemoryEval();
    const report = formatScore(score);
    expect(score.entities.typed.f1, report).toBeGreaterThanOrEqual(0.85);
    expect(score.entities.core.recall, report).toBeGreaterThanOrEqual(0.9);
    expect(score.relations.all.f1, report).toBeGreaterThanOrEqual(0.6);
  });
});
