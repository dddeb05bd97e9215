// Highlighting a path: its nodes and edges stand out, everything else fades.
import type { Core } from 'cytoscape';

export function highlightPath(cy: Core, nodeIds: string[], edgeIds: string[]): void {
  cy.batch(() => {
    cy.elements().removeClass('on-path').addClass('faded');
    const path = [...nodeIds, ...edgeIds].reduce((acc, id) => acc.union(cy.getElementById(id)), cy.collection());
    path.removeClass('faded').addClass('on-path');
  });
}

export function clearHighlight(cy: Core): void {
  cy.elements().removeClass('faded on-path');
}

export function hasHighlight(cy: Core): boolean {
  return cy.$('.on-path').nonempty();
}
