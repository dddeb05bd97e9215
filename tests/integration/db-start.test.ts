// Two local Neo4j starts at once (two checkouts, two terminals) both find the usual port free; only one can
// bind it, and the other must start on another port instead of failing. Real JVMs on fresh data dirs; the
// usual port is a free one picked here, so the test never touches 7687.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDriver, startLocalNeo4j, type LocalNeo4j } from '../../neo4j/server.ts';
import { freePort } from '../setup/neo4j.ts';

const dirs = [mkdtempSync(join(tmpdir(), 'atlas-race-a-')), mkdtempSync(join(tmpdir(), 'atlas-race-b-'))];
const started: LocalNeo4j[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('two starts at once', () => {
  it('both come up: one on the usual port, the other on a free one', { timeout: 400_000 }, async () => {
    const usual = await freePort();
    const results = await Promise.allSettled(dirs.map((dataDir) => startLocalNeo4j({ dataDir, preferredPort: usual })));
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const ports = started.map((s) => Number(new URL(s.target.uri.replace('bolt:', 'http:')).port));
    expect(ports.filter((p) => p === usual)).toHaveLength(1);
    expect(new Set(ports).size).toBe(2);
    for (const s of started) {
      const d = openDriver(s.target);
      try {
        await d.verifyConnectivity();
      } finally {
        await d.close();
      }
    }
  });
});
