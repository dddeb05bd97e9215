// Runs a user's Cypher for the console: read access mode, a transaction time limit, a row cap, and an
// EXPLAIN check first so a write is refused before it is planned to run. Results come back as rows for
// the table plus the nodes and relationships found anywhere in them for the graph.
import neo4j from 'neo4j-driver';
import type { Driver, Node, Record as NeoRecord, Relationship, Session } from 'neo4j-driver';
import type { GraphData, QueryResponse } from './api-types.ts';
import { AtlasError } from '../../errors/index.ts';
import { fromDriverError } from '../../errors/driver.ts';
import { badRequest } from './http.ts';
import { presentError } from './error-response.ts';
import { collectGraph, nodeKey, nodeToGraph, relToGraph, toJson } from './serialize.ts';

export interface ConsoleOptions {
  driver: Driver;
  database?: string;
  timeoutMs: number;
  rowCap: number;
  /** Aborted when the HTTP client goes away: the transaction is rolled back. */
  signal?: AbortSignal;
}

/** JSON numbers that are whole become Cypher integers (so `LIMIT $n` works); the rest pass through. */
export function toCypherParams(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? neo4j.int(v) : v;
  if (Array.isArray(v)) return v.map(toCypherParams);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toCypherParams(x);
    return out;
  }
  return v;
}

const MAX_CYPHER = 20_000;
const SCHEMA_WRITE = /^\s*(CREATE|DROP|ALTER|GRANT|DENY|REVOKE|RENAME|START|STOP|ENABLE|TERMINATE)\b/i;

/** The query without comments and string literals, for keyword checks that strings cannot fool. */
export function codeOnly(cypher: string): string {
  return cypher
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/`(?:[^`]|``)*`/g, '``');
}

export const WRITE_REFUSED =
  'Write queries are not allowed: the console is read-only. Use MATCH … RETURN to read the graph; ' +
  'data changes go through `atlas ingest`.';
const queryRefused = (message: string) => new AtlasError('QUERY_REFUSED', message);

export async function runConsoleQuery(
  cypher: unknown,
  rawParams: unknown,
  opts: ConsoleOptions,
): Promise<QueryResponse> {
  if (typeof cypher !== 'string' || !cypher.trim()) throw badRequest('Write a Cypher query first.');
  if (cypher.length > MAX_CYPHER) throw badRequest(`The query is longer than ${MAX_CYPHER} characters.`);
  if (rawParams != null && (typeof rawParams !== 'object' || Array.isArray(rawParams))) {
    throw badRequest('Parameters must be a JSON object, e.g. {"name": "sparse autoencoder"}.');
  }
  // LOAD CSV reads files and URLs from the database server's side: never from the console.
  if (/\bLOAD\s+CSV\b/i.test(codeOnly(cypher))) {
    throw queryRefused('LOAD CSV is not allowed in the console: it would read files or URLs on the database server.');
  }
  const params = (toCypherParams(rawParams ?? {}) as Record<string, unknown>) ?? {};
  const started = Date.now();
  const session: Session = opts.driver.session({
    database: opts.database,
    defaultAccessMode: neo4j.session.READ,
    fetchSize: Math.min(opts.rowCap + 1, 1000),
  });
  const onAbort = () => void session.close().catch(() => {});
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // 1. Plan without running: anything but a read-only query is refused here.
    const explained = await session.executeRead(
      async (tx) => (await tx.run(`EXPLAIN ${cypher}`, params)).summary,
      { timeout: opts.timeoutMs },
    );
    const kind = explained.queryType;
    if (kind !== 'r') {
      if (kind === 'w' || kind === 'rw' || SCHEMA_WRITE.test(codeOnly(cypher))) throw queryRefused(WRITE_REFUSED);
      throw queryRefused(
        'Only read queries can run in the console: administration and system commands (SHOW DATABASES, dbms.* procedures) are not available here.',
      );
    }

    // 2. Run in a read transaction, consuming at most rowCap records, then roll back.
    const tx = session.beginTransaction({ timeout: opts.timeoutMs });
    const records: NeoRecord[] = [];
    let columns: string[] = [];
    let truncated = false;
    try {
      const result = tx.run(cypher, params);
      columns = [...(await result.keys())];
      for await (const rec of result) {
        if (records.length >= opts.rowCap) {
          truncated = true;
          break;
        }
        records.push(rec);
        if (opts.signal?.aborted) break;
      }
    } finally {
      await tx.rollback().catch(() => {});
    }

    const graph = await graphOf(records, opts);
    const ids = new Map<string, string>();
    for (const n of graph.byElementId) ids.set(n[0], n[1]);
    const rows = records.map((r) => columns.map((c) => toJson(r.get(c), { maxString: 5_000 }, ids)));
    return {
      columns,
      rows,
      graph: graph.data,
      truncated,
      rowCap: opts.rowCap,
      elapsedMs: Date.now() - started,
    };
  } catch (err) {
    if (opts.signal?.aborted) throw new AtlasError('QUERY_CANCELLED', 'The query was cancelled.');
    throw consoleError(err, opts.timeoutMs);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await session.close().catch(() => {});
  }
}

/**
 * A failure of the user's own query in Atlas's vocabulary (errors/driver.ts classifies by status code). Its
 * Neo4j message is about the user's Cypher, so syntax and parameter errors keep it; refusals, time-outs and
 * connection failures get a sentence.
 */
function consoleError(err: unknown, timeoutMs: number): AtlasError {
  if (err instanceof AtlasError) return err;
  const e = fromDriverError(err);
  const keep = { retriable: e.retriable, cause: err };
  switch (e.code) {
    case 'QUERY_REFUSED':
      return new AtlasError('QUERY_REFUSED', WRITE_REFUSED, keep);
    case 'QUERY_TIMEOUT':
      return new AtlasError(
        'QUERY_TIMEOUT',
        `The query was stopped after ${(timeoutMs / 1000).toFixed(0)} s: it took longer than the server's time limit. Add a LIMIT or narrow the MATCH.`,
        keep,
      );
    case 'QUERY_SYNTAX':
      return new AtlasError('QUERY_SYNTAX', `Cypher syntax error: ${withoutExplain(e.message)}`, keep);
    case 'QUERY_PARAMETER':
    case 'QUERY_FAILED':
      return new AtlasError(e.code, withoutExplain(e.message), keep);
    default:
      return presentError(err);
  }
}

/** Errors from the EXPLAIN pass point into "EXPLAIN <query>": shift positions back onto the user's text. */
function withoutExplain(text: string): string {
  if (!text.includes('EXPLAIN ')) return text;
  const shift = 'EXPLAIN '.length;
  return text
    .replace(/\(line 1, column (\d+) \(offset: (\d+)\)\)/, (_m, c: string, o: string) =>
      `(line 1, column ${Math.max(1, Number(c) - shift)} (offset: ${Math.max(0, Number(o) - shift)}))`,
    )
    .replace(/\(line (\d+), column (\d+) \(offset: (\d+)\)\)/, (m, l: string, c: string, o: string) =>
      l === '1' ? m : `(line ${l}, column ${c} (offset: ${Math.max(0, Number(o) - shift)}))`,
    )
    .replace(/"EXPLAIN ([^\n]*)"\n( *)\^/, (_m, q: string, sp: string) => `"${q}"\n${sp.slice(shift)}^`);
}

/** Nodes and relationships in the records; relationships whose end nodes were not returned get them
 *  fetched (read-only, by element id) so the graph never has dangling edges. */
async function graphOf(
  records: NeoRecord[],
  opts: ConsoleOptions,
): Promise<{ data: GraphData; byElementId: [string, string][] }> {
  const acc = { nodes: new Map<string, Node>(), rels: new Map<string, Relationship>() };
  for (const r of records) collectGraph(r.keys.map((k) => r.get(k)), acc);
  const missing = new Set<string>();
  for (const r of acc.rels.values()) {
    if (!acc.nodes.has(r.startNodeElementId)) missing.add(r.startNodeElementId);
    if (!acc.nodes.has(r.endNodeElementId)) missing.add(r.endNodeElementId);
  }
  if (missing.size > 0 && missing.size <= 2000) {
    const s = opts.driver.session({ database: opts.database, defaultAccessMode: neo4j.session.READ });
    try {
      const found = await s.executeRead(
        async (tx) =>
          (await tx.run('MATCH (n) WHERE elementId(n) IN $ids RETURN n', { ids: [...missing] })).records,
        { timeout: opts.timeoutMs },
      );
      for (const f of found) {
        const n = f.get('n') as Node;
        acc.nodes.set(n.elementId, n);
      }
    } finally {
      await s.close();
    }
  }
  const byElementId: [string, string][] = [...acc.nodes.values()].map((n) => [n.elementId, nodeKey(n)]);
  const ids = new Map(byElementId);
  const nodes = [...acc.nodes.values()].map((n) => nodeToGraph(n));
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edges = [...acc.rels.values()]
    .map((r) => relToGraph(r, ids))
    .filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  return { data: { nodes, edges }, byElementId };
}
