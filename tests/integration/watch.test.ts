// `atlas ingest --watch`: a real CLI process on a real folder picks up an edited file (re-ingested) and a
// deleted one (removed from the graph), and stops cleanly on Ctrl+C (SIGINT) with exit code 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from './helpers/db.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let driver: Driver;
let dir: string;

beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
  dir = mkdtempSync(join(tmpdir(), 'atlas-watch-'));
  writeFileSync(join(dir, 'a.md'), '# Notes on Anthropic\n\nAnthropic studies sparse autoencoders.\n');
  writeFileSync(join(dir, 'b.md'), '# Notes on OpenAI\n\nOpenAI trains GPT-4 with RLHF.\n');
});
afterAll(async () => {
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

const documents = async () =>
  (await driver.executeQuery('MATCH (d:Document) RETURN d.name AS name, d.text AS text ORDER BY name')).records.map((r) => [r.get('name'), r.get('text')]);

describe('atlas ingest --watch', () => {
  it('re-ingests an edited file and removes a deleted one', { timeout: 300_000 }, async () => {
    const child = spawn('node', [join(ROOT, 'bin', 'atlas.js'), 'ingest', '--watch', dir], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const waiters: { re: RegExp; done: () => void }[] = [];
    const onData = (b: Buffer) => {
      out += b.toString();
      for (const w of [...waiters]) if (w.re.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const waitFor = (re: RegExp) =>
      new Promise<void>((done, fail) => {
        if (re.test(out)) return done();
        waiters.push({ re, done });
        void exited.then((code) => fail(new Error(`atlas exited (${code}) before ${re}:\n${out}`)));
      });
    try {
      await waitFor(/Watching .* for changes/);
      expect((await documents()).map(([n]) => n)).toEqual(['a.md', 'b.md']);

      writeFileSync(join(dir, 'a.md'), '# Notes on Anthropic\n\nAnthropic and Redwood Research study alignment faking.\n');
      await waitFor(/\] ingested 1 \(0 unchanged, 0 failed\): a\.md/);
      const docs = await documents();
      expect(docs.map(([n]) => n)).toEqual(['a.md', 'b.md']);
      expect(docs[0][1]).toContain('Redwood Research study alignment faking');
      const redwood = await driver.executeQuery("MATCH (:Document {name: 'a.md'})-[:HAS_PASSAGE]->()-[:MENTIONS]->(e:Entity {name: 'Redwood Research'}) RETURN count(*) AS n");
      expect(Number(redwood.records[0].get('n'))).toBe(1);

      unlinkSync(join(dir, 'b.md'));
      await waitFor(/\] removed 1 document: b\.md/);
      expect((await documents()).map(([n]) => n)).toEqual(['a.md']);
      const openai = await driver.executeQuery("MATCH (e:Entity {name: 'OpenAI'}) RETURN count(e) AS n");
      expect(Number(openai.records[0].get('n'))).toBe(0);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
