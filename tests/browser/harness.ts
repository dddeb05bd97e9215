// Shared set-up for the explorer's tests: the seeds plus one hostile document ingested into the test Neo4j,
// the client built once per file, the API server on a free port, and one headless Chromium.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.ts';
import { testDriver, testTarget } from '../integration/helpers/db.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../web/server/index.ts';
import { lacks, SEEDS } from '../shared-data.ts';

export { SEEDS };
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = path.join(REPO_ROOT, 'tests', '.artifacts');
export const HOSTILE_DIR = path.join(ARTIFACTS, 'hostile');
export const HOSTILE_FILE = path.join(HOSTILE_DIR, 'hostile-markup.txt');
export const WEB_OUT = path.join(ARTIFACTS, 'web');

/** Text that would run script if it ever reached the page as HTML. */
export const HOSTILE_TEXT = `Markup in a document must stay text

Anthropic researchers wrote about sparse autoencoders. This sentence carries <script>alert(1)</script> inside it.

Another paragraph with <img src=x onerror=alert(1)> and <b onmouseover="alert(2)">bold</b> in it, also about sparse autoencoders.
`;

/** Ingest the seeds and the hostile document (idempotent: unchanged documents are skipped). */
export async function seedGraph(driver: Driver, database?: string): Promise<void> {
  mkdirSync(HOSTILE_DIR, { recursive: true });
  writeFileSync(HOSTILE_FILE, HOSTILE_TEXT);
  // Without ../shared the seeds are left out; the files whose tests need them skip.
  const summary = await ingestSources(lacks('seeds') ? [HOSTILE_DIR] : [SEEDS, HOSTILE_DIR], driver, { database });
  if (summary.failed > 0) throw new Error(`ingest failed: ${JSON.stringify(summary.errors)}`);
}

/** Newest modification time of the client's sources and build configuration. */
function newestSource(): number {
  let newest = statSync(path.join(REPO_ROOT, 'vite.config.ts')).mtimeMs;
  for (const f of readdirSync(path.join(REPO_ROOT, 'web', 'client'), { recursive: true, withFileTypes: true })) {
    if (f.isFile()) newest = Math.max(newest, statSync(path.join(f.parentPath, f.name)).mtimeMs);
  }
  return newest;
}

/** Build the client into tests/.artifacts/web (not dist/, which a running `atlas serve` may be using),
 *  unless the build there is newer than every client source (test files share one build). */
export async function buildClient(): Promise<string> {
  const index = path.join(WEB_OUT, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestSource()) return WEB_OUT;
  const { build } = await import('vite');
  await build({
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: WEB_OUT, emptyOutDir: true },
  });
  if (!existsSync(path.join(WEB_OUT, 'index.html'))) throw new Error('client build produced no index.html');
  return WEB_OUT;
}

export async function startExplorer(driver: Driver, database?: string, extra: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ driver, database, port: 0, staticDir: WEB_OUT, ...extra });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageProblems {
  errors: string[];
  dialogs: string[];
}

/** A 1366×768 page that records script errors and any alert/confirm/prompt (which must never happen). */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  context.setDefaultTimeout(90_000); // waits for selectors and functions, under load
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], dialogs: [] };
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('console', (m) => {
    // The page runs under a strict Content-Security-Policy; anything it blocks is a bug.
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.errors.push(m.text());
  });
  page.on('dialog', (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 }); // two cores, shared
  return { page, problems };
}

/** Entity ids and positions in the explore graph. */
export function graphNodes(page: Page): Promise<{ id: string; x: number; y: number }[]> {
  return page.evaluate(() =>
    window.__atlas!.cy.nodes().map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y') })),
  );
}

/** Tap a node as a click would (select it, open its panel). Returns nothing on purpose: handing a Cytoscape
 *  collection back from page.evaluate makes Playwright serialise the whole graph, which takes minutes. */
export async function tapNode(page: Page, id: string): Promise<void> {
  await page.evaluate((nid) => {
    window.__atlas!.cy.getElementById(nid).emit('tap');
  }, id);
}

/** Where a node is drawn, in page coordinates (for real mouse clicks). */
export async function nodeOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  const rendered = await page.evaluate((nid) => {
    const n = window.__atlas!.cy.getElementById(nid);
    return n.renderedPosition();
  }, id);
  const box = await page.locator('#graph').boundingBox();
  if (!box) throw new Error('graph not visible');
  return { x: box.x + rendered.x, y: box.y + rendered.y };
}

export interface ExplorerContext {
  driver: Driver;
  server: RunningServer;
  browser: Browser;
  database?: string;
}

/**
 * Per test file: the seeds (and the hostile document) ingested into the test Neo4j, the client built, one
 * explorer server and one Chromium. The returned object is filled in by beforeAll.
 */
export function useExplorer(): ExplorerContext {
  const ctx = {} as ExplorerContext;
  // A page load, a layout and a few API calls take tens of seconds when the two cores are busy.
  vi.setConfig({ testTimeout: 240_000 });
  beforeAll(async () => {
    ctx.database = testTarget().database;
    ctx.driver = testDriver();
    await Promise.all([seedGraph(ctx.driver, ctx.database), buildClient()]);
    ctx.server = await startExplorer(ctx.driver, ctx.database);
    ctx.browser = await launchBrowser();
  }, 600_000); // ingest and build share two cores with everything else
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
    await ctx.driver?.close();
  });
  return ctx;
}
