// Filters (filtered elements stay in the graph, undrawn) — by type, relation, community and published date
// — and node sizing by mentions or degree.
import type { Core, NodeSingular } from 'cytoscape';
import type { GraphNode } from '../../../server/api-types.ts';
import type { SizeBy } from '../state.ts';
import { nodeHeight } from './elements.ts';

export interface Filters {
  types: ReadonlySet<string>;
  rels: ReadonlySet<string>;
  /** Communities whose members are hidden. */
  communities: ReadonlySet<string>;
  /** Nodes with no document in the timeline's brushed range (nodes not yet asked about stay shown). */
  outOfTime: ReadonlySet<string>;
}

export const NO_FILTERS: Filters = { types: new Set(), rels: new Set(), communities: new Set(), outOfTime: new Set() };

/** The community an Atlas node belongs to, if any (ingest/5-write/communities.ts). */
export function communityOf(n: GraphNode): string | null {
  const c = n.community ?? n.props?.['community'];
  return typeof c === 'string' && c ? c : null;
}

export function nodeFiltered(n: GraphNode, f: Filters): boolean {
  if (f.types.has(n.type) || f.outOfTime.has(n.id)) return true;
  const c = communityOf(n);
  return !!c && f.communities.has(c);
}

/** Only elements whose state changes are touched: Cytoscape's toggleClass(c, false) restyles an element
 *  that never had the class, and restyling a whole big view held the page for a fifth of a second. */
export function applyFilters(cy: Core, f: Filters): void {
  cy.batch(() => {
    cy.nodes().forEach((n: NodeSingular) => {
      const out = nodeFiltered(n.data('raw') as GraphNode, f);
      if (n.hasClass('filtered') !== out) n.toggleClass('filtered', out);
    });
    cy.edges().forEach((e) => {
      const out = f.rels.has(e.data('type'));
      if (e.hasClass('filtered') !== out) e.toggleClass('filtered', out);
    });
  });
}

/** Node diameter: logarithmic in the value, so a 500-mention entity is big but not a wall. */
export function nodeSize(value: number | undefined): number {
  return Math.round(Math.min(70, 22 + 8 * Math.log2(1 + Math.max(0, value ?? 0))));
}

export function sizeValue(raw: GraphNode, by: SizeBy, liveDegree?: number): number {
  return by === 'degree' ? (raw.degree ?? liveDegree ?? 0) : (raw.mentions ?? raw.degree ?? 0);
}

export function applySize(cy: Core, by: SizeBy): void {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const size = nodeSize(sizeValue(n.data('raw') as GraphNode, by, n.degree(false)));
      n.data({ size, height: nodeHeight(n.data('type') as string, size) });
    });
  });
}
