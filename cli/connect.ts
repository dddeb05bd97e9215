// One place that turns configuration into a live driver: NEO4J_URI if set, else the local Neo4j
// (reused when already running, started for this command otherwise and stopped when it ends).
import type { Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../neo4j/connect.ts';

export interface Connection {
  driver: Driver;
  database?: string;
  uri: string;
  /** Where and as whom: for a second driver elsewhere (the API's console query worker). */
  target: Neo4jTarget;
  /** True when this process started the Neo4j it talks to. */
  ownsServer: boolean;
  close(): Promise<void>;
}

export async function connect(opts: { log?: (line: string) => void } = {}): Promise<Connection> {
  const { resolveTarget, openDriver } = await import('../neo4j/server.ts');
  if (!process.env.NEO4J_URI) opts.log?.('No NEO4J_URI set: using Atlas\'s own Neo4j (starting it if needed)…');
  const { target, local } = await resolveTarget();
  const driver = openDriver(target);
  await driver.verifyConnectivity({ database: target.database });
  opts.log?.(`Neo4j: ${target.uri}${local ? ` (started by this command; data in ${local.dataDir})` : ''}`);
  return {
    driver,
    database: target.database,
    uri: target.uri,
    target,
    ownsServer: Boolean(local),
    close: async () => {
      await driver.close();
      if (local) await local.stop();
    },
  };
}
