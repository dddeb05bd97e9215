import neo4j, { type Config, type Driver } from 'neo4j-driver';

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
    ...config,
  });
}
