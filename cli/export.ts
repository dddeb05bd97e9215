// Export the graph as JSON (nodes + edges with all properties) or GraphML (opens in Gephi and Cytoscape desktop).
import type { Driver } from 'neo4j-driver';
import { toJson } from '../web/server/serialize.ts';

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
  const drop = new Set(['minhash', 'shingles']);
  const clean = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(toJson(p, { maxString: Infinity }) as Record<string, unknown>).filter(([k]) => !drop.has(k)));
  return {
    nodes: nodes.records.map((r) => ({ id: r.get('id'), labels: r.get('labels'), properties: clean(r.get('props')) })),
    edges: edges.records.map((r) => ({ id: r.get('id'), type: r.get('type'), source: r.get('source'), target: r.get('target'), properties: clean(r.get('props')) })),
  };
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** GraphML with typed keys; list properties are written as JSON text since GraphML has no list type. */
export function toGraphML(g: ExportGraph): string {
  const keyTypes = (items: { properties: Record<string, unknown> }[]) => {
    const types = new Map<string, string>();
    for (const it of items)
      for (const [k, v] of Object.entries(it.properties)) {
        const t = typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : typeof v === 'boolean' ? 'boolean' : 'string';
        const prev = types.get(k);
        types.set(k, prev && prev !== t ? (prev === 'long' && t === 'double' ? 'double' : 'string') : t);
      }
    return types;
  };
  const nodeKeys = keyTypes(g.nodes);
  nodeKeys.set('labels', 'string');
  const edgeKeys = keyTypes(g.edges);
  edgeKeys.set('type', 'string');
  const value = (v: unknown) => xml(typeof v === 'string' ? v : JSON.stringify(v));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [k, t] of nodeKeys) out.push(`  <key id="n_${xml(k)}" for="node" attr.name="${xml(k)}" attr.type="${t}"/>`);
  for (const [k, t] of edgeKeys) out.push(`  <key id="e_${xml(k)}" for="edge" attr.name="${xml(k)}" attr.type="${t}"/>`);
  out.push('  <graph id="atlas" edgedefault="directed">');
  for (const n of g.nodes) {
    out.push(`    <node id="${xml(n.id)}">`);
    out.push(`      <data key="n_labels">${xml(n.labels.join(':'))}</data>`);
    for (const [k, v] of Object.entries(n.properties)) if (v !== null && v !== undefined) out.push(`      <data key="n_${xml(k)}">${value(v)}</data>`);
    out.push('    </node>');
  }
  g.edges.forEach((e, i) => {
    out.push(`    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}">`);
    out.push(`      <data key="e_type">${xml(e.type)}</data>`);
    for (const [k, v] of Object.entries(e.properties)) if (v !== null && v !== undefined) out.push(`      <data key="e_${xml(k)}">${value(v)}</data>`);
    out.push('    </edge>');
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
