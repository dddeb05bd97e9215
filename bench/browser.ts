// The explorer at scale in headless Chromium (software rendering, no GPU), on a synthetic graph of 2,000
// nodes and 10,000 relations: time to the first rendered frame, frame times while panning and zooming
// with real mouse input for 3 s, and the longest main-thread task (PerformanceObserver 'longtask') while
// laying out and while expanding a node with 400 neighbours. `npm run bench` runs it after the ingest
// benchmark; alone: `node --import tsx bench/browser.ts`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
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

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** The main thread's CPU profile of one phase (ATLAS_BENCH_PROFILE=1), summed as self time per function:
 *  where the time goes. */
async function profiled<T>(cdp: CDPSession | null, phase: string, fn: () => Promise<T>): Promise<T> {
  if (!cdp) return fn();
  await cdp.send('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const f = byNode.get(id)!;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`  profile, ${phase}:`);
    for (const [k, ms] of top) console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${k}`);
  }
}

export interface BrowserBenchResult {
  date: string;
  label: string;
  renderer: 'WebGL' | 'canvas';
  nodes: number;
  edges: number;
  frames: number;
  firstRenderMs: number;
  /** Until the frame with every relation drawn too. */
  allEdgesMs: number;
  /** From handing the view its nodes to the worker's layout applied. */
  firstLayoutMs: number;
  p95FrameMs: number;
  longestTaskMs: { firstRender: number; layout: number; expand: number };
  layoutMs: number;
  expanded: number;
  loadAverage: number[];
  targets: typeof TARGETS;
}

/**
 * One run of the benchmark. `renderer` forces Cytoscape's renderer through the explorer's
 * `atlas.renderer` setting (otherwise the explorer picks by view size); `profile` prints the main
 * thread's hottest functions per phase.
 */
export async function runBrowserBench(o: { renderer?: 'webgl' | 'canvas'; profile?: boolean; label?: string } = {}): Promise<BrowserBenchResult> {
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
      if (o.renderer) await page.addInitScript(`localStorage.setItem('atlas.renderer', ${JSON.stringify(o.renderer)})`);
      const cdp = o.profile ? await page.context().newCDPSession(page) : null;
      await cdp?.send('Profiler.enable');
      await cdp?.send('Profiler.setSamplingInterval', { interval: 1000 });
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      await instrument(page);
      await takeTasks(page);

      // First render: from handing the view 2,000 nodes to the first frame drawn with all of them on screen
      // (at their start positions; the layout goes on in the worker and is timed apart, below), and to the
      // frame with all the relations too (a big view goes in nodes first, relations after).
      // The start view was laid out already: wait for the count of layouts to pass it.
      const layoutsBefore = await page.evaluate(() => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0));
      const t0 = Date.now();
      const [firstRenderMs, allEdgesMs] = await profiled(cdp, 'first render', () =>
        page.evaluate(async (data) => {
          const t0 = performance.now();
          void window.__atlas!.show(data);
          // (No named inner functions: the page lacks tsx's __name helper.)
          while (window.__atlas!.cy.nodes().length < data.nodes.length) await new Promise((r) => requestAnimationFrame(r));
          for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
          const nodesMs = performance.now() - t0;
          while (window.__atlas!.cy.edges().length < data.edges.length) await new Promise((r) => requestAnimationFrame(r));
          for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
          return [nodesMs, performance.now() - t0];
        }, shown),
      );
      // The layout the first render started (in the worker) finishes; its tasks count as the first render's.
      await page.waitForFunction((n) => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0) > n, layoutsBefore, { timeout: 300_000 });
      const firstLayoutMs = Date.now() - t0;
      await idle(page);
      const renderTasks = await takeTasks(page);
      const webgl = await page.evaluate(() => window.__atlas!.webgl());

      // Pan and zoom with real input for 3 s.
      const box = (await page.locator('#graph').boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const frames = await profiled(cdp, 'pan and zoom', async () => {
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
        return page.evaluate(() => {
          const b = (window as unknown as { __bench: { frames: number[]; recording: boolean } }).__bench;
          b.recording = false;
          return b.frames;
        });
      });
      await idle(page);
      await takeTasks(page);

      // Lay the 2,000 nodes out again.
      const layouts = await page.evaluate(() => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0));
      const t1 = Date.now();
      await profiled(cdp, 'layout', async () => {
        await page.click('#relayout');
        await page.waitForFunction((n) => Number(document.getElementById('graph')!.dataset['layouts'] ?? 0) > n, layouts, { timeout: 300_000 });
      });
      const layoutMs = Date.now() - t1;
      await idle(page);
      const layoutTasks = await takeTasks(page);

      // Expand a node with 400 neighbours, group by group, in a view of its own.
      await page.evaluate(() => window.__atlas!.show({ nodes: [], edges: [] }));
      await idle(page);
      await takeTasks(page);
      await profiled(cdp, 'expand', async () => {
        await page.evaluate((id) => window.__atlas!.focus(id), HUB_ID);
        await page.evaluate((id) => window.__atlas!.expand(id), HUB_ID);
        for (let i = 0; i < 30; i++) {
          const more = await page.evaluate((id) => window.__atlas!.expandMore(id), HUB_ID);
          if (!more) break;
        }
        await idle(page);
      });
      const expandTasks = await takeTasks(page);
      const inView = await page.evaluate(() => window.__atlas!.cy.nodes().length);

      const longest = (xs: number[]) => Math.round(Math.max(0, ...xs));
      const result: BrowserBenchResult = {
        date: new Date().toISOString(),
        label: o.label ?? '',
        renderer: webgl ? 'WebGL' : 'canvas',
        nodes: shown.nodes.length,
        edges: shown.edges.length,
        frames: frames.length,
        firstRenderMs: Math.round(firstRenderMs),
        allEdgesMs: Math.round(allEdgesMs),
        firstLayoutMs,
        p95FrameMs: Math.round(p95(frames) * 10) / 10,
        longestTaskMs: { firstRender: longest(renderTasks), layout: longest(layoutTasks), expand: longest(expandTasks) },
        layoutMs,
        expanded: inView - 1,
        loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
        targets: TARGETS,
      };
      report(result);
      return result;
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

function report(r: BrowserBenchResult): void {
  const row = (name: string, value: string, target: string, ok: boolean | null) =>
    console.log(`  ${name.padEnd(46)} ${value.padStart(9)}   ${target ? `target ${target.padEnd(9)} ${ok ? 'ok' : 'MISSED'}` : ''}`);
  const t = r.longestTaskMs;
  console.log(`  renderer: ${r.renderer}; ${r.frames} frames while panning and zooming; load average ${r.loadAverage.join(' ')}`);
  row('first render (2,000 nodes drawn)', `${r.firstRenderMs} ms`, `< ${TARGETS.firstRenderMs} ms`, r.firstRenderMs < TARGETS.firstRenderMs);
  row('all 10,000 relations drawn too', `${r.allEdgesMs} ms`, '', null);
  row('first layout applied (worker)', `${r.firstLayoutMs} ms`, '', null);
  row('p95 frame time, pan and zoom for 3 s', `${r.p95FrameMs.toFixed(1)} ms`, `< ${TARGETS.p95FrameMs} ms`, r.p95FrameMs < TARGETS.p95FrameMs);
  row('longest main-thread task, first render+layout', `${t.firstRender} ms`, `< ${TARGETS.longestTaskMs} ms`, t.firstRender < TARGETS.longestTaskMs);
  row('layout of 2,000 nodes (worker), until applied', `${r.layoutMs} ms`, '', null);
  row('longest main-thread task, re-layout', `${t.layout} ms`, `< ${TARGETS.longestTaskMs} ms`, t.layout < TARGETS.longestTaskMs);
  row(`longest main-thread task, expand (${r.expanded} of 400 in)`, `${t.expand} ms`, `< ${TARGETS.longestTaskMs} ms`, t.expand < TARGETS.longestTaskMs);
}

// Alone: `node --import tsx bench/browser.ts [--renderer webgl|canvas] [--profile] [--label NAME]`; the
// figures are kept in bench/results/browser-DATE-LABEL.json.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const renderer = arg('renderer');
  if (renderer && renderer !== 'webgl' && renderer !== 'canvas') throw new Error(`--renderer is webgl or canvas, not ${renderer}`);
  const label = arg('label') ?? renderer ?? 'default';
  const r = await runBrowserBench({ renderer: renderer as 'webgl' | 'canvas' | undefined, profile: process.argv.includes('--profile'), label });
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `browser-${r.date.slice(0, 10)}-${label.replace(/[^\w.-]+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  console.log(`  written to ${file.slice(ROOT.length + 1)}`);
}
