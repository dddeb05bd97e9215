// The explorer beyond the seeds, in real Chromium: expanding a node with 400 neighbours group by group
// leaves no two node boxes (label included) overlapping and the old nodes where they were; a copied link
// reopens the same nodes, pins, hidden nodes and filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { HUB_ID, removeSynthetic, syntheticGraph, writeSynthetic } from '../../bench/synthetic-graph.ts';
import { graphNodes, openPage, tapNode, useExplorer } from './harness.ts';

const ctx = useExplorer();
const graph = syntheticGraph({ nodes: 1000, edges: 2500, hubNeighbours: 400 });

beforeAll(async () => {
  await writeSynthetic(ctx.driver, ctx.database, graph);
}, 300_000);
afterAll(async () => {
  await removeSynthetic(ctx.driver, ctx.database);
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'explorer at scale'), () => {
  it('expands a node with 400 neighbours by kind, without piles: no two node boxes overlap', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.evaluate((id) => window.__atlas!.show({ nodes: [], edges: [] }).then(() => window.__atlas!.focus(id)), HUB_ID);
    await page.waitForFunction((id) => window.__atlas!.cy.getElementById(id).selected(), HUB_ID);
    const before = await graphNodes(page);
    await page.waitForSelector('#detail [data-action="expand"]');
    await page.click('#detail [data-action="expand"]');
    await page.waitForSelector('#neighbour-groups');
    // One row per kind, named in words, with its count.
    expect(await page.locator('#neighbour-groups .group-phrase').allTextContents()).toEqual(['200 papers about this', '100 AI models about this', '100 people studies this']);
    for (;;) {
      const more = page.locator('#neighbour-groups [data-action="more-group"]').first();
      if ((await more.count()) === 0) break;
      const n = await page.evaluate(() => window.__atlas!.cy.nodes().length);
      await more.click();
      await page.waitForFunction((k) => window.__atlas!.cy.nodes().length > k, n, { timeout: 30_000 });
    }
    expect(await page.evaluate(() => window.__atlas!.cy.nodes().length)).toBe(401);
    expect(await page.locator('#neighbour-groups .group-loaded').allTextContents()).toEqual(['all in view', 'all in view', 'all in view']);
    await page.waitForTimeout(400); // the last nodes slide out
    const hub = (await graphNodes(page)).find((n) => n.id === HUB_ID)!;
    expect(hub).toEqual(before.find((n) => n.id === HUB_ID));
    const overlapping = await page.evaluate(() => {
      const boxes = window.__atlas!.cy.nodes().map((n) => ({ id: n.id(), b: n.boundingBox({ includeLabels: true, includeOverlays: false }) }));
      const pairs: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].b;
          const b = boxes[j].b;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push(`${boxes[i].id} × ${boxes[j].id}`);
        }
      return pairs;
    });
    expect(overlapping).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('a copied link reopens the same nodes, pins, hidden nodes and filters', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    await page.waitForFunction(() => new URL(location.href).searchParams.has('g'));
    const ids = (await graphNodes(page)).map((n) => n.id).sort();
    const [pinId, hideId] = await page.evaluate(() => window.__atlas!.cy.nodes('[type = "Person"], [type = "Organization"]').map((n) => n.id()).sort());
    // Pin one node, hide another, filter out concepts and the ABOUT relation, switch the size rule.
    await tapNode(page, pinId);
    await page.click('#detail [data-action="pin"]');
    await tapNode(page, hideId);
    await page.click('#detail [data-action="hide"]');
    await page.uncheck('#legend input[data-type="Concept"]');
    await page.uncheck('#rel-filters input[data-rel="ABOUT"]');
    await page.selectOption('#size-select', 'degree');
    await tapNode(page, pinId);
    const pinned = await page.evaluate((id) => window.__atlas!.cy.getElementById(id).position(), pinId);
    const expected = ids.filter((id) => id !== hideId);
    await page.waitForFunction((n) => {
      const g = new URL(location.href).searchParams.get('g');
      return !!g && window.__atlas!.cy.nodes().length === n;
    }, expected.length);
    await page.waitForTimeout(400); // the link follows the view after it settles
    const link = page.url();
    expect(new URL(link).searchParams.get('ht')).toBe('Concept');
    expect(new URL(link).searchParams.get('hr')).toBe('ABOUT');
    expect(new URL(link).searchParams.get('size')).toBe('degree');
    expect(new URL(link).searchParams.get('entity')).toBe(pinId);
    await page.context().close();

    const { page: again } = await openPage(ctx.browser, link);
    expect((await graphNodes(again)).map((n) => n.id).sort()).toEqual(expected);
    const state = await again.evaluate((id) => {
      const cy = window.__atlas!.cy;
      const n = cy.getElementById(id);
      return {
        locked: cy.nodes(':locked').map((x) => x.id()),
        position: n.position(),
        selected: n.selected(),
        conceptsShown: cy.$('node[type = "Concept"]').filter((x) => !x.hasClass('filtered')).length,
        aboutShown: cy.$('edge[type = "ABOUT"]').filter((x) => !x.hasClass('filtered')).length,
      };
    }, pinId);
    expect(state).toEqual({ locked: [pinId], position: { x: Math.round(pinned.x), y: Math.round(pinned.y) }, selected: true, conceptsShown: 0, aboutShown: 0 });
    expect(await again.isChecked('#legend input[data-type="Concept"]')).toBe(false);
    expect(await again.isChecked('#rel-filters input[data-rel="ABOUT"]')).toBe(false);
    expect(await again.inputValue('#size-select')).toBe('degree');
    // The hidden node stays out when the link is copied again.
    await again.waitForTimeout(400);
    expect(new URL(again.url()).searchParams.get('g')).toBe(new URL(link).searchParams.get('g'));
    expect(problems.errors).toEqual([]);
    await again.context().close();
  });
});
