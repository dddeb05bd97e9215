// `atlas serve`: one node:http server for the built client (dist/web) and the JSON API under /api/. The
// server holds the Neo4j driver; the browser only ever sees JSON results, never credentials. Routing only:
// each endpoint family lives in routes/.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../../neo4j/connect.ts';
import { AtlasError } from '../../errors/index.ts';
import { QueryParams, assertSameOrigin, readJsonObject, routeArgument, sendError, sendJson } from './http.ts';
import { reader } from './read.ts';
import { ROUTES, type ServerSettings } from './routes/index.ts';
import { serveStatic } from './static.ts';
import { warmCypherParser } from './cypher-parser.ts';
import { QueryWorker } from './query-worker.ts';

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
  /** Most bytes of row JSON in one console answer. Default 8 MB. */
  byteBudget?: number;
  /**
   * The Neo4j `driver` talks to. Given, console queries run in a worker thread with its own driver and a
   * capped heap (query-worker.ts), so no answer can exhaust this process's memory; without it they run here.
   */
  target?: Neo4jTarget;
  /** Heap of the query worker, MB. Default 256. */
  queryHeapMb?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const staticDir = path.resolve(opts.staticDir ?? path.join(REPO_ROOT, 'dist', 'web'));
  const settings: ServerSettings = {
    driver: opts.driver,
    database: opts.database,
    queryTimeoutMs: opts.queryTimeoutMs ?? 15_000,
    rowCap: opts.rowCap ?? 1000,
    queriesDir: path.resolve(opts.queriesDir ?? path.join(REPO_ROOT, 'queries')),
    byteBudget: opts.byteBudget,
    queryWorker: opts.target ? new QueryWorker(opts.target, opts.queryHeapMb) : undefined,
  };
  warmCypherParser();
  settings.queryWorker?.warm();
  // The explorer's own queries are bounded by their inputs; the limit only guards against a stuck database.
  const read = reader(opts.driver, opts.database, Math.max(settings.queryTimeoutMs, 30_000));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A loopback server answers only to loopback host names: a web page elsewhere cannot rebind DNS to it.
    if (LOOPBACK.has(host) && !LOOPBACK.has(hostName(req.headers.host ?? ''))) {
      throw new AtlasError('MISDIRECTED', 'This server only answers requests addressed to localhost.');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new AtlasError('METHOD_NOT_ALLOWED', 'Use GET.');
      return serveStatic(req, res, staticDir, url.pathname);
    }
    assertSameOrigin(req);
    const [name = '', ...rest] = url.pathname.slice('/api/'.length).split('/');
    const route = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined;
    if (!route) throw new AtlasError('NOT_FOUND', `API route /api/${name} was not found.`);
    if ((req.method ?? 'GET') !== route.method) throw new AtlasError('METHOD_NOT_ALLOWED', `Use ${route.method} for /api/${name}.`);
    const ac = new AbortController();
    const onClose = () => ac.abort();
    res.once('close', onClose);
    try {
      const body = await route.handle({
        read,
        arg: routeArgument(rest),
        query: new QueryParams(url.searchParams),
        body: () => readJsonObject(req),
        signal: ac.signal,
        settings,
        req,
      });
      sendJson(res, 200, body);
    } finally {
      res.off('close', onClose);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => sendError(res, err));
  });
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
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await settings.queryWorker?.close();
    },
  };
}

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0].toLowerCase();
}
