import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: '.',
  test: {
    include: ['tests/**/*.test.ts'],
    // One real Neo4j for the whole run, started by the global setup on a free port with a throwaway folder.
    globalSetup: existsSync('tests/setup/neo4j.ts') ? ['tests/setup/neo4j.ts'] : [],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: test files run one at a time so Neo4j, Chromium and the tests do not starve each other.
    fileParallelism: false,
  },
});
