// One read transaction per explorer query, in read access mode with a time limit: what every route gets.
import neo4j from 'neo4j-driver';
import type { Driver, Record as NeoRecord } from 'neo4j-driver';

export type Read = (cypher: string, params?: Record<string, unknown>) => Promise<NeoRecord[]>;

export function reader(driver: Driver, database: string | undefined, timeoutMs: number): Read {
  return async (cypher, params = {}) => {
    const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(async (tx) => (await tx.run(cypher, params)).records, { timeout: timeoutMs });
    } finally {
      await session.close();
    }
  };
}
