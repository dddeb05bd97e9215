// `atlas ingest` of a folder of PDFs and awkward files, through the real CLI into the test Neo4j: a
// two-column PDF lands with every passage on its page, in reading order, authored by the people its
// metadata names; an encrypted PDF, a scanned PDF, a FIFO and a symlink to /dev/zero each get their own
// error, and the rest of the batch lands.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/pdf.ts';
import { AUTHORS, PARAGRAPHS, TITLE, twoColumnPaper } from '../fixtures/two-column.ts';
import { testDriver } from './helpers/db.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
let driver: Driver;

async function atlas(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [join(ROOT, 'bin', 'atlas.js'), ...args], { cwd: ROOT, env: process.env, maxBuffer: 16 * 1024 * 1024, timeout: 280_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

async function rows(cypher: string, params: Record<string, unknown> = {}) {
  return (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());
}

beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
});
afterAll(async () => driver?.close());

describe('atlas ingest of PDFs and special files', () => {
  it('lands the two-column PDF and the note, and reports each bad file on its own', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-batch-'));
    writeFileSync(join(dir, 'paper.pdf'), await makePdf(twoColumnPaper));
    writeFileSync(join(dir, 'locked.pdf'), await makePdf({ ...twoColumnPaper, userPassword: 'secret' }));
    writeFileSync(join(dir, 'scan.pdf'), await makePdf({ pages: [{ image: true }] }));
    writeFileSync(join(dir, 'note.md'), '# Note\n\nA short note on sparse autoencoders and reward hacking.\n');
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));

    const r = await atlas('ingest', dir, '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as { written: number; failed: number; errors: Array<{ source: string; code: string; message: string }> };
    expect(summary.written).toBe(2);
    expect(summary.failed).toBe(4);
    const errors = summary.errors.map((e) => [e.source.slice(dir.length + 1), e.code]).sort();
    expect(errors).toEqual([
      ['locked.pdf', 'ENCRYPTED'],
      ['pipe.txt', 'NOT_A_FILE'],
      ['scan.pdf', 'NO_TEXT_LAYER'],
      ['zero.txt', 'NOT_A_FILE'],
    ]);
    expect(summary.errors.find((e) => e.code === 'NO_TEXT_LAYER')?.message).toMatch(/^scanned: no text to extract/);

    const [doc] = await rows(`MATCH (d:Document) WHERE d.source ENDS WITH '/paper.pdf' RETURN d.id AS id, d.format AS format, d.title AS title, d.author AS author`);
    expect([doc.format, doc.title, doc.author]).toEqual(['pdf', TITLE, AUTHORS.join('; ')]);
    const passages = await rows(`MATCH (:Document {id: $id})-[:HAS_PASSAGE]->(p:Passage) RETURN p.page AS page, p.text AS text ORDER BY p.index`, { id: doc.id });
    expect(passages.map((p) => ({ page: Number(p.page), text: p.text }))).toEqual(PARAGRAPHS);
    const authors = await rows(`MATCH (p:Person)-[:AUTHORED]->(:Document {id: $id}) RETURN p.name AS name ORDER BY name`, { id: doc.id });
    expect(authors.map((a) => a.name)).toEqual(AUTHORS);
    // the note, not paged, has no page on its passages
    const note = await rows(`MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage) WHERE d.source ENDS WITH '/note.md' RETURN p.page AS page`);
    expect(note.length).toBeGreaterThan(0);
    expect(note.every((p) => p.page === null)).toBe(true);
  });
});
