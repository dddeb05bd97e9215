// Reads the graph for export: nodes and edges with all their properties, in a stable order. The formats
// (graphml.ts, cyjs.ts, csv.ts) are pure functions of what this returns.
import type { Driver } from 'neo4j-driver';
import { toJson } from '../../web/server/serialize.ts';

export interface ExportNode {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}
export interface ExportEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}
export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
}

/**
 * Reads the knowledge graph: entities, documents and works, and every relation between them with its
 * evidence. Passages and per-occurrence mentions are included only on request (they dominate the size).
 */
export async function readGraph(driver: Driver, database?: string, opts: { passages?: boolean } = {}): Promise<ExportGraph> {
  const labels = opts.passages ? ['Entity', 'Document', 'Work', 'Passage'] : ['Entity', 'Document', 'Work'];
  const nodes = await driver.executeQuery(
    `MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id`,
    { labels },
    { database, routing: 'READ' },
  );
  const edges = await driver.executeQuery(
    `MATCH (a)-[r]->(b)
     WHERE any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels)
     RETURN elementId(r) AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props ORDER BY source, type, target`,
    { labels },
    { database, routing: 'READ' },
  );
  // Bookkeeping, not facts: the near-duplicate signature and the co-occurrence evidence hash (a cache that a
  // removal drops and the next recount sets again).
  const drop = new Set(['minhash', 'shingles', 'evidenceHash']);
  const clean = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(toJson(p, { maxString: Infinity }) as Record<string, unknown>).filter(([k]) => !drop.has(k)));
  return {
    nodes: nodes.records.map((r) => ({ id: r.get('id'), labels: r.get('labels'), properties: clean(r.get('props')) })),
    edges: edges.records.map((r) => ({ id: r.get('id'), type: r.get('type'), source: r.get('source'), target: r.get('target'), properties: clean(r.get('props')) })),
  };
}

/** A node's display label: its name, else its title, else its id. */
export const nodeLabel = (n: ExportNode): string => String(n.properties.name ?? n.properties.title ?? n.id);

/**
 * The evidence of an edge, flattened for tools that show one value per cell: the supporting sentences
 * joined, and the documents they come from (passage ids start with their document's id).
 */
export function evidenceColumns(e: ExportEdge): { evidenceText: string; evidenceDocuments: string[] } {
  const sentences = (e.properties.evidenceSentences as string[] | undefined) ?? [];
  const passages = (e.properties.evidencePassages as string[] | undefined) ?? [];
  const docs = [...new Set(passages.map((p) => p.slice(0, p.lastIndexOf(':p'))))];
  return { evidenceText: sentences.join(' | '), evidenceDocuments: docs };
}
