// Inside the console's query worker (query-worker.ts starts it): its own driver on the same Neo4j, and each
// posted query run by runConsoleQuery as in the main thread. The worker's heap is capped, so a row too big
// to decode kills only this thread, never the API process.
import { parentPort, workerData } from 'node:worker_threads';
import type { Neo4jTarget } from '../../neo4j/connect.ts';
import { openDriver } from '../../neo4j/connect.ts';
import { runConsoleQuery } from './console.ts';
import { warmCypherParser } from './cypher-parser.ts';
import { presentError } from './error-response.ts';
import type { QueryRequest, QueryReply } from './query-worker.ts';

const { target } = workerData as { target: Neo4jTarget };
const driver = openDriver(target);
const port = parentPort!;
const running = new Map<number, AbortController>();
warmCypherParser();

port.on('message', (m: QueryRequest | { cancel: number }) => {
  if ('cancel' in m) return void running.get(m.cancel)?.abort();
  const ac = new AbortController();
  running.set(m.id, ac);
  runConsoleQuery(m.cypher, m.params, { driver, database: target.database, timeoutMs: m.timeoutMs, rowCap: m.rowCap, byteBudget: m.byteBudget, signal: ac.signal })
    .then(
      (ok): QueryReply => ({ id: m.id, ok }),
      (err: unknown): QueryReply => {
        const e = presentError(err);
        if (e.code === 'INTERNAL') console.error('[atlas serve] console query:', err);
        return { id: m.id, error: { code: e.code, message: e.message, retriable: e.retriable } };
      },
    )
    .then((reply) => port.postMessage(reply))
    .finally(() => running.delete(m.id));
});
