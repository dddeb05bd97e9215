// Cytoscape desktop's `.cyjs` (File → Import → Network from File): Cytoscape.js JSON with `name` on nodes
// and `interaction` on edges, the columns Cytoscape shows by default; evidence lists stay lists.
import { evidenceColumns, nodeLabel, type ExportGraph } from './read.ts';

export interface CyjsDocument {
  format_version: string;
  generated_by: string;
  target_cytoscapejs_version: string;
  data: { name: string; shared_name: string };
  elements: {
    nodes: { data: Record<string, unknown> & { id: string; name: string } }[];
    edges: { data: Record<string, unknown> & { id: string; source: string; target: string; interaction: string } }[];
  };
}

/** Cytoscape's table has no null: absent values are left out. */
const defined = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));

export function toCyjs(g: ExportGraph): CyjsDocument {
  return {
    format_version: '1.0',
    generated_by: 'atlas',
    target_cytoscapejs_version: '~2.1',
    data: { name: 'Atlas', shared_name: 'Atlas' },
    elements: {
      nodes: g.nodes.map((n) => ({ data: { ...defined(n.properties), id: n.id, name: nodeLabel(n), shared_name: nodeLabel(n), labels: n.labels } })),
      edges: g.edges.map((e, i) => ({
        data: {
          ...defined(e.properties),
          ...(e.properties.evidenceKeys ? evidenceColumns(e) : {}),
          id: `e${i}`,
          source: e.source,
          target: e.target,
          interaction: e.type,
          shared_interaction: e.type,
          name: `${e.source} (${e.type}) ${e.target}`,
        },
      })),
    },
  };
}
