// Target: which Neo4j a command talks to — NEO4J_URI if set, else the running local instance, else a new one.
import fs from 'node:fs/promises';
import { verifyConnectivity, type Neo4jTarget } from './connect.ts';
import { DbUnavailable } from './errors.ts';
import { startLocalNeo4j, type LocalNeo4j } from './launch.ts';
import { DEFAULT_DATA_DIR, files } from './paths.ts';
import { localStatus } from './server-info.ts';

/**
 * NEO4J_URI set: that server, as configured (any scheme the driver takes: bolt://, neo4j://, neo4j+s://).
 * Else the local instance already running on DEFAULT_DATA_DIR (not ours to stop), else a new one in `local`,
 * which the caller stops when done.
 */
export async function resolveTarget(): Promise<{ target: Neo4jTarget; local?: LocalNeo4j }> {
  const env = process.env;
  if (env.NEO4J_URI) {
    return {
      target: {
        uri: env.NEO4J_URI,
        username: env.NEO4J_USERNAME || 'neo4j',
        password: env.NEO4J_PASSWORD ?? '',
        database: env.NEO4J_DATABASE || undefined,
      },
    };
  }
  const status = await localStatus(DEFAULT_DATA_DIR);
  if (status.running && status.uri) {
    const f = files(DEFAULT_DATA_DIR);
    const target: Neo4jTarget = { uri: status.uri, username: 'neo4j', password: (await fs.readFile(f.password, 'utf8')).trim() };
    await verifyConnectivity(target, Date.now() + 10_000, (what) => new DbUnavailable(`${what}; see ${f.log}`));
    return { target };
  }
  const local = await startLocalNeo4j();
  return { target: local.target, local };
}
