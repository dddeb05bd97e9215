// A bounded load test of the explorer API on loopback: a few keep-alive connections replay the explorer's
// own requests (overview, search, entity, expand, document, path, a console query) until a request count or
// a time limit is reached, then report throughput, errors and latency percentiles. Loopback only: any
// other address is refused before a request is sent.
import http from 'node:http';
import type { Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../neo4j/connect.ts';
import { startServer } from '../web/server/index.ts';

export interface LoadOptions {
  connections?: number;
  /** Stop after this many requests… */
  maxRequests?: number;
  /** …or after this long, whichever comes first. */
  durationMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The first few failures, for the report. */
  failures: string[];
  /** p95 latency (ms) per endpoint, to see which kind of request is slow. */
  p95ByRoute: Record<string, number>;
}

const isLoopback = (host: string) => /^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost' || host === '[::1]' || host === '::1';

function request(agent: http.Agent, base: URL, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      { agent, method: body ? 'POST' : 'GET', headers: body ? { 'Content-Type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

/** The load test against a running explorer at `url` (its graph must hold entities). */
export async function apiLoad(url: string, o: LoadOptions = {}): Promise<LoadResult> {
  const base = new URL(url);
  if (!isLoopback(base.hostname)) throw new Error(`the API load test only targets loopback addresses, not ${base.hostname}`);
  const connections = o.connections ?? 8;
  const maxRequests = o.maxRequests ?? 3000;
  const durationMs = o.durationMs ?? 15_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  try {
    // The ids the explorer would click on, from its own start view.
    const overview = JSON.parse((await request(agent, base, '/api/overview?limit=30')).text) as { nodes: { id: string; type: string }[]; edges: { source: string; target: string }[] };
    const entities = overview.nodes.filter((n) => n.type !== 'Document').map((n) => n.id);
    const docs = overview.nodes.filter((n) => n.type === 'Document').map((n) => n.id);
    if (entities.length === 0) throw new Error('the API load test needs a graph with entities');
    const e = (i: number) => encodeURIComponent(entities[i % entities.length]);
    const edge = overview.edges[0];
    const mix: ((i: number) => [string, string?])[] = [
      () => ['/api/overview?limit=60'],
      (i) => [`/api/search?q=${encodeURIComponent(entities[i % entities.length].split(':').pop()!.slice(0, 6))}`],
      (i) => [`/api/entity/${e(i)}`],
      (i) => [`/api/expand/${e(i)}?limit=25`],
      (i) => (docs.length ? [`/api/document/${encodeURIComponent(docs[i % docs.length])}`] : ['/api/health']),
      () => (edge ? [`/api/path?from=${encodeURIComponent(edge.source)}&to=${encodeURIComponent(edge.target)}`] : ['/api/health']),
      () => ['/api/query', JSON.stringify({ cypher: 'MATCH (e:Entity) RETURN e.type AS type, count(*) AS n ORDER BY n DESC' })],
    ];
    // One of each request first, untimed: the server's first console query waits for its query worker.
    for (const [i, make] of mix.entries()) await request(agent, base, ...make(i));
    const latencies: number[] = [];
    const byRoute = new Map<string, number[]>();
    const failures: string[] = [];
    let next = 0;
    let errors = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < maxRequests && performance.now() - started < durationMs) {
        const i = next++;
        const [path, body] = mix[i % mix.length](Math.floor(i / mix.length));
        const t = performance.now();
        try {
          const res = await request(agent, base, path, body);
          if (res.status !== 200) {
            errors++;
            if (failures.length < 5) failures.push(`${path}: ${res.status} ${res.text.slice(0, 120)}`);
          }
        } catch (err) {
          errors++;
          if (failures.length < 5) failures.push(`${path}: ${(err as Error).message}`);
        }
        const ms = performance.now() - t;
        latencies.push(ms);
        const route = path.split('?')[0].split('/').slice(0, 3).join('/');
        byRoute.set(route, [...(byRoute.get(route) ?? []), ms]);
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      requests: latencies.length,
      errors,
      seconds,
      perSecond: latencies.length / seconds,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
      failures,
      p95ByRoute: Object.fromEntries([...byRoute].map(([r, xs]) => [r, percentile([...xs].sort((a, b) => a - b), 95)])),
    };
  } finally {
    agent.destroy();
  }
}

/**
 * For `npm run bench`: serve the graph the benchmark just built on a loopback port, load it, print. With the
 * target, console queries run in the query worker as under `atlas serve`.
 */
export async function apiLoadReport(driver: Driver, database?: string, o: LoadOptions = {}, target?: Neo4jTarget): Promise<LoadResult> {
  const server = await startServer({ driver, database, target, port: 0, host: '127.0.0.1' });
  try {
    const r = await apiLoad(server.url, o);
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(`\nAPI under load (loopback, ${o.connections ?? 8} connections, at most ${o.maxRequests ?? 3000} requests or ${((o.durationMs ?? 15_000) / 1000).toFixed(0)} s):`);
    console.log(`  ${r.requests} requests in ${r.seconds.toFixed(1)} s, ${r.perSecond.toFixed(0)} requests/s, ${r.errors} errors`);
    console.log(`  latency p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}, max ${ms(r.max)}`);
    console.log(`  p95 by endpoint: ${Object.entries(r.p95ByRoute).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
    for (const f of r.failures) console.log(`  failed: ${f}`);
    return r;
  } finally {
    await server.close();
  }
}
