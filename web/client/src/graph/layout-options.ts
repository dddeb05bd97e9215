// The options of each layout, shared by the layout worker and the main-thread fallback, and the messages
// between them.
import type { LayoutName } from '../state.ts';

export interface LayoutRequest {
  seq: number;
  name: LayoutName;
  randomize: boolean;
  /** Node boxes with their labels, so the layout leaves room for the text. */
  nodes: { id: string; x: number; y: number; w: number; h: number; fixed: boolean }[];
  edges: [string, string][];
  /** Breadth-first roots (the selected nodes). */
  roots: string[];
}

export interface LayoutResult {
  seq: number;
  positions: Record<string, [number, number]>;
}

export function layoutOptions(req: LayoutRequest, fns: { degree(n: unknown): number; roots: unknown }): Record<string, unknown> {
  const common = { animate: false, fit: false, padding: 40 };
  if (req.name === 'concentric') {
    return { name: 'concentric', ...common, concentric: fns.degree, levelWidth: () => 2, minNodeSpacing: 30, avoidOverlap: true };
  }
  if (req.name === 'breadthfirst') {
    return { name: 'breadthfirst', ...common, roots: fns.roots, directed: false, spacingFactor: 1.1, avoidOverlap: true };
  }
  const fixed = req.nodes.filter((n) => n.fixed).map((n) => ({ nodeId: n.id, position: { x: n.x, y: n.y } }));
  const big = req.nodes.length > 800;
  return {
    name: 'fcose',
    ...common,
    // Big views get fcose's spectral step alone ('draft'), which needs random starting positions (without
    // them fcose throws): refining 2,000 nodes from where they stand at 'default' quality takes minutes on
    // two cores, so a re-run of a big view lays it out afresh.
    quality: big ? 'draft' : 'default',
    randomize: req.randomize || big,
    nodeDimensionsIncludeLabels: false, // the boxes sent already include the labels
    nodeRepulsion: () => 7500,
    idealEdgeLength: () => 85,
    edgeElasticity: () => 0.45,
    nodeSeparation: 70,
    gravity: 0.4,
    gravityRange: 3.0,
    numIter: big ? 1200 : 2500,
    tile: true,
    tilingPaddingVertical: 30,
    tilingPaddingHorizontal: 30,
    fixedNodeConstraint: fixed.length ? fixed : undefined,
  };
}
