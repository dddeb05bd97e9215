// Connect: a driver for a target, and the check that turns "not answering yet" into a wait.
import neo4j, { type Config, type Driver } from 'neo4j-driver';
import { sleep } from './paths.ts';

/** Where and as whom to connect. `database` undefined = the server's default database. */
export interface Neo4jTarget {
  uri: string;
  username: string;
  password: string;
  database?: string;
}

/**
 * One driver per process, shared, closed at the end. The driver does not take a database:
 * pass `{ database: target.database }` when opening sessions or in executeQuery's config.
 */
export function openDriver(target: Neo4jTarget, config: Config = {}): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
    userAgent: 'atlas',
    // Transient errors (deadlocks between concurrent ingests, a leader switch) are retried for 10 s, not the
    // driver's 30: a Neo4j that went away ends the command within seconds.
    maxTransactionRetryTime: 10_000,
    ...config,
  });
}

/** Retries until `deadline` while the server is not answering; an authentication failure ends it at once. */
export async function verifyConnectivity(target: Neo4jTarget, deadline: number, failure: (what: string) => Error): Promise<void> {
  const driver = openDriver(target);
  try {
    for (;;) {
      try {
        await driver.verifyConnectivity();
        return;
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('Neo.ClientError.Security') || Date.now() > deadline) {
          throw failure(`Neo4j at ${target.uri} refused the connection: ${(e as Error).message}`);
        }
        await sleep(250);
      }
    }
  } finally {
    await driver.close();
  }
}
