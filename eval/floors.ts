// Quality floors on the seeds, held by tests/extract/seeds-floor.test.ts (in memory) and tests/eval.test.ts
// (through Neo4j). They sit at what extraction reaches (typed F1 0.969, core recall 1.0, relation F1 0.958),
// rounded down: raise them as quality improves, never lower them.
export const FLOORS = { typedEntityF1: 0.95, coreRecall: 1.0, relationF1: 0.93 };
