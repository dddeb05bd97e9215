// URL sources against a local HTTP server on 127.0.0.1: the body is streamed against the size limit (an
// endless body is cut, a declared Content-Length over the limit refused before reading), one deadline
// covers headers and body, and every network failure is a retriable FETCH_FAILED, HTTP 4xx not retriable.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../ingest/1-load/index.ts';
import { IngestError } from '../../ingest/errors.ts';
import { makePdf } from '../fixtures/pdf.ts';
import { PARAGRAPHS, twoColumnPaper } from '../fixtures/two-column.ts';

let server: Server;
let base = '';
const open = new Set<ServerResponse>();
let pdf: Buffer;

beforeAll(async () => {
  pdf = await makePdf(twoColumnPaper);
  server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const path = req.url ?? '/';
    if (path === '/page.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>A page</title></head><body><p>Reward hacking, explained.</p></body></html>');
    else if (path === '/latin1.txt') res.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
    else if (path === '/paper') res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    else if (path === '/endless.txt') {
      // never ends, as fast as the socket takes it
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    } else if (path === '/trickle.txt') {
      // a few bytes a second, forever: only the deadline ends it
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('slow ')), 200);
    } else if (path === '/silent.txt') {
      // accepts the request and never answers
    } else if (path === '/declared-huge.txt') res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50 * 1024 * 1024) }).write('a');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('missing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function urlError(path: string, opts: { maxBytes?: number; fetchTimeoutMs?: number } = {}): Promise<IngestError> {
  const e = await loadDocument(base + path, opts).then(() => undefined, (x: unknown) => x);
  if (!(e instanceof IngestError)) throw new Error(`expected ${path} to fail with an IngestError, got ${String(e)}`);
  return e;
}

describe('URL sources', () => {
  it('reads an HTML page, a declared charset and a PDF by its content type', async () => {
    const page = await loadDocument(`${base}/page.html`);
    expect([page.format, page.meta.title, page.text]).toEqual(['html', 'A page', 'Reward hacking, explained.']);
    expect((await loadDocument(`${base}/latin1.txt`)).text).toBe('café.');
    const paper = await loadDocument(`${base}/paper`);
    expect(paper.format).toBe('pdf');
    expect(paper.text).toBe(PARAGRAPHS.map((p) => p.text).join('\n\n'));
    expect(paper.meta.sourceUrl).toBe(`${base}/paper`);
  });

  it('cuts an endless body at the size limit instead of reading it whole', async () => {
    const before = process.memoryUsage().rss;
    const e = await urlError('/endless.txt', { maxBytes: 2 * 1024 * 1024 });
    expect([e.code, e.message]).toEqual(['TOO_LARGE', 'response too large: more than 2.0 MB received is over the 2.0 MB limit (set ATLAS_MAX_BYTES to raise it)']);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const e = await urlError('/declared-huge.txt', { maxBytes: 1024 * 1024 });
    expect([e.code, e.message]).toEqual(['TOO_LARGE', 'response too large: 50.0 MB declared is over the 1.0 MB limit (set ATLAS_MAX_BYTES to raise it)']);
  });

  it('times out a body that never completes and a server that never answers, as retriable fetch errors', async () => {
    for (const path of ['/trickle.txt', '/silent.txt']) {
      const t0 = performance.now();
      const e = await urlError(path, { fetchTimeoutMs: 1500 });
      expect([e.code, e.retriable, e.message]).toEqual(['FETCH_FAILED', true, 'cannot fetch URL: no complete answer within 1.5 s']);
      expect(performance.now() - t0).toBeLessThan(10_000);
    }
  });

  it('reports HTTP 404 as a fetch error that retrying will not fix, and an unreachable port as retriable', async () => {
    const e = await urlError('/gone.html');
    expect([e.code, e.retriable, e.message]).toEqual(['FETCH_FAILED', false, 'cannot fetch URL: HTTP 404 Not Found']);
    const down = await loadDocument('http://127.0.0.1:9/nothing.html', { fetchTimeoutMs: 3000 }).then(() => undefined, (x: IngestError) => x);
    expect([down?.code, down?.retriable]).toEqual(['FETCH_FAILED', true]);
  });
});
