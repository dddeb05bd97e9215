// The explorer in real headless Chromium, on a graph ingested from the seeds: start view, search, sources
// with highlighted mentions, the document viewer, expansion without layout jumps, paths, inert markup,
// shareable URLs and export.
import { describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { graphNodes, HOSTILE_FILE, nodeOnScreen, openPage, tapNode, useExplorer } from './harness.ts';

const ctx = useExplorer();
const database = () => ctx.database;

async function scalar<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const { records } = await ctx.driver.executeQuery(cypher, params, { database: database() });
  return records[0]?.get(0) as T;
}


/** Search, pick the first hit with Enter, and wait for its details. */
async function searchAndSelect(page: import('playwright-core').Page, q: string): Promise<string> {
  await page.fill('#search-input', q);
  await page.waitForSelector('#search-opt-0');
  const id = (await page.getAttribute('#search-opt-0', 'data-id'))!;
  await page.press('#search-input', 'Enter');
  await page.waitForFunction((eid) => window.__atlas!.cy.getElementById(eid).selected(), id);
  await page.waitForSelector('#detail-title');
  return id;
}

describe.skipIf(lacks('seeds'))(needs('seeds', 'explorer'), () => {
  it('opens on the most connected entities, with a legend', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    const nodes = await graphNodes(page);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.length).toBeLessThanOrEqual(60); // 30 entities and the documents that tie them
    await expect(page.locator('#legend .legend-row').count()).resolves.toBeGreaterThanOrEqual(5);
    expect(await page.textContent('#graph-status')).toMatch(/\d+ nodes/);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('finds "sparse autoencoders" by type-ahead and shows a highlighted source passage linking to its document', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.fill('#search-input', 'sparse autoencoders');
    await page.waitForSelector('#search-opt-0');
    expect(await page.textContent('#search-opt-0')).toMatch(/sparse autoencoder/i);
    const id = await searchAndSelect(page, 'sparse autoencoders');
    expect(await page.textContent('#detail-title')).toMatch(/sparse autoencoder/i);

    // A passage with the mention highlighted at its span.
    const mark = page.locator('#sources .passage mark.mention').first();
    await mark.waitFor();
    expect(await mark.textContent()).toMatch(/sparse autoencoders?|SAEs?/i);

    // The URL names the selection.
    expect(new URL(page.url()).searchParams.get('entity')).toBe(id);

    // The document link is a real link (works in a new tab) and opens the viewer with the mentions.
    const link = page.locator('#sources .doc-link').first();
    const href = (await link.getAttribute('href'))!;
    expect(href).toContain('doc=');
    await link.click();
    await page.waitForSelector(`#doc-viewer .doc-mention[data-entity="${id}"]`);
    expect(new URL(page.url()).searchParams.get('doc')).toBeTruthy();
    const docText = await page.textContent('#doc-text');
    expect(docText?.length).toBeGreaterThan(50);

    const { page: fresh } = await openPage(ctx.browser, new URL(href, ctx.server.url).href);
    await fresh.waitForSelector(`#doc-viewer .doc-mention[data-entity="${id}"]`);
    await fresh.context().close();

    // A mention is clickable back into the graph; Escape-free path: click it.
    await page.locator('#doc-viewer .doc-mention').first().click();
    await page.waitForSelector('#doc-viewer', { state: 'hidden' });
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('double-click expands a node: new nodes appear around it and the others stay where they were', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    await page.click('#btn-clear');
    await page.waitForFunction(() => window.__atlas!.cy.nodes().length === 0);
    await page.waitForSelector('#graph-empty:not([hidden])');
    const first = await searchAndSelect(page, 'Anthropic');
    const id = await searchAndSelect(page, 'sparse autoencoders');
    expect(first).not.toBe(id);
    const before = await graphNodes(page);
    const at = await nodeOnScreen(page, id);
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().length > n, before.length, { timeout: 15_000 });
    await page.waitForTimeout(400); // let the new nodes finish sliding out
    const after = await graphNodes(page);
    expect(after.length).toBeGreaterThan(before.length);
    for (const b of before) {
      const a = after.find((x) => x.id === b.id)!;
      expect(Math.abs(a.x - b.x)).toBeLessThan(0.5);
      expect(Math.abs(a.y - b.y)).toBeLessThan(0.5);
    }
    // Collapse takes back what the expansion added (those hanging only on it), Undo brings it back.
    await page.waitForSelector('#detail [data-action="collapse"]');
    await page.click('#detail [data-action="collapse"]');
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().length < n, after.length);
    await page.click('#btn-undo');
    await page.waitForFunction((n) => window.__atlas!.cy.nodes().length === n, after.length);
    await page.context().close();
  });

  it('filters by entity and relation type, switches layouts, and keeps a pinned node in place', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    const visible = (sel: string) => page.evaluate((q) => window.__atlas!.cy.$(q).filter((x) => !x.hasClass('filtered')).length, sel);
    const people = await visible('node[type = "Person"]');
    expect(people).toBeGreaterThan(0);
    await page.uncheck('#legend input[data-type="Person"]');
    await page.waitForFunction(() => window.__atlas!.cy.$('node[type = "Person"]').toArray().every((n) => n.hasClass('filtered')));
    expect(await visible('node[type = "Organization"]')).toBeGreaterThan(0);
    await page.check('#legend input[data-type="Person"]');
    await page.waitForFunction((n) => window.__atlas!.cy.$('node[type = "Person"]').filter((x) => !x.hasClass('filtered')).length === n, people);
    await page.uncheck('#rel-filters input[data-rel="ABOUT"]');
    await page.waitForFunction(() => window.__atlas!.cy.$('edge[type = "ABOUT"]').toArray().every((e) => e.hasClass('filtered')));
    await page.check('#rel-filters input[data-rel="ABOUT"]');

    // pin one node, then lay the graph out concentrically: everything else moves, the pinned node does not
    const target = (await graphNodes(page)).find((n) => n.id.startsWith('organization:'))!;
    await tapNode(page, target.id);
    await page.click('[data-action="pin"]');
    await page.waitForFunction((id) => window.__atlas!.cy.getElementById(id).locked(), target.id);
    const before = await graphNodes(page);
    await page.selectOption('#layout-select', 'concentric');
    await page.waitForFunction((b) => window.__atlas!.cy.nodes().toArray().some((n) => { const o = b.find((x: { id: string }) => x.id === n.id())!; return Math.abs(o.x - n.position('x')) > 5; }), before);
    const after = await graphNodes(page);
    expect(after.length).toBe(before.length);
    const pinned = after.find((n) => n.id === target.id)!;
    expect(Math.abs(pinned.x - target.x) + Math.abs(pinned.y - target.y)).toBeLessThan(1);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('highlights the shortest path between two selected entities', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    const ends = await page.evaluate(() => {
      const e = window.__atlas!.cy.edges()[0];
      return e ? [e.source().id(), e.target().id()] : null;
    });
    expect(ends, 'the start view should show at least one relation').not.toBeNull();
    const a = await nodeOnScreen(page, ends![0]);
    const b = await nodeOnScreen(page, ends![1]);
    await page.mouse.click(a.x, a.y);
    await page.keyboard.down('Shift');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.up('Shift');
    await page.waitForSelector('#btn-path:not([disabled])');
    await page.click('#btn-path');
    await page.waitForSelector('#path-banner:not([hidden])');
    const onPath = await page.evaluate(() => window.__atlas!.cy.$('.on-path').length);
    expect(onPath).toBeGreaterThanOrEqual(3); // two nodes and the edge between them
    await page.keyboard.press('Escape');
    await page.waitForSelector('#path-banner', { state: 'hidden' });
    await page.context().close();
  });

  it('shows the evidence sentences of a clicked edge', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    // The edge whose midpoint is farthest from every node, so the click lands on the edge.
    const mid = await page.evaluate(() => {
      const cy = window.__atlas!.cy;
      const nodes = cy.nodes().map((n) => n.renderedPosition());
      let best = { id: '', x: 0, y: 0, clear: -1 };
      cy.edges().forEach((e) => {
        const m = e.renderedMidpoint();
        const clear = Math.min(...nodes.map((p) => Math.hypot(p.x - m.x, p.y - m.y)));
        if (clear > best.clear) best = { id: e.id(), x: m.x, y: m.y, clear };
      });
      return best;
    });
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + mid.x, box.y + mid.y);
    await page.waitForSelector('#evidence .passage');
    expect(new URL(page.url()).searchParams.get('edge')).toBe(mid.id);
    expect(await page.locator('#evidence .doc-link').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('renders a document with <script> and <img onerror> as inert text', async () => {
    const docId = await scalar<string>('MATCH (d:Document) WHERE d.source ENDS WITH $f RETURN d.id', { f: 'hostile-markup.txt' });
    expect(docId, `ingested ${HOSTILE_FILE}`).toBeTruthy();
    const { page, problems } = await openPage(ctx.browser, `${ctx.server.url}?doc=${encodeURIComponent(docId)}`);
    await page.waitForSelector('#doc-text');
    const text = (await page.textContent('#doc-text'))!;
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('#doc-viewer script, #doc-viewer img, #doc-viewer b').count()).toBe(0);

    // The same text in the sources panel is inert too.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#doc-viewer', { state: 'hidden' });
    await searchAndSelect(page, 'sparse autoencoders');
    await page.waitForSelector('#sources .passage');
    expect(await page.locator('#detail script, #detail img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(problems.dialogs).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('reopens the same view from a shared URL', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    const id = await searchAndSelect(page, 'sparse autoencoders');
    const shared = page.url();
    await page.context().close();

    const { page: again } = await openPage(ctx.browser, shared);
    await again.waitForFunction((eid) => window.__atlas!.cy.getElementById(eid).selected(), id);
    expect(await again.textContent('#detail-title')).toMatch(/sparse autoencoder/i);
    await again.context().close();
  });

  it('exports the view as PNG and as JSON', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#btn-png')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngBytes = await streamBytes(await png.createReadStream());
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(5_000);

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#btn-json')]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const data = JSON.parse((await streamBytes(await json.createReadStream())).toString('utf8')) as {
      nodes: { id: string; position: { x: number } }[];
      edges: unknown[];
    };
    expect(data.nodes.length).toBe((await graphNodes(page)).length);
    expect(typeof data.nodes[0].position.x).toBe('number');
    await page.context().close();
  });

  it('works from the keyboard: / focuses search, arrows and Enter pick, Escape clears the selection', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('sparse auto');
    await page.waitForSelector('#search-opt-0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail-title');
    await page.locator('#graph').focus();
    await page.keyboard.press('Escape');
    await page.waitForSelector('#detail .empty-state');
    expect(new URL(page.url()).searchParams.get('entity')).toBeNull();
    await page.context().close();
  });
});

async function streamBytes(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
