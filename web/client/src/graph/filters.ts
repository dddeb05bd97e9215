// Type and relation filters (filtered elements stay in the graph, undrawn) and node sizing by mentions or
// degree.
import type { Core } from 'cytoscape';
import type { GraphNode } from '../../../server/api-types.ts';
import type { SizeBy } from '../state.ts';

export interface Filters {
  types: ReadonlySet<string>;
  rels: ReadonlySet<string>;
}

export function applyFilters(cy: Core, f: Filters): void {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      n.toggleClass('filtered', f.types.has(n.data('type')));
    });
    cy.edges().forEach((e) => {
      e.toggleClass('filtered', f.rels.has(e.data('type')));
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
      n.data('size', nodeSize(sizeValue(n.data('raw') as GraphNode, by, n.degree(false))));
    });
  });
}
