import { defineConfig } from 'vitest/config';

// Three layers, each its own vitest project and npm script:
//   unit         pure code: no Java, no Neo4j, no browser (npm run test:unit, seconds)
//   integration  against a real Neo4j started by the global setup (npm run test:integration)
//   browser      the explorer in real Chromium, on the same Neo4j (npm run test:browser)
// `npm test` runs all three.
const neo4jSetup = ['tests/setup/neo4j.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: test files run one at a time so Neo4j, Chromium and the tests do not starve each other.
    fileParallelism: false,
    projects: [
      // Unit files share one module graph (compromise and the lexicon load once) and run on every core.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000, isolate: false, fileParallelism: true } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: neo4jSetup } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], globalSetup: neo4jSetup } },
    ],
  },
});
