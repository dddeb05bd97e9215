// The explorer's overview features in real Chromium: the start view lists the communities of
// /api/overview, clicking one opens it, a community filter hides exactly its members and survives the link;
// the timeline strip shows documents per month, a real mouse drag across it keeps only the nodes with a
// document in the range (kept in the link); a PDF passage's page shows in the sources panel and the
// document viewer marks where each page starts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.ts';
import { removeSources } from '../../ingest/5-write/remove.ts';
import type { CommunityView, OverviewResponse } from '../../web/server/api-types.ts';
import { makePdf } from '../fixtures/pdf.ts';
import { graphNodes, openPage, REPO_ROOT, tapNode, useExplorer } from './harness.ts';
import { lacks, needs } from '../shared-data.ts';

const ctx = useExplorer();
const DIR = path.join(REPO_ROOT, 'tests', '.artifacts', 'overview-docs');
/** Three dated posts by people who appear nowhere else, all about scalable oversight. */
const DATED = [
  { file: 'spring-2023.md', date: '2023-03-14', author: 'Quillon Varga' },
  { file: 'summer-2023.md', date: '2023-07-02', author: 'Ysolde Brannick' },
  { file: 'winter-2025.md', date: '2025-01-20', author: 'Tamsin Okorafor' },
];
const PDF = path.join(DIR, 'two-pages.pdf');

async function rows<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await ctx.driver.executeQuery(cypher, params, { database: ctx.database });
  return records.map((r) => r.toObject() as T);
}

async function getJson<T>(p: string): Promise<T> {
  const res = await fetch(new URL(p, ctx.server.url));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const visibleIds = (page: Page) =>
  page.evaluate(() => window.__atlas!.cy.nodes().filter((n) => !n.hasClass('filtered')).map((n) => n.id()).sort());

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  for (const d of DATED) {
    writeFileSync(
      path.join(DIR, d.file),
      `---\ntitle: Field notes on scalable oversight (${d.date})\nauthor: ${d.author}\ndate: ${d.date}\n---\n\n${d.author} writes about scalable oversight: how a weaker judge can supervise a stronger model, and where scalable oversight breaks down.\n`,
    );
  }
  const line = (i: number) => `Line ${i} of a plain paragraph about evaluation methods and their limits.`;
  writeFileSync(
    PDF,
    await makePdf({
      info: { Title: 'Two pages on model behaviour', Author: 'Odile Fenwright' },
      pages: [
        { columns: [[...Array.from({ length: 8 }, (_, i) => line(i)), '', 'The first page closes here.']] },
        { columns: [['On this second page we turn to sycophancy, where a model agrees with', 'whatever its user already believes.', '', ...Array.from({ length: 6 }, (_, i) => line(i + 10))]] },
      ],
    }),
  );
  const summary = await ingestSources([DIR], ctx.driver, { database: ctx.database });
  if (summary.failed > 0) throw new Error(`ingest failed: ${JSON.stringify(summary.errors)}`);
}, 300_000);
afterAll(async () => {
  await removeSources({ driver: ctx.driver, database: ctx.database }, [DIR]).catch(() => {});
  rmSync(DIR, { recursive: true, force: true });
});

// Communities need a corpus to form over: the seeds (and the posts this file adds) are enough, a lone clone's
// hostile test document alone is not.
describe.skipIf(lacks('seeds'))(needs('seeds', 'communities'), () => {
  it('the start view lists the communities of /api/overview, and clicking one opens it', async () => {
    const ov = await getJson<OverviewResponse>('/api/overview');
    expect(ov.communities!.length).toBeGreaterThanOrEqual(2);
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    expect((await graphNodes(page)).map((n) => n.id).sort()).toEqual(ov.nodes.map((n) => n.id).sort());
    expect(await page.locator('#communities .community-open').allTextContents()).toEqual(ov.communities!.map((c) => c.name));
    // Each row counts its members in view.
    const first = ov.communities![0];
    const members = ov.nodes.filter((n) => n.community === first.id).length;
    expect(await page.textContent(`#communities li[data-community="${first.id}"] .legend-count`)).toBe(`${members}/${first.size}`);

    const second = ov.communities![1];
    const opened = await getJson<CommunityView>(`/api/community/${encodeURIComponent(second.id)}?limit=40`);
    await page.click(`#communities .community-open[data-community="${second.id}"]`);
    await page.waitForSelector(`#communities .community-open[data-community="${second.id}"][aria-current="true"]`);
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().length === n, opened.nodes.length);
    expect((await graphNodes(page)).map((n) => n.id).sort()).toEqual(opened.nodes.map((n) => n.id).sort());
    // Every node of an opened community belongs to it.
    expect(await page.evaluate(() => [...new Set(window.__atlas!.cy.nodes().map((n) => n.data('raw').community as string))])).toEqual([second.id]);

    // From a member's panel, its community opens too.
    await page.click('#btn-overview');
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().length === n, ov.nodes.length);
    const member = ov.nodes.find((n) => n.community === first.id)!;
    await tapNode(page, member.id);
    await page.click('#detail [data-action="open-community"]');
    await page.waitForSelector(`#communities .community-open[data-community="${first.id}"][aria-current="true"]`);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('unticking a community hides exactly its members, and the link keeps the filter', async () => {
    const ov = await getJson<OverviewResponse>('/api/overview');
    const target = ov.communities![0];
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.uncheck(`#communities input[data-community="${target.id}"]`);
    const expected = ov.nodes.filter((n) => n.community !== target.id).map((n) => n.id).sort();
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().filter((x) => !x.hasClass('filtered')).length === n, expected.length);
    expect(await visibleIds(page)).toEqual(expected);
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('hc') === id, target.id);
    await page.waitForFunction(() => new URL(location.href).searchParams.has('g'));
    const link = page.url();
    await page.context().close();

    const { page: again } = await openPage(ctx.browser, link);
    expect(await again.isChecked(`#communities input[data-community="${target.id}"]`)).toBe(false);
    expect(await visibleIds(again)).toEqual(expected);
    await again.check(`#communities input[data-community="${target.id}"]`);
    await again.waitForFunction((n) => window.__atlas!.cy.nodes().filter((x) => !x.hasClass('filtered')).length === n, ov.nodes.length);
    expect(problems.errors).toEqual([]);
    await again.context().close();
  });
});

describe('timeline', () => {
  it('shows documents per month and a real drag across it keeps only what has a document in the range', async () => {
    const docs = await rows<{ id: string; source: string }>("MATCH (d:Document) WHERE d.source STARTS WITH $dir AND d.source ENDS WITH '.md' RETURN d.id AS id, d.source AS source", { dir: DIR });
    expect(docs.length).toBe(3);
    const docOf = (file: string) => docs.find((d) => d.source.endsWith(file))!.id;
    const authors = await rows<{ doc: string; id: string }>(
      `MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(p:Entity {type: 'Person'}) WHERE d.id IN $ids RETURN DISTINCT d.id AS doc, p.id AS id`,
      { ids: docs.map((d) => d.id) },
    );
    const authorOf = (file: string) => authors.filter((a) => a.doc === docOf(file)).map((a) => a.id);
    for (const d of DATED) expect(authorOf(d.file).length).toBe(1);
    const view = [...docs.map((d) => d.id), ...authors.map((a) => a.id), 'concept:scalable-oversight'];
    // Every month from the first dated document in the graph to the last is a bar.
    const [span] = await rows<{ first: string; last: string }>(
      'MATCH (d:Document) WHERE size(d.published) >= 7 RETURN min(substring(d.published, 0, 7)) AS first, max(substring(d.published, 0, 7)) AS last',
    );
    const months = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5)) - Number(a.slice(5)) + 1;

    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.evaluate(async (ids) => {
      const res = await fetch('/api/subgraph', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ids }) });
      await window.__atlas!.show(await res.json());
    }, view);
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().length === n, view.length);
    await page.waitForSelector('#timeline:not([hidden]) .tl-bar');
    await page.waitForFunction((n) => document.querySelectorAll('#timeline-bars .tl-bar').length === n, months(span.first, span.last));
    // Real input: press on March 2023, drag to July 2023, release.
    const at = async (month: string) => {
      const b = (await page.locator(`#timeline-bars .tl-bar[data-month="${month}"]`).boundingBox())!;
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    // The strip settles first (a refresh follows each change of the view, 250 ms later), and nothing may
    // cover the two months (a toast): a press elsewhere would start no brush.
    await page.waitForTimeout(600);
    const a = await at('2023-03');
    const b = await at('2023-07');
    await page.waitForFunction(
      (pts) => pts.every((p) => !!document.elementFromPoint(p.x, p.y)?.closest('#timeline-bars')),
      [a, b],
    );
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, a.y, { steps: 4 });
    await page.mouse.move(b.x, b.y, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('t') === '2023-03~2023-07');
    const kept = [docOf('spring-2023.md'), docOf('summer-2023.md'), ...authorOf('spring-2023.md'), ...authorOf('summer-2023.md'), 'concept:scalable-oversight'].sort();
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().filter((x) => !x.hasClass('filtered')).length === n, kept.length);
    expect(await visibleIds(page)).toEqual(kept);
    expect(await page.locator('#timeline-bars .tl-bar.in-range').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['month']))).toEqual(['2023-03', '2023-04', '2023-05', '2023-06', '2023-07']);
    expect(await page.textContent('#timeline-status')).toBe(`Mar 2023 – Jul 2023 · ${kept.length} of ${view.length} in view`);
    await page.waitForTimeout(400); // the link follows the view
    const link = page.url();

    await page.click('#timeline-clear');
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().filter((x) => !x.hasClass('filtered')).length === n, view.length);
    expect(new URL(page.url()).searchParams.has('t')).toBe(false);
    await page.context().close();

    const { page: again } = await openPage(ctx.browser, link);
    await again.waitForFunction((n) => window.__atlas!.cy.nodes().filter((x) => !x.hasClass('filtered')).length === n, kept.length);
    expect(await visibleIds(again)).toEqual(kept);
    expect(problems.errors).toEqual([]);
    await again.context().close();
  });
});

describe('PDF pages', () => {
  it('a passage shows its page in the sources panel, and the viewer marks where each page starts', async () => {
    const [pdf] = await rows<{ id: string; pages: number[] }>(
      'MATCH (d:Document {source: $s})-[:HAS_PASSAGE]->(p:Passage) WITH d, p ORDER BY p.start RETURN d.id AS id, collect(p.page) AS pages',
      { s: PDF },
    );
    expect(pdf.pages[0]).toBe(1);
    expect(pdf.pages.at(-1)).toBe(2);
    const { page, problems } = await openPage(ctx.browser, `${ctx.server.url}?entity=${encodeURIComponent('concept:sycophancy')}`);
    await page.waitForSelector(`#sources article[data-doc="${pdf.id}"] .passage`);
    expect(await page.locator(`#sources article[data-doc="${pdf.id}"] .passage .passage-page`).allTextContents()).toEqual(['p. 2']);
    await page.click(`#sources article[data-doc="${pdf.id}"] .doc-link`);
    await page.waitForSelector('#doc-text .page-mark');
    expect(await page.locator('#doc-text .page-mark').allTextContents()).toEqual(['Page 1', 'Page 2']);
    // The mention of sycophancy comes after the mark of page 2, and "The first page closes here" before it.
    const order = await page.evaluate(() => {
      const mark = document.querySelector('#doc-text .page-mark[data-page="2"]')!;
      const mention = document.querySelector('#doc-text .doc-mention[data-entity="concept:sycophancy"]')!;
      const before = [...document.querySelectorAll('#doc-text p')].find((p) => p.textContent!.includes('The first page closes here'))!;
      const follows = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      return { mentionAfterMark: follows(mark, mention), closingBeforeMark: follows(before, mark) };
    });
    expect(order).toEqual({ mentionAfterMark: true, closingBeforeMark: true });
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });
});
