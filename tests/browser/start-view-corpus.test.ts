// The start view on a corpus-sized graph, in real Chromium: 2,000 arXiv abstracts from ../shared/corpora
// (the first by file name, so every run takes the same ones) ingested beside the seeds make a graph of
// tens of thousands of nodes; the start view must show entities of at least three types linked to one
// another by edges of the graph — not a grid of unlinked concepts, as it once did (issue: "the start view
// says nothing"). Skipped without the corpus. Afterwards the test graph is emptied (the next file seeds
// it again, as every file does): deleting is much faster than removing 2,000 documents one by one.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.ts';
import type { OverviewResponse } from '../../web/server/api-types.ts';
import { CORPORA, lacks, needs } from '../shared-data.ts';
import { openPage, useExplorer } from './harness.ts';

const ctx = useExplorer();
const ABSTRACTS = path.join(CORPORA, 'arxiv-cs-ai-cl-abstracts');
const files = lacks('corpora')
  ? []
  : readdirSync(ABSTRACTS)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .slice(0, 2000)
      .map((f) => path.join(ABSTRACTS, f));

async function count(cypher: string): Promise<number> {
  const { records } = await ctx.driver.executeQuery(cypher, {}, { database: ctx.database });
  return Number(records[0].get('n'));
}

describe.skipIf(lacks('corpora'))(needs('corpora', 'start view on a corpus'), () => {
  beforeAll(async () => {
    const summary = await ingestSources(files, ctx.driver, { database: ctx.database });
    if (summary.failed > 0) throw new Error(`ingest failed: ${JSON.stringify(summary.errors)}`);
  }, 900_000);
  afterAll(async () => {
    const session = ctx.driver.session({ database: ctx.database });
    try {
      await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    } finally {
      await session.close();
    }
  }, 600_000);

  it('shows entities of at least three types linked to each other by edges of the graph', async () => {
    // The premise: a graph of 2,000 documents and tens of thousands of nodes.
    expect(await count('MATCH (d:Document) RETURN count(d) AS n')).toBeGreaterThanOrEqual(2000);
    expect(await count('MATCH (n) WHERE n:Entity OR n:Document OR n:Passage RETURN count(n) AS n')).toBeGreaterThan(20000);
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    const view = await page.evaluate(() => {
      const cy = window.__atlas!.cy;
      const entity = (t: string) => t !== 'Document' && t !== 'Passage';
      const linked = new Set<string>();
      const links: { id: string; type: string; s: string; t: string }[] = [];
      cy.edges().forEach((e) => {
        const s = e.source().data('type') as string;
        const t = e.target().data('type') as string;
        if (!entity(s) || !entity(t) || e.source().id() === e.target().id()) return;
        linked.add(s).add(t);
        links.push({ id: e.id(), type: e.data('type') as string, s: e.source().id(), t: e.target().id() });
      });
      return { types: [...linked].sort(), links, nodes: cy.nodes().length };
    });
    expect(view.types.length, `entity types linked in the start view: ${view.types.join(', ')}`).toBeGreaterThanOrEqual(3);
    // The edges drawn are the API's, among nodes it sent: real links of the graph, not drawn by the client.
    const res = await fetch(new URL('/api/overview', ctx.server.url));
    const ov = (await res.json()) as OverviewResponse;
    const sent = new Map(ov.edges.map((e) => [e.id, e]));
    for (const l of view.links) expect(sent.get(l.id), l.id).toMatchObject({ type: l.type, source: l.s, target: l.t });
    expect(view.nodes).toBe(ov.nodes.length);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });
});
