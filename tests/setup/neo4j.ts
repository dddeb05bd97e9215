// vitest globalSetup: one real Neo4j for the whole run. NEO4J_URI set -> that server (its data is the caller's
// responsibility); otherwise our own instance on a free port with a throwaway data dir, stopped and deleted at
// the end. Test files get the target through inject('neo4j') (tests/helpers/db.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, type Neo4jTarget } from '../../neo4j/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTarget;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const env = process.env;
  if (env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: env.NEO4J_URI,
      username: env.NEO4J_USERNAME || 'neo4j',
      password: env.NEO4J_PASSWORD ?? '',
      database: env.NEO4J_DATABASE || undefined,
    });
    return undefined;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-test-neo4j-'));
  const local = await startLocalNeo4j({ dataDir, port: await freePort() });
  project.provide('neo4j', local.target);
  // Workers inherit the environment too: code under test that calls resolveTarget() then also lands on this
  // throwaway instance instead of starting (or writing into) the developer's .atlas/neo4j.
  Object.assign(env, { NEO4J_URI: local.target.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: local.target.password });
  return async () => {
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Not 7687: a test run must not take the port `npm run db:start` prefers. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
