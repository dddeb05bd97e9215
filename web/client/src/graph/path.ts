// Highlighting a path: its nodes and edges stand out, everything else fades.
import type { Core } from 'cytoscape';

export function highlightPath(cy: Core, nodeIds: string[], edgeIds: string[]): void {
  cy.batch(() => {
    cy.$('.on-path').removeClass('on-path');
    cy.elements().addClass('faded');
    const path = [...nodeIds, ...edgeIds].reduce((acc, id) => acc.union(cy.getElementById(id)), cy.collection());
    path.removeClass('faded').addClass('on-path');
  });
}

/** Only the highlighted elements: removeClass restyles every element it is given, class or not. */
export function clearHighlight(cy: Core): void {
  cy.$('.faded, .on-path').removeClass('faded on-path');
}

export function hasHighlight(cy: Core): boolean {
  return cy.$('.on-path').nonempty();
}
