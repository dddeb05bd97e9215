// Co-occurrence links and communities, written at ingest and kept current when a document changes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.ts';
import { MIN_SUPPORT } from '../../ingest/5-write/cooccurrence/index.ts';
import { npmi } from '../../ingest/5-write/cooccurrence/pairs.ts';
import { refreshOverview } from '../../ingest/5-write/overview.ts';
import { removeSources } from '../../ingest/5-write/remove.ts';
import { testDriver } from './helpers/db.ts';

let driver: Driver;
const dir = mkdtempSync(join(tmpdir(), 'atlas-cooc-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

async function rows(cypher: string, params: Record<string, unknown> = {}) {
  const res = await driver.executeQuery(cypher, params);
  return res.records.map((r) => r.toObject());
}

const OLAH = 'person:chris-olah';
const SAE = 'concept:sparse-autoencoder';

async function link(a: string, b: string) {
  const [r] = await rows(
    `MATCH (a:Entity {id: $a})-[r:CO_OCCURS]-(b:Entity {id: $b})
     RETURN r.support AS support, r.npmi AS npmi, r.evidencePassages AS passages, r.evidenceStarts AS starts,
            r.evidenceEnds AS ends, r.evidenceSentences AS sentences, r.evidenceMethods AS methods, r.evidenceKeys AS keys,
            startNode(r).id AS from`,
    { a, b },
  );
  return r;
}

beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
});
afterAll(async () => driver?.close());

describe('co-occurrence', () => {
  const a = file('a.txt', 'Chris Olah studies sparse autoencoders at Anthropic. Nothing else here.\n\nClaude is a model.\n');
  const b = file('b.txt', 'A second look.\n\nChris Olah wrote again about sparse autoencoders.\n');
  const c = file('c.txt', 'Anthropic trains Claude with Jan Leike.\n\nJan Leike and Anthropic also evaluate Claude.\n');

  it('links entities that share at least MIN_SUPPORT passages, with each shared sentence as evidence', async () => {
    const s = await ingestSources([a, b, c], driver);
    expect(s.written).toBe(3);
    expect(MIN_SUPPORT).toBe(2);
    const r = await link(OLAH, SAE);
    expect(Number(r.support)).toBe(2);
    expect(r.from).toBe(SAE < OLAH ? SAE : OLAH); // ends in id order: one relation per pair
    expect(r.methods).toEqual(['co-occurrence', 'co-occurrence']);
    // The evidence span is the sentence with both mentions, in the text of its passage's document.
    const slices: string[] = [];
    for (const [i, pid] of (r.passages as string[]).entries()) {
      const [d] = await rows(`MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage {id: $pid}) RETURN d.text AS text`, { pid });
      slices.push(d.text.slice(Number(r.starts[i]), Number(r.ends[i])));
    }
    expect(slices).toEqual(r.sentences);
    expect([...slices].sort()).toEqual(['Chris Olah studies sparse autoencoders at Anthropic.', 'Chris Olah wrote again about sparse autoencoders.']);
    expect((r.keys as string[]).map((k, i) => k === `${r.passages[i]}@${r.starts[i]}-${r.ends[i]}`)).toEqual([true, true]);
    // a.txt names Anthropic and Claude in different passages: only c.txt's two passages count.
    expect(Number((await link('organization:anthropic', 'model:claude')).support)).toBe(2);
    // Sparse autoencoders and Anthropic share one passage only: chance, no link.
    expect(await link(SAE, 'organization:anthropic')).toBeUndefined();
  }, 180_000);

  it('weights each link by NPMI over the passages that mention anything', async () => {
    const [n] = await rows(`MATCH (p:Passage) WHERE EXISTS { (p)-[:MENTIONS]->(:Entity) } RETURN count(p) AS n`);
    const per = async (id: string) => Number((await rows(`MATCH (:Entity {id: $id})<-[:MENTIONS]-(p:Passage) RETURN count(DISTINCT p) AS n`, { id }))[0].n);
    const r = await link(OLAH, SAE);
    expect(r.npmi).toBeCloseTo(npmi(2, await per(OLAH), await per(SAE), Number(n.n)), 6);
    expect(r.npmi).toBeCloseTo(1, 6); // they never appear apart
  });

  it('keeps links current when a document changes, and a full rebuild agrees with the incremental result', async () => {
    writeFileSync(b, 'A second look.\n\nChris Olah wrote about something else.\n');
    const s = await ingestSources([a, b, c], driver);
    expect([s.written, s.unchanged]).toEqual([1, 2]);
    expect(await link(OLAH, SAE)).toBeUndefined();

    const d = file('d.txt', 'Sparse autoencoders, as Chris Olah argues, find features.\n');
    await ingestSources([d], driver);
    const back = await link(OLAH, SAE);
    expect(Number(back.support)).toBe(2);
    expect((back.sentences as string[]).sort()).toEqual(['Chris Olah studies sparse autoencoders at Anthropic.', 'Sparse autoencoders, as Chris Olah argues, find features.']);

    const before = await rows(`MATCH (a)-[r:CO_OCCURS]->(b) RETURN a.id AS a, b.id AS b, r.support AS s, r.npmi AS w, r.evidenceKeys AS k ORDER BY a, b`);
    await refreshOverview({ driver });
    const after = await rows(`MATCH (a)-[r:CO_OCCURS]->(b) RETURN a.id AS a, b.id AS b, r.support AS s, r.npmi AS w, r.evidenceKeys AS k ORDER BY a, b`);
    expect(after).toEqual(before);
    expect(after.length).toBeGreaterThan(0);
  }, 240_000);

  it('gives a link back its full evidence when a removed document returns', async () => {
    // c.txt's two passages link Jan Leike and Anthropic; e.txt adds a third, removing it trims the evidence.
    const e = file('e.txt', 'Jan Leike joined Anthropic to lead alignment work.\n');
    await ingestSources([e], driver);
    const LEIKE = 'person:jan-leike';
    const ANTHROPIC = 'organization:anthropic';
    expect(Number((await link(LEIKE, ANTHROPIC)).support)).toBe(3);
    await removeSources({ driver }, [e]);
    expect(Number((await link(LEIKE, ANTHROPIC)).support)).toBe(2);
    await ingestSources([e], driver);
    const back = await link(LEIKE, ANTHROPIC);
    expect(Number(back.support)).toBe(3);
    expect(back.sentences).toContain('Jan Leike joined Anthropic to lead alignment work.');
  }, 240_000);
});

describe('communities', () => {
  it('stores each community with its members, named by its strongest ones, the same on every rebuild', async () => {
    const read = () =>
      rows(`MATCH (c:Community) OPTIONAL MATCH (e:Entity {community: c.id})
            WITH c, e ORDER BY e.communityStrength DESC, e.mentions DESC, e.id
            RETURN c.id AS id, c.name AS name, c.size AS size, c.rank AS rank, collect(e.name) AS members ORDER BY c.rank`);
    const first = await read();
    expect(first.length).toBeGreaterThan(0);
    for (const c of first) {
      expect(c.members.length).toBe(Number(c.size));
      expect(c.name).toBe(c.members.slice(0, 3).join(' · '));
    }
    // Anthropic, Claude and Jan Leike are named together twice: one community.
    const home = first.find((c) => c.members.includes('Anthropic'));
    expect(home?.members).toEqual(expect.arrayContaining(['Anthropic', 'Claude', 'Jan Leike']));
    await refreshOverview({ driver });
    expect(await read()).toEqual(first);
  }, 120_000);
});
