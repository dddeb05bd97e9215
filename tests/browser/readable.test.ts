// What the explorer shows of a document and its passages, and where, in real Chromium: an arXiv listing
// whose title is a question is labelled by that title, not its file name; a passage with LaTeX markup reads
// without it in the sources panel, the mention still highlighted; a document without a title is labelled by
// its file name, not its id; the expand toast leaves the timeline strip
// and the side panels free; Fit keeps every node and label inside the canvas. Needs nothing beyond the repository.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.ts';
import { removeSources } from '../../ingest/5-write/remove.ts';
import { syntheticGraph } from '../../bench/synthetic-graph.ts';
import { openPage, REPO_ROOT, tapNode, useExplorer } from './harness.ts';

const ctx = useExplorer();
const DIR = path.join(REPO_ROOT, 'tests', '.artifacts', 'readable-docs');
const FILE = path.join(DIR, 'arXiv-2999.00001.txt');
const TITLE = 'Do Reward Models Generalise Beyond Their Training Prompts?';
/** A note with nothing that reads as a title: its file name labels it, never its id (a hash). */
const UNTITLED = 'untitled-field-notes.txt';

async function one<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const { records } = await ctx.driver.executeQuery(cypher, params, { database: ctx.database });
  expect(records.length).toBeGreaterThan(0);
  return records[0].toObject() as T;
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeFileSync(
    FILE,
    `${TITLE}\nAuthors: Quillon Varga, Ysolde Brannick\nDate: 2025-03-14 (arXiv listing date)\n\n` +
      'We ask whether reward models trained with \\textit{preference data} transfer to new prompts \\citep{varga2024}. ' +
      'Reward hacking appears when the reward model is optimised too hard.\n',
  );
  writeFileSync(
    path.join(DIR, UNTITLED),
    'we looked again at how reward hacking shows up when a policy is optimised against a learned reward for a long time, ' +
      'and it shows up slowly, over many steps, before the scores stop meaning anything.\n',
  );
  const summary = await ingestSources([DIR], ctx.driver, { database: ctx.database });
  expect(summary.failed).toBe(0);
}, 300_000);
afterAll(async () => {
  await removeSources({ driver: ctx.driver, database: ctx.database }, [DIR]);
  rmSync(DIR, { recursive: true, force: true });
});

describe('what the explorer shows of documents and passages', () => {
  it('labels an arXiv listing by its question title and shows its passage without LaTeX, the mention marked', async () => {
    const doc = await one<{ id: string; title: string }>('MATCH (d:Document) WHERE d.source ENDS WITH $f RETURN d.id AS id, d.title AS title', { f: 'arXiv-2999.00001.txt' });
    expect(doc.title).toBe(TITLE);
    const ent = await one<{ id: string; name: string }>(
      `MATCH (d:Document {id: $doc})-[*1..2]-(e:Entity) WHERE toLower(e.name) CONTAINS 'reward model' RETURN e.id AS id, e.name AS name ORDER BY size(e.name) LIMIT 1`,
      { doc: doc.id },
    );
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.evaluate((id) => window.__atlas!.show({ nodes: [], edges: [] }).then(() => window.__atlas!.focus(id)), doc.id);
    expect(await page.evaluate((id) => window.__atlas!.cy.getElementById(id).data('label'), doc.id)).toBe(TITLE);

    await page.evaluate((id) => window.__atlas!.focus(id), ent.id);
    await tapNode(page, ent.id);
    const passage = page.locator(`#sources .passage`).filter({ hasText: 'transfer to new prompts' }).first();
    await passage.waitFor();
    const text = (await passage.textContent()) ?? '';
    expect(text).toContain('trained with preference data transfer to new prompts.');
    expect(text).not.toMatch(/\\textit|\\citep|[{}]/);
    expect((await passage.locator('mark').allTextContents()).map((m) => m.toLowerCase())).toContain(ent.name.toLowerCase());
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('labels a document without a title by its file name, not its id', async () => {
    const doc = await one<{ id: string; title: string | null; name: string }>(
      'MATCH (d:Document) WHERE d.source ENDS WITH $f RETURN d.id AS id, d.title AS title, d.name AS name',
      { f: UNTITLED },
    );
    // Titled by nothing in its text: at most its file name.
    expect([null, UNTITLED]).toContain(doc.title);
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.evaluate((id) => window.__atlas!.show({ nodes: [], edges: [] }).then(() => window.__atlas!.focus(id)), doc.id);
    const label = await page.evaluate((id) => String(window.__atlas!.cy.getElementById(id).data('label')), doc.id);
    expect(label).toContain('untitled-field-notes');
    expect(label).not.toContain(doc.id);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('the expand toast leaves the timeline strip and the side panels free', async () => {
    const doc = await one<{ id: string }>('MATCH (d:Document) WHERE d.source ENDS WITH $f RETURN d.id AS id', { f: 'arXiv-2999.00001.txt' });
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.evaluate((id) => window.__atlas!.show({ nodes: [], edges: [] }).then(() => window.__atlas!.focus(id)), doc.id);
    // Expanding it twice: the second time a toast says its neighbours are all in view.
    await page.evaluate((id) => window.__atlas!.expand(id).then(() => window.__atlas!.expand(id)), doc.id);
    const toast = page.locator('#toasts .toast').first();
    await toast.waitFor();
    await page.locator('#timeline').waitFor();
    const [t, line] = [await toast.boundingBox(), await page.locator('#timeline').boundingBox()];
    expect(t && line).toBeTruthy();
    const overlap = t!.x < line!.x + line!.width && line!.x < t!.x + t!.width && t!.y < line!.y + line!.height && line!.y < t!.y + t!.height;
    expect(overlap).toBe(false);
    // Nor over the side panels: inside the centre column.
    const center = (await page.locator('.center').boundingBox())!;
    expect(t!.x >= center.x && t!.x + t!.width <= center.x + center.width).toBe(true);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('Fit keeps every node and its label inside the canvas', async () => {
    const g = syntheticGraph({ nodes: 60, edges: 90, hubNeighbours: 0 });
    // Long labels on the outermost nodes are what ran past the edge.
    for (const n of g.nodes) n.name = `${n.name} with a long descriptive name`;
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    const layouts = await page.evaluate(() => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0));
    await page.evaluate((data) => window.__atlas!.show(data), { nodes: g.nodes, edges: g.edges });
    // Fit after the layout has placed the nodes: on busy cores it can land after the click and move them.
    await page.waitForFunction((n) => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0) > n, layouts, { timeout: 120_000 });
    await page.click('#btn-fit');
    // The fit animates (300 ms; longer when the cores are busy): wait until it has ended.
    await page.waitForTimeout(350);
    await page.waitForFunction(() => !window.__atlas!.cy.animated());
    const outside = await page.evaluate(() => {
      const cy = window.__atlas!.cy;
      const [w, h] = [cy.width(), cy.height()];
      return cy
        .nodes()
        .filter((n) => {
          const b = n.renderedBoundingBox({ includeLabels: true });
          return b.x1 < 0 || b.y1 < 0 || b.x2 > w || b.y2 > h;
        })
        .map((n) => n.id());
    });
    expect(outside).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });
});
