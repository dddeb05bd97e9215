// Console queries off the API's own heap. The driver decodes a whole record before Atlas can cut it, so one
// row holding a huge list or string (`RETURN [x IN range(1, 50000000) | x]`) could take all the memory of the
// process that reads it. The API therefore runs user queries in one worker thread with its own driver and a
// capped heap: if a row does not fit, V8 stops that thread (ERR_WORKER_OUT_OF_MEMORY), the queries it was
// running answer QUERY_TOO_LARGE, a fresh worker starts, and the API goes on serving.
import { Worker } from 'node:worker_threads';
import { AtlasError, type ErrorCode } from '../../errors/index.ts';
import type { Neo4jTarget } from '../../neo4j/connect.ts';
import type { QueryResponse } from './api-types.ts';

/** Old-generation heap of the query worker: about 30× the largest answer the budgets let through. */
export const DEFAULT_QUERY_HEAP_MB = 256;

export interface QueryRequest {
  id: number;
  cypher: unknown;
  params: unknown;
  timeoutMs: number;
  rowCap: number;
  byteBudget?: number;
}

export type QueryReply = { id: number; ok: QueryResponse } | { id: number; error: { code: ErrorCode; message: string; retriable: boolean } };

export interface RunOptions {
  timeoutMs: number;
  rowCap: number;
  byteBudget?: number;
  signal?: AbortSignal;
}

interface Pending {
  worker: Worker;
  resolve(r: QueryResponse): void;
  reject(e: AtlasError): void;
}

export class QueryWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly target: Neo4jTarget,
    private readonly heapMb = DEFAULT_QUERY_HEAP_MB,
  ) {}

  /** Starts the worker now, so the first query does not wait for its modules to load. */
  warm(): void {
    this.current();
  }

  run(cypher: unknown, params: unknown, o: RunOptions): Promise<QueryResponse> {
    if (this.closed) return Promise.reject(new AtlasError('DB_UNAVAILABLE', 'The server is shutting down.'));
    const id = this.nextId++;
    const worker = this.current();
    return new Promise<QueryResponse>((resolve, reject) => {
      const onAbort = () => worker.postMessage({ cancel: id });
      o.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => o.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        worker,
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      const req: QueryRequest = { id, cypher, params, timeoutMs: o.timeoutMs, rowCap: o.rowCap, byteBudget: o.byteBudget };
      worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    if (w) this.failAll(w, new AtlasError('DB_UNAVAILABLE', 'The server is shutting down.'));
    await w?.terminate();
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./query-worker.mjs', import.meta.url), {
      workerData: { target: this.target },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 16 },
    });
    // The server's open socket keeps the process alive; an idle worker must not.
    w.unref();
    w.on('message', (m: QueryReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('ok' in m) p.resolve(m.ok);
      else p.reject(new AtlasError(m.error.code, m.error.message, { retriable: m.error.retriable }));
    });
    let failure: AtlasError | undefined;
    w.on('error', (err: Error & { code?: string }) => {
      failure =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AtlasError(
              'QUERY_TOO_LARGE',
              `The answer was too large to read: its values took more than the ${this.heapMb} MB of memory a console query may use, ` +
                'so it was stopped. Return smaller values: a slice of a long list (xs[..100]), its size (size(xs)), or a LIMIT.',
            )
          : new AtlasError('INTERNAL', 'The console query worker failed; the details are in the server log.', { cause: err });
      if (failure.code === 'INTERNAL') console.error('[atlas serve] console query worker:', err);
      // The next query goes to a fresh worker, not to this dying one.
      if (this.worker === w) this.worker = undefined;
    });
    w.on('exit', () => {
      if (this.worker === w) this.worker = undefined;
      this.failAll(w, failure ?? new AtlasError('INTERNAL', 'The console query worker stopped; try again.'));
      // Ready for the next query before it arrives.
      if (!this.closed && failure) this.warm();
    });
    this.worker = w;
    return w;
  }

  /** Every query the stopped worker `w` was running fails with `e`. */
  private failAll(w: Worker, e: AtlasError): void {
    for (const [id, p] of [...this.pending]) {
      if (p.worker !== w) continue;
      this.pending.delete(id);
      p.reject(e);
    }
  }
}
