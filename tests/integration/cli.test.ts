// The `atlas` command line as a user runs it, against the test Neo4j (NEO4J_URI is set by the global setup).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs, SEEDS } from '../shared-data.ts';
import type { ExportGraph } from '../../cli/export/read.ts';
import { testDriver } from './helpers/db.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** Runs the CLI; a trailing object gives environment variables to set for this run. */
async function atlas(...args: (string | Record<string, string>)[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const extra = typeof args.at(-1) === 'object' ? (args.pop() as Record<string, string>) : {};
  try {
    const { stdout, stderr } = await run('node', [join(ROOT, 'bin', 'atlas.js'), ...(args as string[])], { cwd: ROOT, env: { ...process.env, ...extra }, maxBuffer: 64 * 1024 * 1024 });
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

describe.skipIf(lacks('seeds'))(needs('seeds', 'atlas CLI'), { timeout: 300_000 }, () => {
  it('ingests the seeds and a bad file, prints the summary and the per-file error, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0x41, 0xff, 0x42]));
    const r = await atlas('ingest', SEEDS, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Ingested 4 documents \(0 unchanged, 1 failed\)/);
    expect(r.stdout).toMatch(/entities\s+\d+\s+\(Person \d+, Organization \d+, Paper \d+, Concept \d+, Model \d+, Dataset \d+, Software \d+\)/);
    expect(r.stderr).toMatch(/^  \S+broken\.txt \(byte 1\): invalid UTF-8 .* \[INVALID_UTF8\]$/m);
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
    expect(r.stderr).toContain('use --write to allow writes from the CLI');
    // A refusal that is not about writing gets no --write hint.
    const big = await atlas('query', 'RETURN [x IN range(1, 50000000) | x] AS xs');
    expect(big.code).not.toBe(0);
    expect(big.stderr).toContain('the console allows 1,000,000');
    expect(big.stderr).not.toContain('--write');
    const driver = testDriver();
    const res = await driver.executeQuery('MATCH (n:Intruder) RETURN count(n) AS n');
    await driver.close();
    expect(Number(res.records[0].get('n'))).toBe(0);
  });

  it('exports GraphML, .cyjs and CSV that independent parsers read back with every node, edge and evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-export-'));
    for (const [format, out] of [['json', 'g.json'], ['graphml', 'g.graphml'], ['cyjs', 'g.cyjs'], ['csv', 'csv']]) {
      const r = await atlas('export', '--format', format, '-o', join(dir, out));
      expect(r.code, r.stderr).toBe(0);
    }
    const json = JSON.parse(readFileSync(join(dir, 'g.json'), 'utf8')) as ExportGraph;
    const member = json.edges.find((e) => e.type === 'MEMBER_OF')!;
    const sentences = member.properties.evidenceSentences as string[];
    expect(sentences.length).toBeGreaterThan(0);
    const withEvidence = json.edges.filter((e) => e.properties.evidenceKeys).length;
    expect(withEvidence).toBeGreaterThan(0);

    const graphml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['key', 'node', 'edge', 'data'].includes(n) }).parse(readFileSync(join(dir, 'g.graphml'), 'utf8'));
    const keyId = (name: string) => (graphml.graphml.key as Record<string, string>[]).find((k) => k['@for'] === 'edge' && k['@attr.name'] === name)!['@id'];
    const gEdges = graphml.graphml.graph.edge as { '@source': string; '@target': string; data: { '@key': string; '#text': unknown }[] }[];
    expect(graphml.graphml.graph.node.length).toBe(json.nodes.length);
    expect(gEdges.length).toBe(json.edges.length);
    const gMember = gEdges.find((e) => e['@source'] === member.source && e['@target'] === member.target && e.data.some((d) => d['@key'] === keyId('type') && d['#text'] === 'MEMBER_OF'))!;
    expect(JSON.parse(String(gMember.data.find((d) => d['@key'] === keyId('evidenceSentences'))!['#text']))).toEqual(sentences);
    expect(gEdges.filter((e) => e.data.some((d) => d['@key'] === keyId('evidenceText'))).length).toBe(withEvidence);

    const cy = JSON.parse(readFileSync(join(dir, 'g.cyjs'), 'utf8'));
    expect(cy.elements.nodes.length).toBe(json.nodes.length);
    expect(cy.elements.edges.length).toBe(json.edges.length);
    const cyMember = cy.elements.edges.find((e: { data: Record<string, unknown> }) => e.data.interaction === 'MEMBER_OF' && e.data.source === member.source && e.data.target === member.target);
    expect(cyMember.data.evidenceSentences).toEqual(sentences);

    const nodes = parseCsv(readFileSync(join(dir, 'csv', 'nodes.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const edges = parseCsv(readFileSync(join(dir, 'csv', 'edges.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(nodes.length).toBe(json.nodes.length);
    expect(edges.length).toBe(json.edges.length);
    expect(new Set(nodes.map((n) => n['id:ID']))).toEqual(new Set(json.nodes.map((n) => n.id)));
    const csvMember = edges.find((e) => e[':TYPE'] === 'MEMBER_OF' && e[':START_ID'] === member.source && e[':END_ID'] === member.target)!;
    expect(csvMember['evidenceSentences:string[]'].split('|')).toEqual(sentences.map((x) => x.replaceAll('|', '¦')));
    expect(Number(csvMember['support:long'])).toBe(member.properties.support);
  });

  it('dry-runs an ingest: prints what would be extracted, writes nothing, and needs no Neo4j', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-dry-'));
    writeFileSync(join(dir, 'note.md'), '# Notes\n\nJan Leike leads the Superalignment team at OpenAI. We study reward hacking in Claude 3 Opus.\n');
    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0x41, 0xff]));
    const before = (await atlas('stats', '--json')).stdout;
    const r = await atlas('ingest', '--dry-run', dir, { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'none' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Dry run: nothing written\. Would ingest 1 document \(1 failed\)$/m);
    expect(r.stdout).toMatch(/note\.md {2}"Notes" {2}\d+ passages, \d+ mentions/);
    expect(r.stdout).toMatch(/entities +\d+ +\(Person [1-9]\d*, Organization [1-9]\d*, /);
    expect(r.stdout).toMatch(/broken\.txt \(byte 1\): invalid UTF-8.*\[INVALID_UTF8\]/);
    expect((await atlas('stats', '--json')).stdout).toBe(before);
  });

  it('exits 2 on usage errors and on an unreachable Neo4j, with the error as one line', async () => {
    const usage = await atlas('export', '--format', 'pdf');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/error: option '-f, --format <format>' argument 'pdf' is invalid/);
    const down = await atlas('stats', { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'none' });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^atlas: .+$/m);
    const reset = await atlas('reset');
    expect(reset.code).toBe(2);
    expect(reset.stderr).toMatch(/atlas: reset empties the whole graph: pass --yes/);
    expect(Number(JSON.parse((await atlas('stats', '--json')).stdout).documents)).toBe(4);
  });

  it('--quiet prints results and errors only', async () => {
    const r = await atlas('--quiet', 'ingest', SEEDS);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    const q = await atlas('-q', 'query', 'MATCH (d:Document) RETURN count(d) AS n');
    expect(q.stdout.trim().split('\n').at(-1)!.trim()).toBe('4');
  });

  it('prints stats and help', async () => {
    const s = JSON.parse((await atlas('stats', '--json')).stdout);
    expect(s.documents).toBe(4);
    expect(s.works).toBe(2);
    expect(s.entities.Person).toBeGreaterThan(3);
    const help = await atlas('--help');
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}all good\n {2}1 {2}some sources failed/);
    for (const cmd of ['ingest', 'remove', 'reset', 'query', 'export', 'stats', 'serve', 'demo', 'db']) {
      const h = await atlas(cmd, '--help');
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/^Usage: atlas /);
    }
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'atlas remove'), { timeout: 180_000 }, () => {
  it('removes a document by its path, and reports a source with no document as a failed source (exit 1)', async () => {
    const r = await atlas('remove', join(SEEDS, '004_2ce8cbb06aa7e3b9.txt'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Removed 1 document: 7 passages, \d+ mentions, \d+ relations, \d+ entities, 1 works$/m);
    const s = JSON.parse((await atlas('stats', '--json')).stdout);
    expect([s.documents, s.works]).toEqual([3, 1]);
    const missing = await atlas('remove', '/nowhere/a.txt');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^\/nowhere\/a\.txt: no ingested document has this source \[NOT_FOUND\]$/m);
  });

  it('atlas reset --yes empties the graph and leaves the schema', async () => {
    const r = await atlas('reset', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Graph emptied: [1-9]\d* nodes deleted\.$/m);
    const s = JSON.parse((await atlas('stats', '--json')).stdout);
    expect([s.documents, s.works, s.passages, s.mentions]).toEqual([0, 0, 0, 0]);
    const driver = testDriver();
    const constraints = await driver.executeQuery("SHOW CONSTRAINTS YIELD name WHERE name IN ['document_id', 'entity_id'] RETURN count(*) AS n");
    await driver.close();
    expect(Number(constraints.records[0].get('n'))).toBe(2);
  });
});
