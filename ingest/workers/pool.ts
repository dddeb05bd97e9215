// Extraction on every core: a tinypool of worker threads running prepare() per document, sized to the
// machine. Results come back in input order whatever the number of workers, so output is deterministic.
// Each document has a time budget: a worker still busy when it runs out is terminated (the pool starts a
// fresh one) and only that document fails, with TIME_BUDGET.
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { IngestError } from '../errors.ts';
import type { Lexicon } from '../lexicon.ts';
import { prepare, type Prepared } from '../prepare.ts';
import type { Document } from '../types.ts';

export const DEFAULT_TIME_BUDGET_MS = 60_000;

export interface Preparer {
  /** One result per document, in order: its preparation, or the error that failed it. */
  prepareAll(docs: Document[]): Promise<Array<Prepared | IngestError>>;
  close(): Promise<void>;
}

/**
 * Worker count: ATLAS_WORKERS, else one per core. 0 = in this thread (no pool, no time budget).
 * Measured on 2 cores into a local Neo4j: on the 600-document bench sample this thread alone is faster
 * (8.5-9.0 s at 250 MB against 10.5-10.7 s at 420 MB with two workers: starting them costs seconds), but on
 * the whole corpus two workers win (132 s against 154 s, both 0.78 GB peak), and only the pool enforces the
 * per-document time budget, so the default stays one per core.
 */
export function workerCount(asked?: number): number {
  const env = process.env.ATLAS_WORKERS;
  if (asked !== undefined) return Math.max(0, asked);
  if (env !== undefined && env !== '' && Number.isInteger(Number(env))) return Math.max(0, Number(env));
  return Math.max(1, availableParallelism());
}

export function inThread(lexicon: Lexicon): Preparer {
  return {
    prepareAll: async (docs) => {
      const out: Array<Prepared | IngestError> = [];
      for (const doc of docs) {
        try {
          out.push(prepare(doc, lexicon));
        } catch (e) {
          out.push(new IngestError('PARSE_FAILED', doc.source, `extraction failed: ${(e as Error).message}`, { cause: e }));
        }
        // Between documents the event loop turns, so the previous batch's write goes on meanwhile.
        await new Promise((ok) => setImmediate(ok));
      }
      return out;
    },
    close: async () => {},
  };
}

export async function workerPool(o: { workers: number; timeBudgetMs?: number }): Promise<Preparer> {
  const budget = o.timeBudgetMs ?? (Number(process.env.ATLAS_TIME_BUDGET_MS) || DEFAULT_TIME_BUDGET_MS);
  const pool = new Tinypool({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: o.workers,
    maxThreads: o.workers,
    idleTimeout: 60_000,
  });
  // Load compromise and the lexicon in every worker before any budget starts counting.
  await Promise.all(Array.from({ length: o.workers }, () => pool.run(null)));
  const one = async (doc: Document): Promise<Prepared | IngestError> => {
    // The budget starts when the worker starts on the document (it says so on this channel), so a worker
    // that replaces a terminated one does not spend the next document's budget on loading its modules.
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => (timer = setTimeout(() => abort.abort(), budget)));
    try {
      const r = (await pool.run({ doc, started: port2 }, { signal: abort.signal, transferList: [port2] as never })) as Omit<Prepared, 'doc'>;
      return { doc, ...r };
    } catch (e) {
      if (abort.signal.aborted) {
        return new IngestError('TIME_BUDGET', doc.source, `extraction took longer than the ${budget / 1000} s budget per document (set ATLAS_TIME_BUDGET_MS to raise it)`);
      }
      return new IngestError('PARSE_FAILED', doc.source, `extraction failed: ${(e as Error).message}`, { cause: e });
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  };
  return {
    // As many tasks in flight as workers, so a document's budget counts its own extraction, not its wait.
    prepareAll: async (docs) => {
      const out: Array<Prepared | IngestError> = new Array(docs.length);
      let next = 0;
      const lane = async () => {
        while (next < docs.length) {
          const i = next++;
          out[i] = await one(docs[i]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(o.workers, docs.length) }, lane));
      return out;
    },
    close: () => pool.destroy(),
  };
}
