// Small session helpers for the derived-data steps (co-occurrence, communities): numbers read back, and rows
// written in chunks of one transaction each, so a large rebuild never holds one huge transaction.
import neo4j from 'neo4j-driver';
import type { ManagedTransaction } from 'neo4j-driver';
import type { WriteTarget } from './index.ts';
import { profiled } from './target.ts';

export const toNum = (v: unknown): number => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : typeof v === 'number' ? v : Number(v ?? 0));

/** `write` called with consecutive chunks of `rows`, each chunk one retried write transaction. */
export async function writeChunks<T>(t: WriteTarget, rows: T[], size: number, write: (tx: ManagedTransaction, chunk: T[]) => Promise<unknown>): Promise<void> {
  if (rows.length === 0) return;
  const session = t.driver.session({ database: t.database });
  try {
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      const t0 = performance.now();
      await session.executeWrite((tx) => write(tx, chunk));
      profiled(t0, chunk.length, 'one chunk of a derived-data write');
    }
  } finally {
    await session.close();
  }
}
