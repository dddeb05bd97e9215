// Links and sources that hold at a corpus's size, in real Chromium: a relation's link still opens after the
// document behind it is re-ingested (relation ids come from the endpoints and the type, not Neo4j's element
// ids), and the sources panel pages through to the last of 900 documents that mention an entity.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/index.ts';
import { openPage, useExplorer, REPO_ROOT } from './harness.ts';

const ctx = useExplorer();
const DIR = join(REPO_ROOT, 'tests', '.artifacts', 'relink');
const FILE = join(DIR, 'team-note.md');
const NOTE = '# Team note\n\nJan Leike leads the Superalignment team at OpenAI. The team studies scalable oversight.\n';

const ENTITY = 'concept:synthetic-sources-concept';
const N = 900;
const TEXT = 'The synthetic sources concept appears here.';

const run = (cypher: string, params: Record<string, unknown> = {}) => ctx.driver.executeQuery(cypher, params, { database: ctx.database });

beforeAll(async () => {
  await run(
    `MERGE (e:Entity:Concept {id: $id}) SET e.name = 'synthetic sources concept', e.type = 'Concept', e.aliases = [], e.mentions = $n, e.documents = $n
     WITH e UNWIND range(1, $n) AS i
     CREATE (d:Document {id: 'doc:synsrc' + i, name: 'synsrc-' + i + '.txt', title: 'Synthetic source ' + i, source: '/synthetic/synsrc-' + i + '.txt',
                         format: 'text', text: $text, contentHash: 'synthetic-' + i, titleSource: 'metadata'})
     CREATE (d)-[:HAS_PASSAGE]->(p:Passage {id: d.id + ':p0', docId: d.id, index: 0, kind: 'paragraph', start: 0, end: size($text), text: $text,
                                            sentenceStarts: [0], sentenceEnds: [size($text)]})
     CREATE (p)-[:MENTIONS {start: 4, end: 29, text: 'synthetic sources concept', method: 'lexicon', confidence: 0.9}]->(e)`,
    { id: ENTITY, n: N, text: TEXT },
  );
}, 300_000);
afterAll(async () => {
  await run(`MATCH (d:Document) WHERE d.id STARTS WITH 'doc:synsrc' OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(p) DETACH DELETE d, p`);
  await run('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: ENTITY });
});

describe('links and sources at scale', () => {
  it('a relation link still opens after its document is re-ingested', async () => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(FILE, NOTE);
    expect((await ingestSources([FILE], ctx.driver, { database: ctx.database })).failed).toBe(0);
    const [rec] = (await run(
      `MATCH (d:Document {source: $f}) MATCH (a)-[r]->(b) WHERE type(r) <> 'CO_OCCURS' AND any(x IN r.evidencePassages WHERE x STARTS WITH d.id + ':')
       RETURN a.id AS a, type(r) AS t, b.id AS b ORDER BY t, a, b LIMIT 1`,
      { f: FILE },
    )).records;
    expect(rec, 'a stated relation with evidence in the note').toBeTruthy();
    const link = `${ctx.server.url}?edge=${encodeURIComponent(`${rec.get('a')}-[${rec.get('t')}]->${rec.get('b')}`)}`;
    const evidence = async () => {
      const { page } = await openPage(ctx.browser, link);
      await page.waitForSelector('#evidence .passage');
      const text = (await page.textContent('#evidence'))!;
      await page.context().close();
      return text;
    };
    expect(await evidence()).toContain('Jan Leike leads the Superalignment team at OpenAI.');

    // The document changes: its passages and mentions are written anew, the relation keeps its id.
    writeFileSync(FILE, NOTE + '\nA second paragraph was added later.\n');
    const again = await ingestSources([FILE], ctx.driver, { database: ctx.database });
    expect([again.written, again.failed]).toEqual([1, 0]);
    expect(await evidence()).toContain('Jan Leike leads the Superalignment team at OpenAI.');
  });

  it(`the sources panel reaches the last of ${N} documents that mention an entity`, async () => {
    const { page, problems } = await openPage(ctx.browser, `${ctx.server.url}?entity=${encodeURIComponent(ENTITY)}`);
    await page.waitForSelector('#sources-range');
    expect(await page.textContent('#sources-range')).toMatch(new RegExp(`^Documents 1–\\d+ of ${N}$`));
    await page.click('#sources button[data-page="last"]');
    await page.waitForFunction((n) => new RegExp(`–${n} of ${n}$`).test(document.querySelector('#sources-range')?.textContent ?? ''), N);
    const range = (await page.textContent('#sources-range'))!;
    const from = Number(/^Documents (\d+)–/.exec(range)![1]);
    // The page shows what the API gives for that range, in its order: the last documents of the entity.
    const api = (await (await fetch(`${ctx.server.url}api/sources/${encodeURIComponent(ENTITY)}?skip=${from - 1}&limit=${N - from + 1}`)).json()) as { documents: { title: string }[] };
    expect(api.documents.length).toBe(N - from + 1);
    const shown = await page.locator('#source-page article.source').count();
    expect(shown).toBe(N - from + 1);
    const text = (await page.textContent('#source-page'))!;
    for (const d of api.documents) expect(text).toContain(d.title);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });
});
