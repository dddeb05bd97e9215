// Where writes go, and the two helpers every write step shares: one managed write transaction (retried by the
// driver on transient errors such as deadlocks, routed to the leader in a cluster) and fixed-size row chunks.
import neo4j, { type Driver, type ManagedTransaction, type Record as NeoRecord } from 'neo4j-driver';

// Lookups by key in the write path carry `USING INDEX SEEK`: planned while the index statistics still
// describe a fresh or just-reset database, Neo4j chose for `UNWIND $ids AS id MATCH (:Entity {id: id})` a
// scan of the whole index per row (PROFILE: 8.6 M db hits for 2,000 ids, 2 s, where a seek takes 4,000 hits).

export interface WriteTarget {
  driver: Driver;
  database?: string;
}

/**
 * Rows per UNWIND. Measured on the seeds and the 600-document bench sample: 1,000 → 20,000 rows per query
 * cut write time until about 10,000, flat beyond; one query per chunk keeps transaction state bounded.
 */
export const ROWS_PER_QUERY = 10_000;

export async function inWrite<T>(t: WriteTarget, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  const session = t.driver.session({ database: t.database });
  try {
    return await session.executeWrite(work);
  } finally {
    await session.close();
  }
}

/** Rows of one query in its own transaction (READ unless told otherwise; retried on transient errors). */
export async function read(t: WriteTarget, cypher: string, params: Record<string, unknown> = {}, mode: 'READ' | 'WRITE' = 'READ'): Promise<NeoRecord[]> {
  const t0 = performance.now();
  const records = (await t.driver.executeQuery(cypher, params, { database: t.database, routing: mode })).records;
  profiled(t0, records.length, cypher);
  return records;
}

/**
 * A read whose rows are mapped as they stream in (fetched a batch at a time), so a large answer's records and
 * raw values are never all in memory at once. Retried as one read transaction; each attempt starts afresh.
 */
export async function readEach<T>(t: WriteTarget, cypher: string, params: Record<string, unknown>, map: (r: NeoRecord) => T): Promise<T[]> {
  const t0 = performance.now();
  const session = t.driver.session({ database: t.database, defaultAccessMode: neo4j.session.READ });
  try {
    const out = await session.executeRead(async (tx) => {
      const rows: T[] = [];
      for await (const r of tx.run(cypher, params)) rows.push(map(r));
      return rows;
    });
    profiled(t0, out.length, cypher);
    return out;
  } finally {
    await session.close();
  }
}

/** ATLAS_PROFILE=1: the time of each write-path query on stderr, to size batches and find the one to PROFILE. */
export function profiled(t0: number, rows: number, cypher: string): void {
  if (process.env.ATLAS_PROFILE) console.error(`${(performance.now() - t0).toFixed(0)} ms ${rows} rows ${cypher.slice(0, 90).replace(/\s+/g, ' ')}`);
}

export function* chunks<T>(xs: T[], n: number = ROWS_PER_QUERY): Generator<T[]> {
  for (let i = 0; i < xs.length; i += n) yield xs.slice(i, i + n);
}
