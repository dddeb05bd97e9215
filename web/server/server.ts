// `atlas serve`: one node:http server for the built client (dist/web) and the JSON API under /api/.
// The server holds the Neo4j driver; the browser only ever sees JSON results, never credentials.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import type { Driver } from 'neo4j-driver';
import { ApiError, badRequest, notFound, toApiError } from './errors.ts';
import { runConsoleQuery } from './console.ts';
import { loadNamedQueries } from './named-queries.ts';
import { serveStatic } from './static.ts';
import * as graph from './graph.ts';
import type { Read } from './graph.ts';
import { SEMANTIC_RELS, toNumber } from './serialize.ts';
import { expandGroups } from './expand-groups.ts';

export interface ServerOptions {
  driver: Driver;
  database?: string;
  /** Interface to listen on; loopback unless told otherwise. */
  host?: string;
  /** 0 picks a free port. Default 4317. */
  port?: number;
  /** Built client; default `dist/web` in the repository. Missing → API only. */
  staticDir?: string;
  /** Time limit for console queries (ms). Default 15 s. */
  queryTimeoutMs?: number;
  /** Most rows a console query returns. Default 1,000 (Neo4j Browser's table default). */
  rowCap?: number;
  /** Where the named queries live. Default `queries/` in the repository. */
  queriesDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const MAX_BODY = 256 * 1024;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const staticDir = path.resolve(opts.staticDir ?? path.join(REPO_ROOT, 'dist', 'web'));
  const queriesDir = path.resolve(opts.queriesDir ?? path.join(REPO_ROOT, 'queries'));
  const queryTimeoutMs = opts.queryTimeoutMs ?? 15_000;
  const rowCap = opts.rowCap ?? 1000;
  const { driver, database } = opts;

  const read: Read = async (cypher, params = {}) => {
    const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(async (tx) => (await tx.run(cypher, params)).records, {
        timeout: Math.max(queryTimeoutMs, 30_000),
      });
    } finally {
      await session.close();
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => sendError(res, err));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A loopback server answers only to loopback host names: a web page elsewhere cannot rebind DNS to it.
    if (LOOPBACK.has(host) && !LOOPBACK.has(hostName(req.headers.host ?? ''))) {
      throw new ApiError(421, 'MisdirectedRequest', 'This server only answers requests addressed to localhost.');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError(405, 'MethodNotAllowed', 'Use GET.');
      return serveStatic(req, res, staticDir, url.pathname);
    }
    const body = await api(req, url);
    sendJson(res, 200, body);
  }

  async function api(req: http.IncomingMessage, url: URL): Promise<unknown> {
    const parts = url.pathname.slice('/api/'.length).split('/');
    const route = parts[0];
    const arg = parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : '';
    const q = url.searchParams;
    const num = (k: string, d: number) => {
      const v = q.get(k);
      const n = v === null || v === '' ? d : Number(v);
      if (!Number.isFinite(n)) throw badRequest(`"${k}" must be a number.`);
      return n;
    };
    const list = (k: string) => (q.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const method = req.method ?? 'GET';
    const needs = (m: string) => {
      if (method !== m) throw new ApiError(405, 'MethodNotAllowed', `Use ${m} for /api/${route}.`);
    };

    try {
      switch (route) {
        case 'health': {
          needs('GET');
          const [r] = await read('MATCH (e:Entity) RETURN count(e) AS n');
          return { ok: true, entities: r ? toNumber(r.get('n')) : 0 };
        }
        case 'overview':
          needs('GET');
          return await graph.overview(read, Math.min(300, Math.max(1, num('limit', 60))));
        case 'search':
          needs('GET');
          return await graph.search(read, q.get('q') ?? '', Math.min(50, Math.max(1, num('limit', 10))));
        case 'entity':
          needs('GET');
          if (!arg) throw badRequest('Give an entity id: /api/entity/<id>.');
          return await graph.entityDetail(read, arg, { docLimit: num('docs', 25), passagesPerDoc: num('passages', 3) });
        case 'expand':
          needs('GET');
          if (!arg) throw badRequest('Give an entity id: /api/expand/<id>.');
          return await graph.expand(read, arg, {
            skip: num('skip', 0),
            limit: num('limit', 25),
            types: list('types'),
            rels: list('rels'),
          });
        case 'expand-groups':
          needs('GET');
          if (!arg) throw badRequest('Give an entity id: /api/expand-groups/<id>.');
          return await expandGroups(read, arg);
        case 'edge':
          needs('GET');
          if (!arg) throw badRequest('Give a relationship id: /api/edge/<elementId>.');
          return await graph.edgeDetail(read, arg);
        case 'document':
          needs('GET');
          if (!arg) throw badRequest('Give a document id: /api/document/<id>.');
          return await graph.documentWithMentions(read, arg);
        case 'path':
          needs('GET');
          return await graph.shortestPath(read, q.get('from') ?? '', q.get('to') ?? '', num('maxHops', 8));
        case 'subgraph': {
          needs('POST');
          const b = (await readJson(req)) as { ids?: unknown };
          if (!Array.isArray(b.ids)) throw badRequest('Send {"ids": [...]}.');
          return await graph.subgraph(read, b.ids.map(String));
        }
        case 'query': {
          needs('POST');
          const b = (await readJson(req)) as { cypher?: unknown; params?: unknown };
          const ac = new AbortController();
          const onClose = () => ac.abort();
          req.socket.once('close', onClose);
          try {
            return await runConsoleQuery(String(b.cypher ?? ''), b.params, {
              driver,
              database,
              timeoutMs: queryTimeoutMs,
              rowCap,
              signal: ac.signal,
            });
          } finally {
            req.socket.off('close', onClose);
          }
        }
        case 'queries':
          needs('GET');
          return { queries: loadNamedQueries(queriesDir) };
        case 'schema': {
          needs('GET');
          const [labels, rels, props] = await Promise.all([
            read('CALL db.labels() YIELD label RETURN label'),
            read('CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t'),
            read('CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS k'),
          ]);
          return {
            labels: labels.map((r) => String(r.get('label'))),
            relationshipTypes: rels.map((r) => String(r.get('t'))),
            propertyKeys: props.map((r) => String(r.get('k'))),
            semanticRelationships: SEMANTIC_RELS,
            rowCap,
            queryTimeoutMs,
          };
        }
        default:
          throw notFound(`API route /api/${route}`);
      }
    } catch (err) {
      throw toApiError(err, { timeoutMs: queryTimeoutMs });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4317, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 4317);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0].toLowerCase();
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // JSON only: a cross-site form cannot send this content type without the browser asking first.
  if (!type.includes('application/json')) throw new ApiError(415, 'UnsupportedMediaType', 'Send JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, 'TooLarge', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(data);
}

function sendError(res: http.ServerResponse, err: unknown): void {
  const e = toApiError(err);
  if (e.status >= 500 && e.code !== 'DbUnavailable') console.error('[atlas serve]', err);
  sendJson(res, e.status, { error: { code: e.code, message: e.message } });
}
