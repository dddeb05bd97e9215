// The Neo4j the global setup (tests/setup/neo4j.ts) provides: NEO4J_URI's server, or a throwaway local one.
import type { Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { openDriver, type Neo4jTarget } from '../../../neo4j/connect.ts';

export function testTarget(): Neo4jTarget {
  const target = inject('neo4j');
  if (!target) throw new Error('no test Neo4j: run through vitest, whose config lists tests/setup/neo4j.ts as globalSetup');
  return target;
}

/** A new driver on the test database; close it in afterAll. */
export function testDriver(): Driver {
  return openDriver(testTarget());
}
