// Runs a user's Cypher for the console and `atlas query`: refused unless the read-only guard passes it
// (query-guard.ts: parse tree and EXPLAIN plan), then run in read access mode with a time limit, streamed
// record by record and stopped at the row cap or the answer's byte budget, each value serialised with its
// lists and strings capped, so no single query can exhaust the server's memory. Results come back as rows
// for the table plus the nodes and relationships found in them for the graph.
import neo4j from 'neo4j-driver';
import type { Driver, Node, Relationship, Session } from 'neo4j-driver';
import { AtlasError } from '../../errors/index.ts';
import { fromDriverError } from '../../errors/driver.ts';
import type { GraphData, GraphEdge, GraphNode, QueryResponse } from './api-types.ts';
import { presentError } from './error-response.ts';
import { badRequest, jsonDepth } from './http.ts';
import { WRITE_REFUSED, assertReadOnlyQuery } from './query-guard.ts';
import { collectGraph, nodeKey, nodeToGraph, relToGraph, toJson, type Cuts } from './serialize.ts';

export { WRITE_REFUSED };

export interface ConsoleOptions {
  driver: Driver;
  database?: string;
  timeoutMs: number;
  rowCap: number;
  /** Most bytes of row JSON in one answer. Default 8 MB. */
  byteBudget?: number;
  /** Aborted when the HTTP client goes away: the transaction is rolled back. */
  signal?: AbortSignal;
}

/** The caps on one answer; `QueryResponse.limits` reports them. */
export const RESULT_LIMITS = {
  byteBudget: 8 * 1024 * 1024,
  /** List items and string characters read from Neo4j before the answer stops (about 8 MB on the wire). */
  readBudget: 1_000_000,
  maxList: 1000,
  maxString: 5000,
  maxDepth: 32,
  /** Nodes and relationships drawn from one answer. */
  maxGraph: 5000,
} as const;

/** Records per fetch from Neo4j: small, so a batch of huge rows never sits in memory at once. */
const FETCH_SIZE = 10;
const MAX_CYPHER = 20_000;

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

export async function runConsoleQuery(cypher: unknown, rawParams: unknown, opts: ConsoleOptions): Promise<QueryResponse> {
  if (typeof cypher !== 'string' || !cypher.trim()) throw badRequest('Write a Cypher query first.');
  if (cypher.length > MAX_CYPHER) throw badRequest(`The query is longer than ${MAX_CYPHER} characters.`);
  if (rawParams != null && (typeof rawParams !== 'object' || Array.isArray(rawParams))) {
    throw badRequest('Parameters must be a JSON object, e.g. {"name": "sparse autoencoder"}.');
  }
  if (jsonDepth(rawParams) > 32) throw badRequest('Parameters are nested deeper than 32 levels.');
  const params = (toCypherParams(rawParams ?? {}) as Record<string, unknown>) ?? {};
  const started = Date.now();
  const session: Session = opts.driver.session({ database: opts.database, defaultAccessMode: neo4j.session.READ, fetchSize: FETCH_SIZE });
  const onAbort = () => void session.close().catch(() => {});
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await assertReadOnlyQuery(cypher, { driver: opts.driver, database: opts.database, params, timeoutMs: opts.timeoutMs });
    const streamed = await stream(session, cypher, params, opts);
    const graph = await graphOf(streamed.graph, opts);
    remapRelEnds(streamed.rows, graph.ids);
    const res: QueryResponse = {
      columns: streamed.columns,
      rows: streamed.rows,
      graph: graph.data,
      truncated: streamed.stop !== null || streamed.cuts.lists + streamed.cuts.strings + streamed.cuts.depth > 0,
      rowCap: opts.rowCap,
      elapsedMs: Date.now() - started,
      limits: { byteBudget: opts.byteBudget ?? RESULT_LIMITS.byteBudget, maxList: RESULT_LIMITS.maxList, maxString: RESULT_LIMITS.maxString },
    };
    const notice = describeCuts(streamed.stop, streamed.rows.length, streamed.cuts, opts);
    if (notice) res.notice = notice;
    return res;
  } catch (err) {
    if (opts.signal?.aborted) throw new AtlasError('QUERY_CANCELLED', 'The query was cancelled.');
    throw consoleError(err, opts.timeoutMs);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await session.close().catch(() => {});
  }
}

type Stop = 'rows' | 'bytes' | 'read' | null;

/** What the graph view gets from the rows: nodes and relationships already in their small client form. */
interface GraphAcc {
  nodes: Map<string, GraphNode>;
  /** Relationships with their ends as element ids, mapped to node ids once every node is known. */
  rels: Map<string, { edge: GraphEdge; start: string; end: string }>;
}

/** Runs the query and turns each record into capped JSON as it arrives, keeping no record beyond its row. */
async function stream(session: Session, cypher: string, params: Record<string, unknown>, opts: ConsoleOptions) {
  const cuts: Cuts = { strings: 0, lists: 0, depth: 0, seen: 0 };
  const byteBudget = opts.byteBudget ?? RESULT_LIMITS.byteBudget;
  const graph: GraphAcc = { nodes: new Map(), rels: new Map() };
  const rows: unknown[][] = [];
  let columns: string[] = [];
  let bytes = 0;
  let stop: Stop = null;
  const tx = session.beginTransaction({ timeout: opts.timeoutMs });
  try {
    const result = tx.run(cypher, params);
    columns = [...(await result.keys())];
    for await (const rec of result) {
      if (rows.length >= opts.rowCap) {
        stop = 'rows';
        break;
      }
      const values = columns.map((c) => rec.get(c));
      addGraph(values, graph, cuts);
      const row = values.map((v) => toJson(v, { maxString: RESULT_LIMITS.maxString, maxList: RESULT_LIMITS.maxList, maxDepth: RESULT_LIMITS.maxDepth, cuts }));
      bytes += JSON.stringify(row).length;
      rows.push(row);
      if (bytes > byteBudget) stop = 'bytes';
      else if (cuts.seen > RESULT_LIMITS.readBudget) stop = 'read';
      if (stop || opts.signal?.aborted) break;
    }
  } finally {
    await tx.rollback().catch(() => {});
  }
  return { columns, rows, graph, cuts, stop };
}

/** The nodes and relationships of one record, converted at once (a Document node holds its whole text). */
function addGraph(values: unknown[], graph: GraphAcc, cuts: Cuts): void {
  if (graph.nodes.size + graph.rels.size >= RESULT_LIMITS.maxGraph) return;
  const raw = { nodes: new Map<string, Node>(), rels: new Map<string, Relationship>() };
  collectGraph(values, raw);
  for (const [id, n] of raw.nodes) {
    for (const p of Object.values(n.properties)) if (typeof p === 'string' || Array.isArray(p)) cuts.seen += p.length;
    if (!graph.nodes.has(id)) graph.nodes.set(id, nodeToGraph(n));
  }
  for (const [id, r] of raw.rels) {
    if (!graph.rels.has(id)) graph.rels.set(id, { edge: relToGraph(r), start: r.startNodeElementId, end: r.endNodeElementId });
  }
}

function describeCuts(stop: Stop, rows: number, cuts: Cuts, opts: ConsoleOptions): string | undefined {
  const parts: string[] = [];
  const budget = opts.byteBudget ?? RESULT_LIMITS.byteBudget;
  const mb = budget >= 1024 * 1024 ? `${(budget / 1024 / 1024).toFixed(0)} MB` : `${(budget / 1024).toFixed(0)} KB`;
  if (stop === 'rows') parts.push(`stopped at the ${opts.rowCap.toLocaleString('en')}-row cap`);
  if (stop === 'bytes') parts.push(`stopped after ${rows.toLocaleString('en')} rows at the ${mb} answer budget`);
  if (stop === 'read') parts.push(`stopped after ${rows.toLocaleString('en')} rows: the rows were too large to read further`);
  if (cuts.lists) parts.push(`${cuts.lists.toLocaleString('en')} lists cut to their first ${RESULT_LIMITS.maxList.toLocaleString('en')} items`);
  if (cuts.strings) parts.push(`${cuts.strings.toLocaleString('en')} strings cut to ${RESULT_LIMITS.maxString.toLocaleString('en')} characters`);
  if (cuts.depth) parts.push(`values nested deeper than ${RESULT_LIMITS.maxDepth} levels left out`);
  return parts.length ? parts.join('; ') : undefined;
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
    case 'QUERY_TOO_LARGE':
      return new AtlasError(
        'QUERY_TOO_LARGE',
        'The query needed more memory than Neo4j allows one transaction, so Neo4j stopped it. Aggregate less at once ' +
          '(collect fewer values, add a LIMIT before collect) or return counts instead of lists.',
        { ...keep, retriable: false },
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

/** Rows were serialised before every node was known: point their relationships' ends at node ids. */
function remapRelEnds(rows: unknown[][], ids: Map<string, string>): void {
  const stack: unknown[] = [rows];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    const rel = (v as { $rel?: { source: string; target: string } }).$rel;
    if (rel) {
      rel.source = ids.get(rel.source) ?? rel.source;
      rel.target = ids.get(rel.target) ?? rel.target;
    }
    stack.push(...(Array.isArray(v) ? v : Object.values(v)));
  }
}

/** The graph in the rows; relationships whose end nodes were not returned get them fetched (read-only, by
 *  element id) so the graph never has dangling edges. */
async function graphOf(graph: GraphAcc, opts: ConsoleOptions): Promise<{ data: GraphData; ids: Map<string, string> }> {
  const ids = new Map([...graph.nodes].map(([elementId, n]) => [elementId, n.id]));
  const missing = new Set<string>();
  for (const r of graph.rels.values()) for (const end of [r.start, r.end]) if (!ids.has(end)) missing.add(end);
  if (missing.size > 0 && missing.size <= 2000) {
    const s = opts.driver.session({ database: opts.database, defaultAccessMode: neo4j.session.READ });
    try {
      const found = await s.executeRead(async (tx) => (await tx.run('MATCH (n) WHERE elementId(n) IN $ids RETURN n', { ids: [...missing] })).records, {
        timeout: opts.timeoutMs,
      });
      for (const f of found) {
        const n = f.get('n') as Node;
        graph.nodes.set(n.elementId, nodeToGraph(n));
        ids.set(n.elementId, nodeKey(n));
      }
    } finally {
      await s.close();
    }
  }
  const edges: GraphEdge[] = [];
  for (const r of graph.rels.values()) {
    const source = ids.get(r.start);
    const target = ids.get(r.end);
    if (source && target) edges.push({ ...r.edge, source, target });
  }
  return { data: { nodes: [...graph.nodes.values()], edges }, ids };
}
