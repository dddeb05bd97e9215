// `npm run screenshot`: the README's picture of the explorer, taken for real. Starts a throwaway Neo4j,
// ingests the seeds, builds and serves the client, opens it in headless Chromium at 1366×768, selects
// "sparse autoencoders" (so the sources panel shows highlighted passages) and writes docs/screenshot.png.
//
//   npm run screenshot                       # throwaway database from the seeds
//   ATLAS_SCREENSHOT_URL=http://127.0.0.1:4317/ npm run screenshot   # shoot an explorer already running
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const OUT = path.join(ROOT, 'docs', 'screenshot.png');
const SEARCH = process.env['ATLAS_SCREENSHOT_SEARCH'] ?? 'sparse autoencoders';

async function withExplorer<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const given = process.env['ATLAS_SCREENSHOT_URL'];
  if (given) return fn(given);

  const { startLocalNeo4j, openDriver } = await import('../neo4j/server.ts');
  const { ingestSources } = await import('../ingest/pipeline.ts');
  const { startServer } = await import('../web/server/index.ts');
  const { build } = await import('vite');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-screenshot-'));
  const webDir = path.join(dataDir, 'web');
  console.error('Starting a throwaway Neo4j and building the client…');
  const [local] = await Promise.all([
    startLocalNeo4j({ dataDir: path.join(dataDir, 'neo4j'), port: 0 }),
    build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: webDir, emptyOutDir: true } }),
  ]);
  const driver = openDriver(local.target);
  try {
    const summary = await ingestSources([SEEDS], driver, { database: local.target.database });
    console.error(`Ingested ${summary.written} documents: ${summary.relations} relations.`);
    const server = await startServer({ driver, database: local.target.database, port: 0, staticDir: webDir });
    try {
      return await fn(server.url);
    } finally {
      await server.close();
    }
  } finally {
    await driver.close();
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await withExplorer(async (url) => {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.fill('#search-input', SEARCH);
    await page.waitForSelector('#search-opt-0');
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('#sources .passage mark');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.waitForTimeout(700); // let the centring animation settle
    mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    console.log(`Wrote ${path.relative(process.cwd(), OUT)}`);
  } finally {
    await browser.close();
  }
});
