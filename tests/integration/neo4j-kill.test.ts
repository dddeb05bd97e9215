// Neo4j killed mid-ingest: `atlas ingest` ends within seconds with a clear line and exit code 2, and after a
// restart a rerun completes the graph — the sorted export, derived counts included, equals a clean ingest's.
// A Neo4j of its own (the shared test server must survive), fed part of the demo corpus of examples/.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/index.ts';
import { openDriver } from '../../neo4j/connect.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../../neo4j/server.ts';
import { freePort } from '../setup/neo4j.ts';
import { testDriver } from './helpers/db.ts';
import { diff, snapshot } from './helpers/snapshot.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, 'examples', 'corpus');
// Every fourth demo document: enough for a run to be caught between its writes and its settle, quick to rerun.
const DOCS = readdirSync(CORPUS).sort().flatMap((d) => readdirSync(join(CORPUS, d)).sort().map((f) => join(CORPUS, d, f))).filter((_, i) => i % 4 === 0);

let shared: Driver;
let own: LocalNeo4j | undefined;
let dataDir: string;
let clean: string[];

beforeAll(async () => {
  shared = testDriver();
  await shared.executeQuery('MATCH (n) DETACH DELETE n');
  const s = await ingestSources(DOCS, shared);
  expect(s.failed).toBe(0);
  clean = await snapshot(shared);
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-kill-neo4j-'));
}, 600_000);
afterAll(async () => {
  await shared?.close();
  await own?.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Neo4j killed mid-ingest', () => {
  it('the CLI ends within seconds with exit code 2; after a restart a rerun equals a clean ingest', async () => {
    own = await startLocalNeo4j({ dataDir, port: await freePort() });
    const t = own.target;
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'atlas.js'), 'ingest', ...DOCS], {
      env: { ...process.env, NEO4J_URI: t.uri, NEO4J_USERNAME: t.username, NEO4J_PASSWORD: t.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));

    // Kill the JVM once the first documents are in: the run is then somewhere between writes and settle.
    const probe = openDriver(t);
    const deadline = Date.now() + 240_000;
    try {
      for (;;) {
        const n = await probe.executeQuery('MATCH (d:Document) RETURN count(d) AS n').then((r) => Number(r.records[0].get('n'))).catch(() => 0);
        if (n > 0 || child.exitCode !== null || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await probe.close();
    }
    expect(child.exitCode).toBeNull();
    process.kill(own.pid, 'SIGKILL');
    const killedAt = Date.now();
    const code = await exited;
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Neo4j went away after [\d,]+ of [\d,]+ documents; rerun to continue/);

    await own.stop().catch(() => {});
    own = await startLocalNeo4j({ dataDir, port: await freePort() });
    const driver = openDriver(own.target);
    try {
      const s = await ingestSources(DOCS, driver);
      expect(s.failed).toBe(0);
      expect(diff(await snapshot(driver), clean)).toEqual({ onlyA: [], onlyB: [] });
    } finally {
      await driver.close();
    }
  }, 600_000);
});
