// The graph's stylesheet (colour and shape by type, size from data, selection, pins, path, filters) and
// level-of-detail labels: below a zoom level labels are not drawn at all (`min-zoomed-font-size`), which is
// what keeps big views cheap to pan (Cytoscape's performance guide: fewer labels, fewer text draws).
import type { Core, StylesheetJson } from 'cytoscape';

export const NODE_LABEL_MIN_PX = 8;
export const EDGE_LABEL_MIN_PX = 10;
export const FONT = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Model-space label sizes for a zoom level. With the minimum drawn sizes below, a label is either at least
 *  8 px (nodes) or 10 px (edges) on screen, or not drawn: never a smudge. */
export function labelSizes(zoom: number): { node: number; edge: number } {
  return {
    node: Math.min(24, Math.max(12, 11 / zoom)),
    edge: Math.min(22, Math.max(11, 10.5 / zoom)),
  };
}

export function graphStyle(opts: { large?: boolean; scene?: boolean } = {}): StylesheetJson {
  // Big views: no label transitions, straight haystack edges, labels only once they are readable.
  const large = !!opts.large;
  // Big views drawn by the scene layer (scene.ts): Cytoscape keeps every element interactive but draws
  // only what stands out (selected, pinned, on a path); the layer draws the rest, faded ones too.
  const scene = !!opts.scene;
  // Their labels too, and no label in Cytoscape's own hit tests and bounding boxes, which it recomputes
  // for every element on every pointer move.
  const drawn = scene
    ? [
        { selector: 'node, edge', style: { opacity: 0 } },
        { selector: 'node', style: { label: '' } },
        { selector: 'edge', style: { events: 'no' } },
        { selector: ':selected, node.pinned, .on-path', style: { opacity: 1 } },
        { selector: 'node:selected, node.pinned, node.on-path', style: { label: 'data(label)' } },
      ]
    : [];
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)' as never,
        width: 'data(size)',
        height: 'data(height)',
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 12,
        'font-weight': 500,
        color: '#1e293b',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-outline-color': '#ffffff',
        'text-outline-width': 2.5,
        'text-outline-opacity': 0.95,
        'text-max-width': '150px',
        'text-wrap': 'wrap',
        'min-zoomed-font-size': NODE_LABEL_MIN_PX,
        'border-width': 2,
        'border-color': '#ffffff',
        'border-opacity': 0.9,
        ...(large ? {} : { 'transition-property': 'opacity, border-width, border-color', 'transition-duration': 150 }),
      },
    },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': '#0f172a', 'border-opacity': 1, 'font-weight': 700, 'z-index': 10 },
    },
    { selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': 5, 'border-color': '#334155' } },
    { selector: 'node.expanded', style: { 'background-blacken': -0.05 } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': '#cbd5e1',
        'target-arrow-color': '#cbd5e1',
        'target-arrow-shape': large ? 'none' : 'triangle',
        'arrow-scale': 0.8,
        'curve-style': large ? 'haystack' : 'bezier',
        label: 'data(label)',
        'font-size': 11,
        color: '#475569',
        'font-family': FONT,
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': EDGE_LABEL_MIN_PX,
        // Big views: no relation labels (thousands of rotated texts per frame); a selected edge shows its own.
        ...(large ? { label: '' } : {}),
      },
    },
    // Co-occurrence is a weaker, symmetric link than a stated relation: light, dashed, no arrow and no label
    // (a "co occurs" on every other edge says nothing); its panel gives the shared passages.
    {
      selector: 'edge[type="CO_OCCURS"]',
      style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], 'line-color': '#d5dbe3', 'target-arrow-shape': 'none', label: '' },
    },
    {
      selector: 'edge:selected',
      style: { 'line-color': '#0f172a', 'target-arrow-color': '#0f172a', color: '#0f172a', width: 3, 'z-index': 10, label: 'data(label)' },
    },
    ...(scene ? [] : [{ selector: '.faded', style: { opacity: 0.18 } }]),
    { selector: 'node.on-path', style: { 'border-color': '#f59e0b', 'border-width': 5, 'border-opacity': 1 } },
    {
      selector: 'edge.on-path',
      style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 4, color: '#92400e', 'z-index': 9 },
    },
    { selector: '.filtered', style: { display: 'none' } },
    ...drawn,
  ] as StylesheetJson;
}

/** Keep labels a readable size on screen as the user zooms (at most once a frame, only on real change).
 *  Skipped for big views, where restyling every element per zoom step would cost more than it gives.
 *  Returns a function that sizes the labels for a zoom level now (a fit measures them at the zoom it
 *  goes to, so no label grows past the edge after it). */
export function scaleLabelsWithZoom(cy: Core, isLarge: () => boolean): (zoom: number) => void {
  let pending = 0;
  let applied = 1;
  const apply = (z: number) => {
    if (isLarge() || Math.abs(z - applied) < 0.03) return;
    applied = z;
    const s = labelSizes(z);
    cy.style()
      .selector('node')
      .style({ 'font-size': s.node, 'text-max-width': `${Math.round(s.node * 12.5)}px`, 'text-outline-width': s.node / 5 })
      .selector('edge')
      .style({ 'font-size': s.edge })
      .update();
  };
  cy.on('zoom', () => {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      apply(cy.zoom());
    });
  });
  return apply;
}
