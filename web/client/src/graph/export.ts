// Export the graph on screen: a PNG at twice the screen resolution, or JSON with every node's type, name,
// properties, position and pin, and every edge; plus the counts per type the legend shows.
import type { Core, Position } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../../../server/api-types.ts';
import { download } from '../dom.ts';

export type ExportedGraph = { nodes: (GraphNode & { position: Position; pinned: boolean })[]; edges: GraphEdge[] };

export function countBy(cy: Core, group: 'nodes' | 'edges'): Record<string, number> {
  const out: Record<string, number> = {};
  (group === 'nodes' ? cy.nodes() : cy.edges()).forEach((el) => {
    const t = el.data('type') as string;
    out[t] = (out[t] ?? 0) + 1;
  });
  return out;
}

export function graphJson(cy: Core): ExportedGraph {
  return {
    nodes: cy.nodes().map((n) => ({ ...(n.data('raw') as GraphNode), position: { ...n.position() }, pinned: n.locked() })),
    edges: cy.edges().map((e) => e.data('raw') as GraphEdge),
  };
}

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export async function exportPng(cy: Core): Promise<void> {
  const blob = await cy.png({ output: 'blob-promise', bg: '#ffffff', full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 });
  download(`atlas-graph-${stamp()}.png`, blob);
}

export function exportJson(cy: Core): void {
  const data = { exportedAt: new Date().toISOString(), source: location.href, ...graphJson(cy) };
  download(`atlas-graph-${stamp()}.json`, new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
}
