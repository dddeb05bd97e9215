// The pipeline end to end against the real Neo4j started by the global setup.
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs, SEEDS } from '../shared-data.ts';
import { ingestSources } from '../../ingest/pipeline.ts';
import { testDriver } from './helpers/db.ts';

const ANNOUNCEMENTS = ['000_21b7a242badc503d.txt', '001_167c7b21bb755419.txt', '002_8cbe44fa147b9f2d.txt'];

let driver: Driver;

async function rows(cypher: string, params: Record<string, unknown> = {}) {
  const res = await driver.executeQuery(cypher, params);
  return res.records.map((r) => r.toObject());
}

async function counts() {
  const [c] = await rows(`RETURN COUNT { (n) } AS nodes, COUNT { ()-[]->() } AS rels,
    COUNT { (:Entity) } AS entities, COUNT { (:Passage) } AS passages, COUNT { ()-[:MENTIONS]->() } AS mentions,
    reduce(s = 0, x IN [()-[r]->() WHERE r.support IS NOT NULL | r.support] | s + x) AS evidence`);
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number(v)]));
}

beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
});
afterAll(async () => driver?.close());

describe.skipIf(lacks('seeds'))(needs('seeds', 'ingesting the seeds'), () => {
  it('writes the four documents and reports a summary', async () => {
    const s = await ingestSources([SEEDS], driver);
    expect(s.written).toBe(4);
    expect(s.failed).toBe(0);
    expect(s.passages).toBeGreaterThan(50);
    expect(s.entitiesByType.Person).toBeGreaterThan(3);
    expect(s.relations).toBeGreaterThan(5);
  });

  it('knows Carson Denison and Monte MacDiarmid are members of the Alignment Stress-Testing team, with evidence', async () => {
    const found = await rows(`MATCH (p:Person)-[r:MEMBER_OF]->(t:Organization)
      WHERE toLower(t.name) CONTAINS 'alignment stress-testing'
      RETURN p.name AS person, t.name AS team, r.evidenceSentences AS sentences, r.evidencePassages AS passages, r.evidenceStarts AS starts, r.evidenceEnds AS ends`);
    const people = found.map((r) => r.person).sort();
    expect(people).toEqual(expect.arrayContaining(['Carson Denison', 'Monte MacDiarmid']));
    for (const r of found) {
      expect(r.sentences.length).toBeGreaterThan(0);
      // The evidence span is the supporting sentence inside its document's text.
      const [d] = await rows('MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage {id: $id}) RETURN d.text AS text', { id: r.passages[0] });
      const sentence = d.text.slice(Number(r.starts[0]), Number(r.ends[0]));
      expect(sentence).toBe(r.sentences[0]);
      expect(sentence).toContain(r.person.split(' ')[0]);
    }
  });

  it('has the Sleeper Agents paper mentioned by all three copies, with offsets that point at the right text', async () => {
    const found = await rows(`MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->(e:Paper)
      WHERE toLower(e.name) STARTS WITH 'sleeper agents'
      RETURN d.name AS doc, d.text AS text, p.start AS pstart, p.end AS pend, p.text AS ptext, m.start AS start, m.end AS end, m.text AS mention`);
    expect(new Set(found.map((r) => r.doc))).toEqual(new Set(ANNOUNCEMENTS));
    for (const r of found) {
      expect(r.text.slice(Number(r.start), Number(r.end))).toBe(r.mention);
      expect(r.mention.toLowerCase()).toContain('sleeper agents');
      expect(Number(r.start)).toBeGreaterThanOrEqual(Number(r.pstart));
      expect(r.text.slice(Number(r.pstart), Number(r.pend))).toBe(r.ptext);
    }
  });

  it('groups the three versions into one work and counts works, not copies', async () => {
    const works = await rows('MATCH (d:Document)-[:VERSION_OF]->(w:Work) RETURN w.id AS w, collect(d.name) AS docs');
    expect(works).toHaveLength(2);
    const big = works.find((w) => w.docs.length === 3)!;
    expect(big.docs.sort()).toEqual(ANNOUNCEMENTS);
    const [anthropic] = await rows("MATCH (e:Organization) WHERE e.name = 'Anthropic' RETURN e.documents AS documents, e.works AS works");
    expect(Number(anthropic.documents)).toBeGreaterThanOrEqual(3);
    expect(Number(anthropic.works)).toBeLessThan(Number(anthropic.documents));
  });

  it('changes nothing when the same corpus is ingested again', async () => {
    const before = await counts();
    const s = await ingestSources([SEEDS], driver);
    expect(s.written).toBe(0);
    expect(s.unchanged).toBe(4);
    expect(await counts()).toEqual(before);
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'bad input among good input'), () => {
  it('reports each bad file and still writes the good ones, losing and duplicating nothing', async () => {
    const before = await counts();
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bad-'));
    copyFileSync(join(SEEDS, '004_2ce8cbb06aa7e3b9.txt'), join(dir, 'good-copy.txt'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'corrupt.txt'), Buffer.from([0x48, 0x69, 0x20, 0xc3, 0x28, 0x21]));
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    writeFileSync(join(dir, 'broken.html'), '<html><body><p>Thanks to Ada Lovelace for <b>feedback<div></p></span>');
    const s = await ingestSources([dir, 'http://127.0.0.1:9/unreachable.html'], driver);
    expect(s.written).toBe(2);
    expect(s.errors.map((e) => e.code).sort()).toEqual(['BINARY', 'EMPTY', 'FETCH_FAILED', 'INVALID_UTF8']);
    const corrupt = s.errors.find((e) => e.code === 'INVALID_UTF8')!;
    expect(corrupt.source).toMatch(/corrupt\.txt$/);
    expect(corrupt.position).toEqual({ unit: 'byte', offset: 3 });
    const after = await counts();
    expect(after.passages).toBeGreaterThan(before.passages);
    // The copy of the excerpt list joins the existing work instead of starting a new one.
    const [w] = await rows("MATCH (d:Document {name: 'good-copy.txt'})-[:VERSION_OF]->(w)<-[:VERSION_OF]-(o:Document) RETURN collect(o.name) AS others");
    expect(w.others).toContain('004_2ce8cbb06aa7e3b9.txt');
  });

  it('ingests an http URL: HTML to text, metadata, links and the URL as the source', async () => {
    const html = `<html><head><title>Notes on reward hacking</title><meta name="author" content="Ada Lovelace"></head>
      <body><article><h1>Notes on reward hacking</h1><p>We study reward hacking in Pythia-70M. Thanks to Katherine Johnson for comments.</p>
      <p>See <a href="https://example.org/sae">our earlier post</a>.</p></article></body></html>`;
    const server = createServer((req, res) => {
      if (req.url === '/post.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404).end('missing');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const s = await ingestSources([`${base}/post.html`, `${base}/gone.html`], driver);
      expect(s.written).toBe(1);
      expect(s.errors).toEqual([expect.objectContaining({ code: 'FETCH_FAILED', source: `${base}/gone.html`, message: expect.stringContaining('HTTP 404') })]);
      const [d] = await rows('MATCH (d:Document {source: $u}) RETURN d.title AS title, d.author AS author, d.sourceUrl AS url, d.format AS format', { u: `${base}/post.html` });
      expect(d).toEqual({ title: 'Notes on reward hacking', author: 'Ada Lovelace', url: `${base}/post.html`, format: 'html' });
      const acked = await rows('MATCH (d:Document {source: $u})-[:ACKNOWLEDGES]->(p:Person) RETURN p.name AS name', { u: `${base}/post.html` });
      expect(acked.map((r) => r.name)).toContain('Katherine Johnson');
    } finally {
      server.close();
    }
  });

  it('replaces a changed document instead of adding to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-change-'));
    const file = join(dir, 'post.md');
    writeFileSync(file, 'Thanks to Grace Hopper for comments on sparse autoencoders.\n');
    await ingestSources([file], driver);
    writeFileSync(file, 'Thanks to Barbara Liskov for comments on reward hacking.\n');
    const s = await ingestSources([file], driver);
    expect(s.written).toBe(1);
    const names = await rows(`MATCH (d:Document {source: $file})-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(e) RETURN collect(DISTINCT e.name) AS names`, { file });
    expect(names[0].names.join(' ')).not.toMatch(/Grace Hopper/);
    const orphan = await rows("MATCH (e:Entity) WHERE e.name = 'Grace Hopper' RETURN e");
    expect(orphan).toHaveLength(0);
    const passages = await rows('MATCH (d:Document {source: $file})-[:HAS_PASSAGE]->(p) RETURN count(p) AS n', { file });
    expect(Number(passages[0].n)).toBe(1);
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'works across separate ingests'), () => {
  it('merges two works when a later version bridges them, whatever the order of ingests', async () => {
    await driver.executeQuery('MATCH (n) DETACH DELETE n'); // versions of the seeds must not find the seeds
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bridge-'));
    // The wiki page and the thread export share too little to match directly; the plain post matches both.
    copyFileSync(join(SEEDS, '001_167c7b21bb755419.txt'), join(dir, 'a-wiki.txt'));
    copyFileSync(join(SEEDS, '002_8cbe44fa147b9f2d.txt'), join(dir, 'b-thread.txt'));
    copyFileSync(join(SEEDS, '000_21b7a242badc503d.txt'), join(dir, 'c-post.txt'));
    await ingestSources([join(dir, 'a-wiki.txt')], driver);
    await ingestSources([join(dir, 'b-thread.txt')], driver);
    const workOf = async (name: string) => (await rows('MATCH (:Document {name: $name})-[:VERSION_OF]->(w:Work) RETURN w.id AS id', { name })).map((r) => r.id);
    expect(await workOf('a-wiki.txt')).not.toEqual(await workOf('b-thread.txt'));
    await ingestSources([join(dir, 'c-post.txt')], driver);
    const [a, b, c] = [await workOf('a-wiki.txt'), await workOf('b-thread.txt'), await workOf('c-post.txt')];
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const orphans = await rows('MATCH (w:Work) WHERE NOT EXISTS { (w)<-[:VERSION_OF]-() } RETURN w');
    expect(orphans).toHaveLength(0);
  }, 180_000);
});
