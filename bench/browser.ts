// The explorer at scale in headless Chromium (software rendering, no GPU), on a synthetic graph of 2,000
// nodes and 10,000 relations: time to the first rendered frame, frame times while panning and zooming
// with real mouse input for 3 s, and the longest main-thread task (PerformanceObserver 'longtask') while
// laying out and while expanding a node with 400 neighbours. `npm run bench` runs it after the ingest
// benchmark; alone: `node --import tsx bench/browser.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { HUB_ID, syntheticGraph, writeSynthetic } from './synthetic-graph.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = { firstRenderMs: 1500, p95FrameMs: 50, longestTaskMs: 200 };

/** Long tasks since the last call, and a frame-time recorder. Handed to the page as source text: the
 *  TypeScript loader (tsx) names inner functions through a helper (`__name`) that the page does not have. */
const INSTRUMENT = `(() => {
  const b = (window.__bench = { tasks: [], frames: [], recording: false });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  function tick(t) {
    if (b.recording) b.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})()`;

async function instrument(page: Page): Promise<void> {
  await page.evaluate(INSTRUMENT);
}

const takeTasks = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: { tasks: number[] } }).__bench;
    const t = b.tasks;
    b.tasks = [];
    return t;
  });

const idle = (page: Page, ms = 600) => page.waitForTimeout(ms);

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0;
}

export async function runBrowserBench(): Promise<void> {
  const graph = syntheticGraph({ nodes: 2000, edges: 10000, hubNeighbours: 400 });
  const shown = { nodes: graph.nodes.filter((n) => n.id !== HUB_ID), edges: graph.edges.filter((e) => e.source !== HUB_ID && e.target !== HUB_ID) };
  console.log(`\nExplorer in headless Chromium (software rendering): ${shown.nodes.length} nodes, ${shown.edges.length} relations`);

  const { startLocalNeo4j, openDriver } = await import('../neo4j/server.ts');
  const { startServer } = await import('../web/server/index.ts');
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-browser-'));
  const webDir = join(dir, 'web');
  const [local] = await Promise.all([
    startLocalNeo4j({ dataDir: join(dir, 'neo4j'), port: 0 }),
    build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: webDir, emptyOutDir: true } }),
  ]);
  const driver = openDriver(local.target);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await writeSynthetic(driver, local.target.database, graph);
    const server = await startServer({ driver, database: local.target.database, port: 0, staticDir: webDir });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      await instrument(page);

      // First render: from handing the view 2,000 nodes to the first frame drawn after it.
      const firstRenderMs = await page.evaluate(async (data) => {
        const t0 = performance.now();
        await window.__atlas!.show(data);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0;
      }, shown);
      const renderTasks = await takeTasks(page);
      const webgl = await page.evaluate(() => window.__atlas!.webgl());
      await idle(page);

      // Pan and zoom with real input for 3 s.
      const box = (await page.locator('#graph').boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      await page.evaluate(() => ((window as unknown as { __bench: { recording: boolean } }).__bench.recording = true));
      const until = Date.now() + 3000;
      let step = 0;
      while (Date.now() < until) {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        for (let i = 1; i <= 10; i++) await page.mouse.move(cx + Math.sin(step + i / 3) * 120, cy + Math.cos(step + i / 4) * 80);
        await page.mouse.up();
        await page.mouse.wheel(0, step % 2 ? 240 : -240);
        step++;
      }
      const frames = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { frames: number[]; recording: boolean } }).__bench;
        b.recording = false;
        return b.frames;
      });
      await takeTasks(page);

      // Lay the 2,000 nodes out again.
      const layouts = await page.evaluate(() => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0));
      await page.click('#relayout');
      await page.waitForFunction((n) => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0) > n, layouts, { timeout: 120_000 });
      await idle(page);
      const layoutTasks = await takeTasks(page);

      // Expand a node with 400 neighbours, group by group, in a view of its own.
      await page.evaluate(() => window.__atlas!.show({ nodes: [], edges: [] }));
      await page.evaluate((id) => window.__atlas!.focus(id), HUB_ID);
      await page.evaluate((id) => window.__atlas!.expand(id), HUB_ID);
      for (let i = 0; i < 30; i++) {
        const more = await page.evaluate((id) => window.__atlas!.expandMore(id), HUB_ID);
        if (!more) break;
      }
      await idle(page);
      const expandTasks = await takeTasks(page);
      const inView = await page.evaluate(() => window.__atlas!.cy.nodes().length);

      const longest = (xs: number[]) => Math.round(Math.max(0, ...xs));
      const row = (name: string, value: string, target: string, ok: boolean) =>
        console.log(`  ${name.padEnd(44)} ${value.padStart(9)}   target ${target.padEnd(9)} ${ok ? 'ok' : 'MISSED'}`);
      const p = p95(frames);
      console.log(`  renderer: ${webgl ? 'WebGL' : 'canvas'}; ${frames.length} frames while panning and zooming`);
      row('first render (2,000 nodes laid out, drawn)', `${Math.round(firstRenderMs)} ms`, `< ${TARGETS.firstRenderMs} ms`, firstRenderMs < TARGETS.firstRenderMs);
      row('p95 frame time, pan and zoom for 3 s', `${p.toFixed(1)} ms`, `< ${TARGETS.p95FrameMs} ms`, p < TARGETS.p95FrameMs);
      row('longest main-thread task, first render', `${longest(renderTasks)} ms`, '', true);
      row('longest main-thread task, layout', `${longest(layoutTasks)} ms`, `< ${TARGETS.longestTaskMs} ms`, longest(layoutTasks) < TARGETS.longestTaskMs);
      row(`longest main-thread task, expand (${inView - 1} of 400 in)`, `${longest(expandTasks)} ms`, `< ${TARGETS.longestTaskMs} ms`, longest(expandTasks) < TARGETS.longestTaskMs);
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
    await driver.close();
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runBrowserBench();
