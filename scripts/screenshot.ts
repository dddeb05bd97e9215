// `npm run screenshot`: the README's pictures of the explorer, taken for real. Starts a throwaway Neo4j,
// ingests the seeds and the demo corpus (examples/corpus), builds and serves the client, opens it in headless
// Chromium, selects "sparse autoencoders" and expands it (so the sources panel shows highlighted passages and
// the neighbours by kind), and writes docs/screenshot.png (1440×900) and docs/screenshot-1024.png (1024×700).
//
//   npm run screenshot                       # throwaway database from the seeds
//   ATLAS_SCREENSHOT_URL=http://127.0.0.1:4317/ npm run screenshot   # shoot an explorer already running
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const SHOTS = [
  { file: path.join(ROOT, 'docs', 'screenshot.png'), width: 1440, height: 900 },
  { file: path.join(ROOT, 'docs', 'screenshot-1024.png'), width: 1024, height: 700 },
];
const CORPUS = path.join(ROOT, 'examples', 'corpus');
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
    const summary = await ingestSources([SEEDS, ...(existsSync(CORPUS) ? [CORPUS] : [])], driver, { database: local.target.database });
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
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: 1 });
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
      await page.fill('#search-input', SEARCH);
      await page.waitForSelector('#search-opt-0');
      await page.press('#search-input', 'Enter');
      await page.waitForSelector('#sources .passage mark');
      await page.click('#detail [data-action="expand"]');
      await page.waitForSelector('#neighbour-groups', { timeout: 60_000 }).catch(() => {});
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.waitForTimeout(1200); // let the new nodes slide out and the view settle
      mkdirSync(path.dirname(shot.file), { recursive: true });
      await page.screenshot({ path: shot.file });
      console.log(`Wrote ${path.relative(process.cwd(), shot.file)}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
