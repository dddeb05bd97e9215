// The Cypher console in real headless Chromium: results as a graph and as a table, a write refused with a
// clear message and no change to the data, syntax errors, saved queries with parameters, shareable URLs.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { openPage, useExplorer } from './harness.ts';

const ctx = useExplorer();
const database = () => ctx.database;


async function openConsole(): Promise<Page> {
  const { page } = await openPage(ctx.browser, `${ctx.server.url}?view=query`);
  await page.waitForSelector('#cypher-editor .cm-content');
  return page;
}

/** Replace the editor's text and run it with Ctrl+Enter. */
async function runInEditor(page: Page, cypher: string): Promise<void> {
  await page.click('#cypher-editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(cypher);
  await page.keyboard.press('Control+Enter');
}

async function counts(): Promise<{ nodes: number; rels: number }> {
  const { records } = await ctx.driver.executeQuery(
    'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels',
    {},
    { database: database() },
  );
  return { nodes: records[0].get('nodes').toNumber(), rels: records[0].get('rels').toNumber() };
}

describe.skipIf(lacks('seeds'))(needs('seeds', 'Cypher console'), () => {
  it('runs a query with Ctrl+Enter and shows the result as a graph and as a table', async () => {
    const page = await openConsole();
    await runInEditor(page, 'MATCH (a:Entity)-[r]->(b:Entity) RETURN a, r, b LIMIT 20');
    await page.waitForSelector('#result-graph:not([hidden]) canvas');
    await page.waitForFunction(() => (window.__atlas!.resultCy()?.nodes().length ?? 0) > 0);
    expect(await page.textContent('#result-status')).toMatch(/\d+ rows?/);
    await page.click('.segmented [data-mode="table"]');
    await page.waitForSelector('#result-table:not([hidden]) tbody tr');
    const rows = await page.locator('#result-table tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('#result-table thead th').allTextContents()).toEqual(['#', 'a', 'r', 'b']);
    // Back to the graph.
    await page.click('.segmented [data-mode="graph"]');
    await page.waitForSelector('#result-graph:not([hidden])');
    // The URL holds the query, so the link reruns it.
    const shared = page.url();
    expect(new URL(shared).searchParams.get('q')).toContain('MATCH (a:Entity)');
    await page.context().close();

    const { page: again } = await openPage(ctx.browser, shared);
    await again.waitForFunction(() => (window.__atlas!.resultCy()?.nodes().length ?? 0) > 0);
    await again.context().close();
  });

  it('shows a table for results without nodes', async () => {
    const page = await openConsole();
    await runInEditor(page, 'MATCH (e:Entity) RETURN e.type AS type, count(*) AS n ORDER BY n DESC');
    await page.waitForSelector('#result-table:not([hidden]) tbody tr');
    expect(await page.isDisabled('.segmented [data-mode="graph"]')).toBe(true);
    await page.context().close();
  });

  it('refuses a write query with a clear message and changes nothing', async () => {
    const before = await counts();
    const page = await openConsole();
    await runInEditor(page, 'CREATE (n) RETURN n');
    await page.waitForSelector('#query-error');
    const message = await page.textContent('#query-error');
    expect(message).toMatch(/Write queries are not allowed/);
    expect(message).toMatch(/read-only/);
    expect(await counts()).toEqual(before);
    await page.context().close();
  });

  it('reports a syntax error where it is', async () => {
    const page = await openConsole();
    await runInEditor(page, 'MATCH (n RETURN n');
    await page.waitForSelector('#query-error');
    expect(await page.textContent('#query-error .error-code')).toBe('QUERY_SYNTAX');
    const message = (await page.textContent('#query-error .error-message'))!;
    expect(message).toMatch(/^Cypher syntax error: Invalid input 'RETURN'.*\(line 1, column 10 \(offset: 9\)\)/);
    // It quotes the user's own query under the caret, not a wrapped form of it.
    expect(message.split('\n').slice(1)).toEqual(['"MATCH (n RETURN n"', '          ^']);
    await page.context().close();
  });

  it('lists the named queries of queries/ and runs one with its parameters', async () => {
    const page = await openConsole();
    await page.waitForSelector('#saved-queries .saved-query');
    const names = await page.locator('#saved-queries .saved-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    const withParams = page.locator('#saved-queries .saved-query:has(.saved-params)').first();
    await withParams.click();
    await page.waitForSelector('#query-params [data-param]');
    await page.waitForSelector('#result-status:not(:empty), #query-error');
    expect(await page.locator('#query-error').count()).toBe(0);
    // It went into the history.
    await page.waitForSelector('#query-history .history-item');
    await page.context().close();
  });
});
