// A big view in real Chromium (2,000 nodes, 10,000 relations, software rendering): the scene layer draws
// the elements, Cytoscape draws none of them yet still finds them under the mouse — a real click on a node
// selects it, and Cytoscape then draws that node itself; a click on a relation selects the relation.
import { describe, expect, it } from 'vitest';
import { HUB_ID, syntheticGraph } from '../../bench/synthetic-graph.ts';
import { openPage, useExplorer } from './harness.ts';

const ctx = useExplorer();
const graph = syntheticGraph({ nodes: 2000, edges: 10000, hubNeighbours: 0 });
const shown = { nodes: graph.nodes.filter((n) => n.id !== HUB_ID), edges: graph.edges };

describe('big views', () => {
  it('are drawn by the scene layer and stay clickable', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server.url);
    const layouts = await page.evaluate(() => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0));
    await page.evaluate((data) => void window.__atlas!.show(data), shown);
    await page.waitForFunction((n) => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0) > n, layouts, { timeout: 300_000 });
    expect(await page.evaluate(() => [window.__atlas!.cy.nodes().length, window.__atlas!.cy.edges().length])).toEqual([2000, 10000]);
    // Cytoscape draws nothing of it: every element at opacity 0.
    expect(await page.evaluate(() => window.__atlas!.cy.elements().filter((e) => Number(e.style('opacity')) !== 0).length)).toBe(0);

    // Closer in (at fit the nodes are a few pixels wide), the node with the most room around it, and the
    // colour the scene layer drew at its centre.
    await page.evaluate(() => {
      const cy = window.__atlas!.cy;
      cy.zoom({ level: 0.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    });
    // A moved view is drawn from the last bitmap until it rests (scene.ts), then in full.
    await page.waitForTimeout(400);
    const target = await page.evaluate(() => {
      const cy = window.__atlas!.cy;
      const ns = cy.nodes().map((n) => ({ id: n.id(), p: n.renderedPosition(), r: n.renderedWidth() / 2, color: n.data('color') as string }));
      const inside = ns.filter((n) => n.r >= 2.5 && n.p.x > 40 && n.p.y > 40 && n.p.x < cy.width() - 40 && n.p.y < cy.height() - 40);
      const room = (a: (typeof ns)[number]) => Math.min(...ns.filter((b) => b !== a).map((b) => Math.hypot(a.p.x - b.p.x, a.p.y - b.p.y) - b.r));
      const best = inside.reduce((x, y) => (room(y) > room(x) ? y : x));
      const scene = document.querySelector<HTMLCanvasElement>('#graph canvas.graph-scene')!;
      const px = scene.getContext('2d')!.getImageData(Math.round(best.p.x), Math.round(best.p.y), 1, 1).data;
      const hex = '#' + [px[0], px[1], px[2]].map((v) => v.toString(16).padStart(2, '0')).join('');
      return { id: best.id, x: best.p.x, y: best.p.y, color: best.color, drawn: hex };
    });
    expect(target.drawn).toBe(target.color);

    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForFunction((id) => window.__atlas!.cy.getElementById(id).selected(), target.id);
    expect(await page.evaluate((id) => Number(window.__atlas!.cy.getElementById(id).style('opacity')), target.id)).toBe(1);

    // Relations are not in Cytoscape's hit tests in a big view; the scene layer finds the one under a click.
    // One relation's two ends moved out beside the graph, so nothing else passes its middle: the click
    // there must pick it.
    const edge = await page.evaluate(() => {
      const cy = window.__atlas!.cy;
      const e = cy.edges().filter((x) => x.source().edgesWith(x.target()).length === 1)[0];
      const bb = cy.nodes().boundingBox({});
      const at = { x: bb.x2 + 3000, y: bb.y2 + 3000 };
      e.source().position({ x: at.x, y: at.y });
      e.target().position({ x: at.x + 400, y: at.y });
      cy.viewport({ zoom: 1, pan: { x: cy.width() / 2 - (at.x + 200), y: cy.height() / 2 - at.y } });
      return { id: e.id(), x: cy.width() / 2, y: cy.height() / 2 };
    });
    await page.waitForTimeout(400);
    await page.mouse.click(box.x + edge.x, box.y + edge.y);
    await page.waitForFunction((id) => window.__atlas!.cy.getElementById(id).selected(), edge.id);
    expect(await page.evaluate(() => window.__atlas!.cy.$(':selected').map((e) => e.id()))).toEqual([edge.id]);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });
});
