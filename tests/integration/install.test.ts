// A clean install as a user gets it: `npm pack` (which builds the explorer), the tarball installed in an
// empty folder without dev dependencies, then `atlas --help` and `atlas demo`, which ingests the shipped
// examples and serves the explorer — against the test Neo4j, reached only through NEO4J_* variables.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver, testTarget } from './helpers/db.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
let work: string;
let app: string;
let driver: Driver;

/** Only what a user's shell would have, plus the Neo4j to use. */
function userEnv(): NodeJS.ProcessEnv {
  const t = testTarget();
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NEO4J_URI: t.uri,
    NEO4J_USERNAME: t.username,
    NEO4J_PASSWORD: t.password,
    ...(t.database ? { NEO4J_DATABASE: t.database } : {}),
  };
}

beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
  work = mkdtempSync(join(tmpdir(), 'atlas-install-'));
  await run('npm', ['pack', '--pack-destination', work, '--loglevel=warn'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  app = join(work, 'app');
  await run('mkdir', ['-p', app]);
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', join(work, tarball)], { cwd: app, maxBuffer: 64 * 1024 * 1024 });
}, 900_000);

afterAll(async () => {
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
  await driver.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the installed tarball', () => {
  it('has the built explorer and the Neo4j launcher sources, and no dev dependency', () => {
    const pkg = join(app, 'node_modules', 'atlas');
    expect(existsSync(join(pkg, 'dist', 'web', 'index.html'))).toBe(true);
    for (const f of ['pom.xml', 'build.sh', 'src']) expect(existsSync(join(pkg, 'neo4j', f)), f).toBe(true);
    expect(existsSync(join(pkg, 'neo4j', 'target'))).toBe(false);
    for (const dev of ['vite', 'vitest', 'typescript', 'playwright-core']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
  });

  it('answers atlas --help', async () => {
    const { stdout } = await run(join(app, 'node_modules', '.bin', 'atlas'), ['--help'], { cwd: app, env: userEnv() });
    expect(stdout).toMatch(/^Usage: atlas \[options\] \[command\]/);
    expect(stdout).toMatch(/Exit codes:/);
  });

  it('runs atlas demo: ingests the shipped examples and serves the explorer', { timeout: 900_000 }, async () => {
    const child = spawn(join(app, 'node_modules', '.bin', 'atlas'), ['demo', '--port', '0'], { cwd: app, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setInterval(() => {
          const m = /Atlas explorer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearInterval(timer);
            done(m[1]);
          }
        }, 200);
        void exited.then((code) => {
          clearInterval(timer);
          fail(new Error(`atlas demo exited (${code}):\n${out}`));
        });
      });
      expect(out).toMatch(/Ingested 52 documents \(0 unchanged, 0 failed\)/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module" [^>]*src="\/assets\/index-[\w-]+\.js"/);
      const overview = (await (await fetch(`${url}api/overview`)).json()) as { nodes: unknown[]; totalDocuments: number };
      expect(overview.totalDocuments).toBe(52);
      expect(overview.nodes.length).toBeGreaterThan(10);
      const docs = await driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n, collect(DISTINCT split(d.source, "/examples/corpus/")[0]) AS roots');
      expect(Number(docs.records[0].get('n'))).toBe(52);
      expect(docs.records[0].get('roots')).toEqual([join(app, 'node_modules', 'atlas')]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
