// The graph as sorted export lines, for "this graph equals that one" across runs, orders and databases.
import type { Driver } from 'neo4j-driver';
import { readGraph } from '../../../cli/export/read.ts';

/** The export as sorted lines, without what differs between runs by design (times). */
export async function snapshot(driver: Driver, database?: string): Promise<string[]> {
  const g = await readGraph(driver, database);
  const drop = new Set(['ingestedAt']);
  const props = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => !drop.has(k)).sort());
  return [
    ...g.nodes.map((n) => JSON.stringify({ id: n.id, labels: [...n.labels].sort(), p: props(n.properties) })),
    ...g.edges.map((e) => JSON.stringify({ t: e.type, s: e.source, d: e.target, p: props(e.properties) })),
  ].sort();
}

/** Lines only in `a` and only in `b`: an empty pair means the graphs are equal (and says what differs if not). */
export function diff(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const sa = new Set(a);
  const sb = new Set(b);
  return { onlyA: a.filter((x) => !sb.has(x)), onlyB: b.filter((x) => !sa.has(x)) };
}
