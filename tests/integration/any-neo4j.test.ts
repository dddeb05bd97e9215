// Atlas against any Neo4j: a second server, started separately on its own port with its own password and
// reached only through NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE, given to `atlas`
// child processes as their whole configuration.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDriver } from '../../neo4j/connect.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../../neo4j/server.ts';
import { freePort } from '../setup/neo4j.ts';
import { testDriver, testTarget } from './helpers/db.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
let second: LocalNeo4j;
let dataDir: string;
let doc: string;

async function atlas(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('node', [join(ROOT, 'bin', 'atlas.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env } });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-second-neo4j-'));
  // A document of its own (three passages), so the test needs nothing beside the checkout.
  doc = join(mkdtempSync(join(tmpdir(), 'atlas-second-doc-')), 'second-server.txt');
  writeFileSync(doc, 'Sparse autoencoders at Anthropic\n\nChris Olah and Jan Leike study sparse autoencoders at Anthropic.\n\nClaude is a model trained by Anthropic.\n');
  second = await startLocalNeo4j({ dataDir, port: await freePort() });
}, 240_000);
afterAll(async () => {
  await second?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (doc) rmSync(join(doc, '..'), { recursive: true, force: true });
});

describe('a separately started Neo4j', () => {
  it('is used for ingest and stats through the NEO4J_* variables alone', { timeout: 600_000 }, async () => {
    expect(second.target.uri).not.toBe(testTarget().uri);
    expect(second.target.password).not.toBe(testTarget().password);
    const env = { NEO4J_URI: second.target.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: second.target.password, NEO4J_DATABASE: 'neo4j' };
    const main = testDriver();
    const mainBefore = Number((await main.executeQuery('MATCH (d:Document) RETURN count(d) AS n')).records[0].get('n'));

    const ingest = await atlas(env, 'ingest', doc);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stderr).toContain(`Neo4j: ${second.target.uri}`);
    const stats = await atlas(env, 'stats', '--json');
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ documents: 1, works: 1, passages: 3 });

    // The data is in the second server, read directly, and not in the test's own.
    const direct = openDriver(second.target);
    const there = await direct.executeQuery('MATCH (d:Document) RETURN d.source AS s', {}, { database: 'neo4j' });
    await direct.close();
    expect(there.records.map((r) => r.get('s'))).toEqual([doc]);
    expect(Number((await main.executeQuery('MATCH (d:Document) RETURN count(d) AS n')).records[0].get('n'))).toBe(mainBefore);
    await main.close();

    const [wrong, missingDb] = await Promise.all([
      atlas({ ...env, NEO4J_PASSWORD: 'not-the-password' }, 'stats'),
      atlas({ ...env, NEO4J_DATABASE: 'nosuchdb' }, 'stats'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^atlas: .+ \[DB_AUTH\]$/m);
    expect(missingDb.code).toBe(2);
    expect(missingDb.stderr).toMatch(/^atlas: .+ \[DB_UNAVAILABLE\]$/m);
  });
});
