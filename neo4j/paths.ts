// Where the local Neo4j keeps its files: the Maven build, and per data dir its home, password, server record, log.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NEO4J_DIR = path.dirname(fileURLToPath(import.meta.url));
export const BUILD_DIR = path.join(NEO4J_DIR, 'target');
export const DEFAULT_DATA_DIR = path.join(path.dirname(NEO4J_DIR), '.atlas', 'neo4j');

export function files(dataDir: string) {
  return {
    home: path.join(dataDir, 'home'),
    password: path.join(dataDir, 'password'),
    serverJson: path.join(dataDir, 'server.json'),
    log: path.join(dataDir, 'neo4j.log'),
  };
}

/** Keeps the last `max` non-empty lines of a child's output, for error messages. */
export function pushTail(tail: string[], text: string, max = 30): void {
  for (const line of text.split('\n')) if (line.trim()) tail.push(line);
  tail.splice(0, Math.max(0, tail.length - max));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
