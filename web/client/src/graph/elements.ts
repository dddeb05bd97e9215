// Atlas nodes and edges as Cytoscape element definitions: display label, colour and shape by type, size.
import type { ElementDefinition, Position } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../../../server/api-types.ts';
import { documentTitle } from '../detail-props.ts';
import { typeStyle } from '../theme.ts';

/** Longest label drawn; longer names are cut at a word boundary. Long enough that titles sharing a long
 *  opening ("Introducing Alignment Research …") still read apart; the label wraps onto several lines. */
export const LABEL_MAX = 64;

export function shortLabel(s: string, max = LABEL_MAX): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '') + '…';
}

export function edgeLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

/** The label drawn under a node: its name (a document's title, else its file name), cut at LABEL_MAX. */
export function nodeLabel(n: GraphNode): string {
  const p = n.props ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const name = n.type === 'Document' ? documentTitle({ id: n.id, title: n.name, name: str(p['name']), source: str(p['source']) }) : n.name;
  return shortLabel(name);
}

/** A node's drawn height: documents are upright rectangles. Kept in the data (not a style function), so
 *  Cytoscape can share computed styles between nodes: a function in the stylesheet runs per element. */
export function nodeHeight(type: string, size: number): number {
  return type === 'Document' ? Math.round(size * 1.25) : size;
}

/** An edge's drawn width, from its support (as data, like nodeHeight). */
export function edgeWidth(support: number | undefined): number {
  return Math.round((1.2 + Math.min(3, Math.log2(1 + (support ?? 1)))) * 10) / 10;
}

export function nodeDef(n: GraphNode, o: { size: number; position?: Position; hidden: boolean; extra?: Record<string, unknown> }): ElementDefinition {
  const st = typeStyle(n.type);
  const data = { id: n.id, label: nodeLabel(n), name: n.name, type: n.type, color: st.color, shape: st.shape, size: o.size, height: nodeHeight(n.type, o.size) };
  return {
    group: 'nodes',
    data: { ...data, raw: n, ...(o.extra ?? {}) },
    // Only x and y: a pinned node's saved position also carries its id, which Cytoscape would keep.
    position: o.position ? { x: o.position.x, y: o.position.y } : undefined,
    classes: o.hidden ? 'filtered' : '',
  };
}

export function edgeDef(e: GraphEdge, hidden: boolean): ElementDefinition {
  return {
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, type: e.type, label: edgeLabel(e.type), support: e.support ?? 1, width: edgeWidth(e.support), raw: e },
    classes: hidden ? 'filtered' : '',
  };
}
