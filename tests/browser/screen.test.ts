// The explorer's screen details in real Chromium: window sizes (no page scroll, the toolbar inside its
// column, panels that collapse), labels (not cut short, edge labels readable or not drawn), the legend and
// filters for passages and MENTIONS, the search box (no unrelated fuzzy names), the detail panel's
// properties and aliases, and the Cypher completion popup.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { cleanAliases } from '../../web/client/src/detail-props.ts';
import { openPage, useExplorer } from './harness.ts';

const ctx = useExplorer();

async function sized(width: number, height: number, url = ctx.server.url): Promise<Page> {
  const { page } = await openPage(ctx.browser, url);
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(300);
  return page;
}

const box = async (page: Page, sel: string) => (await page.locator(sel).boundingBox())!;

describe.skipIf(lacks('seeds'))(needs('seeds', 'explorer screen'), () => {
  it('at 1024×700 the page does not scroll and the graph gets the middle', async () => {
    const page = await sized(1024, 700);
    const doc = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(doc).toEqual({ h: 700, w: 1024 });
    const g = await box(page, '#graph');
    expect(g.width).toBe(1024 - 184 - 300);
    expect(g.y + g.height).toBeLessThanOrEqual(700);
    await page.context().close();
  });

  it('at 760 px the toolbar stays in its column, and both side panels collapse and come back', async () => {
    const page = await sized(760, 700);
    const detail = await box(page, '#detail');
    const toolbar = await box(page, '.graph-toolbar');
    expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(detail.x);
    const buttons = await page.locator('.graph-toolbar button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().right));
    expect(buttons.filter((r) => r > detail.x)).toEqual([]);
    // Narrow: the legend starts collapsed; open it, then collapse the details.
    expect(await page.getAttribute('#btn-toggle-side', 'aria-expanded')).toBe('false');
    const narrow = (await box(page, '#graph')).width;
    await page.click('#btn-toggle-detail');
    await page.waitForFunction((w) => document.getElementById('graph')!.getBoundingClientRect().width > w + 200, narrow);
    expect(await page.getAttribute('#btn-toggle-detail', 'aria-expanded')).toBe('false');
    expect(await page.evaluate(() => window.__atlas!.cy.width())).toBe((await box(page, '#graph')).width);
    await page.click('#btn-toggle-detail');
    await page.waitForFunction((w) => Math.abs(document.getElementById('graph')!.getBoundingClientRect().width - w) < 1, narrow);
    await page.context().close();
  });

  it('labels keep names up to 64 characters whole, and edge labels are readable or not drawn at all', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    const labels = await page.evaluate(() => window.__atlas!.cy.nodes().map((n) => ({ name: n.data('name') as string, label: n.data('label') as string })));
    expect(labels.some((l) => l.name.length > 28)).toBe(true); // the seeds have long titles
    expect(labels.filter((l) => l.name.length <= 64 && l.label !== l.name)).toEqual([]);
    const tiny = await page.evaluate(() => {
      const cy = window.__atlas!.cy;
      // Cytoscape's parsed style (pstyle) is not in its typings.
      type Parsed = { pstyle(name: string): { pfValue: number } };
      return cy.edges().filter((e) => {
        const p = e as unknown as Parsed;
        const px = p.pstyle('font-size').pfValue * cy.zoom();
        return px >= p.pstyle('min-zoomed-font-size').pfValue && px < 10;
      }).length;
    });
    expect(tiny).toBe(0);
    await page.context().close();
  });

  it('nonsense in the search box finds no unrelated names', async () => {
    // A name two typos from "zzqx" (what fuzzy search once offered for it), and one a single typo away.
    const ids = ['test:screen-typo-1', 'test:screen-typo-2'];
    await ctx.driver.executeQuery(
      `UNWIND $rows AS r CREATE (:Entity {id: r.id, name: r.name, type: 'Person', aliases: [], aliasText: '', mentions: 1})`,
      { rows: [{ id: ids[0], name: 'Zaqi Okonkwo' }, { id: ids[1], name: 'Zzqa Mbeki' }] },
      { database: ctx.database },
    );
    try {
      const { page, problems } = await openPage(ctx.browser, ctx.server.url);
      await page.fill('#search-input', 'zzqx');
      await page.locator('#search-results li').first().waitFor();
      const shown = await page.locator('#search-results .search-name').allTextContents();
      expect(shown).not.toContain('Zaqi Okonkwo');
      expect(shown).toContain('Zzqa Mbeki');
      expect(problems.errors).toEqual([]);
      await page.context().close();
    } finally {
      await ctx.driver.executeQuery('MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e', { ids }, { database: ctx.database });
    }
  });

  it('"/" starts a new search instead of adding to the old text', async () => {
    const { page } = await openPage(ctx.browser, ctx.server.url);
    await page.fill('#search-input', 'anthropic');
    await page.locator('#graph').focus();
    await page.keyboard.press('/');
    await page.keyboard.type('sparse');
    expect(await page.inputValue('#search-input')).toBe('sparse');
    await page.context().close();
  });

  it('the panel shows no pipeline internals and no noisy aliases', async () => {
    const { records } = await ctx.driver.executeQuery(
      'MATCH (e:Entity) WHERE e.lexiconId IS NOT NULL AND size(e.aliases) > 1 RETURN e.id AS id, e.name AS name, e.aliases AS aliases ORDER BY size(e.aliases) DESC LIMIT 1',
      {},
      { database: ctx.database },
    );
    const { id, name, aliases } = records[0].toObject() as { id: string; name: string; aliases: string[] };
    const { page } = await openPage(ctx.browser, `${ctx.server.url}?entity=${encodeURIComponent(id)}`);
    await page.waitForSelector('#detail-title');
    const keys = await page.locator('#detail .props dt').allTextContents();
    expect(keys.filter((k) => ['lexiconId', 'aliasText', 'shingles', 'minhash', 'contentHash', 'id'].includes(k))).toEqual([]);
    expect(keys.slice(0, 2)).toEqual(['Degree', 'Mentions']);
    const shown = await page.locator('#detail .aliases .alias').allTextContents();
    expect(shown).toEqual(cleanAliases(name, aliases));
    await page.context().close();
  });

  it('passages and MENTIONS edges from a query have a legend row and a filter', async () => {
    const { page } = await openPage(ctx.browser, `${ctx.server.url}?view=query`);
    await page.waitForSelector('#cypher-editor .cm-content');
    await page.click('#cypher-editor .cm-content');
    await page.keyboard.insertText('MATCH (p:Passage)-[r:MENTIONS]->(e:Entity) RETURN p, r, e LIMIT 6');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#open-in-explorer:not([hidden])');
    await page.click('#open-in-explorer');
    await page.waitForFunction(() => window.__atlas!.cy.$('edge[type = "MENTIONS"]').length > 0);
    const passages = await page.evaluate(() => window.__atlas!.cy.$('node[type = "Passage"]').length);
    expect(passages).toBeGreaterThan(0);
    expect(await page.textContent('#legend label[for="type-Passage"] .legend-count')).toBe(String(passages));
    await page.uncheck('#rel-filters input[data-rel="MENTIONS"]');
    await page.waitForFunction(() => window.__atlas!.cy.$('edge[type = "MENTIONS"]').toArray().every((e) => e.hasClass('filtered')));
    await page.uncheck('#legend input[data-type="Passage"]');
    await page.waitForFunction(() => window.__atlas!.cy.$('node[type = "Passage"]').toArray().every((n) => n.hasClass('filtered')));
    await page.context().close();
  });

  it('the Cypher completion popup shows all its items, unclipped', async () => {
    const { page } = await openPage(ctx.browser, `${ctx.server.url}?view=query`);
    await page.waitForSelector('#cypher-editor .cm-content');
    await page.waitForTimeout(500); // the schema (labels for completion) arrives
    await page.click('#cypher-editor .cm-content');
    await page.keyboard.type('MATCH (n:');
    await page.waitForSelector('.cm-tooltip-autocomplete li');
    const seen = await page.evaluate(() => {
      const items = [...document.querySelectorAll<HTMLElement>('.cm-tooltip-autocomplete li')];
      const visible = items.filter((li) => {
        const r = li.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.bottom <= innerHeight && !!hit && li.contains(hit);
      });
      return { items: items.length, visible: visible.length };
    });
    expect(seen.items).toBeGreaterThanOrEqual(7);
    expect(seen.visible).toBe(seen.items);
    await page.context().close();
  });
});
