// One read per explorer query, in read access mode with a time limit: what every route gets. Each read is
// one auto-commit transaction, so a request costs one network round trip (RUN and PULL pipelined) instead of
// a managed transaction's two (BEGIN, RUN, PULL, then COMMIT); reads change nothing, so a transient failure
// (a leader switch, a connection dropped from the pool) is simply run again, as executeRead would.
import neo4j from 'neo4j-driver';
import type { Driver, Record as NeoRecord } from 'neo4j-driver';
import { isRetriable } from '../../errors/driver.ts';

export type Read = (cypher: string, params?: Record<string, unknown>) => Promise<NeoRecord[]>;

const ATTEMPTS = 3;

export function reader(driver: Driver, database: string | undefined, timeoutMs: number): Read {
  return async (cypher, params = {}) => {
    for (let attempt = 1; ; attempt++) {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
      try {
        return (await session.run(cypher, params, { timeout: timeoutMs })).records;
      } catch (err) {
        if (attempt >= ATTEMPTS || !isRetriable(err)) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      } finally {
        await session.close();
      }
    }
  };
}
