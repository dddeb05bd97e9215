// The `atlas` command line as a user runs it, against the test Neo4j (NEO4J_URI is set by the global setup).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DOMParser } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from './helpers/db.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const run = promisify(execFile);

async function atlas(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [join(ROOT, 'bin', 'atlas.js'), ...args], { cwd: ROOT, env: process.env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  const driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
  await driver.close();
});

describe('atlas CLI', () => {
  it('ingests the seeds and a bad file, prints the summary and the per-file error, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0x41, 0xff, 0x42]));
    const r = await atlas('ingest', SEEDS, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Ingested 4 documents \(0 unchanged, 1 failed\)/);
    expect(r.stdout).toMatch(/entities\s+\d+\s+\(Person \d+, Organization \d+, Paper \d+, Concept \d+, Model \d+\)/);
    expect(r.stdout).toMatch(/broken\.txt \(byte 1\)\s+│ INVALID_UTF8/);
    expect(r.stdout).toMatch(/Graph now: 4 documents \(2 works\)/);
    const again = await atlas('ingest', SEEDS, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, unchanged: 4, failed: 0 });
  });

  it('runs a named query with parameters and prints a table', async () => {
    const r = await atlas('query', '--name', 'concept-sources', '--param', 'name=sparse autoencoders');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/entity\s+│ type\s+│ document/);
    expect(r.stdout).toContain('004_2ce8cbb06aa7e3b9.txt');
    expect(r.stdout).toMatch(/\d+ rows?/);
    const teams = await atlas('query', '--name', 'people-teams', '--json');
    const rows = JSON.parse(teams.stdout) as { person: string; team: string }[];
    expect(rows.map((x) => x.person)).toEqual(expect.arrayContaining(['Carson Denison', 'Monte MacDiarmid']));
  });

  it('runs every named query of queries/ with its declared defaults', async () => {
    const list = (await atlas('query', '--list')).stdout;
    const names = [...list.matchAll(/^(\S+)\s{2,}/gm)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(['concept-sources', 'people-teams', 'papers-authors', 'neighbourhood', 'shortest-path']));
    for (const name of names) {
      const r = await atlas('query', '--name', name);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout, name).toMatch(/\d+ rows?/);
      expect(r.stdout, name).not.toMatch(/^0 rows/m);
    }
  });

  it('refuses a write query unless --write is given', async () => {
    const r = await atlas('query', 'CREATE (n:Intruder) RETURN n');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/read-only/i);
    const driver = testDriver();
    const res = await driver.executeQuery('MATCH (n:Intruder) RETURN count(n) AS n');
    await driver.close();
    expect(Number(res.records[0].get('n'))).toBe(0);
  });

  it('exports GraphML that parses as XML and matches the JSON export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-export-'));
    expect((await atlas('export', '--format', 'graphml', '-o', join(dir, 'g.graphml'))).code).toBe(0);
    expect((await atlas('export', '--format', 'json', '-o', join(dir, 'g.json'))).code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'g.json'), 'utf8'));
    const xml = new DOMParser().parseFromString(readFileSync(join(dir, 'g.graphml'), 'utf8'), 'text/xml');
    expect(xml.querySelectorAll('node').length).toBe(json.nodes.length);
    expect(xml.querySelectorAll('edge').length).toBe(json.edges.length);
    const member = json.edges.find((e: { type: string }) => e.type === 'MEMBER_OF');
    expect(member.properties.evidenceSentences.length).toBeGreaterThan(0);
  });

  it('prints stats and help', async () => {
    const s = JSON.parse((await atlas('stats', '--json')).stdout);
    expect(s.documents).toBe(4);
    expect(s.works).toBe(2);
    expect(s.entities.Person).toBeGreaterThan(3);
    for (const cmd of ['ingest', 'query', 'export', 'stats', 'serve', 'demo', 'db']) {
      const h = await atlas(cmd, '--help');
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/^Usage: atlas /);
    }
  });
});
