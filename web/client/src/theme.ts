// How each kind of node looks: one colour and one shape per type, used by the graph, the legend, the
// badges in the panels and the marks in the document viewer, so a type reads the same everywhere.
import { ENTITY_TYPES, SEMANTIC_RELATION_TYPES } from '../../../ingest/types.ts';

export interface TypeStyle {
  label: string;
  color: string;
  /** A lighter tint for backgrounds and marks. */
  tint: string;
  shape: string;
}

export const TYPE_STYLES: Record<string, TypeStyle> = {
  Person: { label: 'Person', color: '#2563eb', tint: '#dbeafe', shape: 'ellipse' },
  Organization: { label: 'Organization', color: '#d97706', tint: '#fef3c7', shape: 'round-rectangle' },
  Paper: { label: 'Paper', color: '#059669', tint: '#d1fae5', shape: 'round-tag' },
  Concept: { label: 'Concept', color: '#7c3aed', tint: '#ede9fe', shape: 'round-diamond' },
  Model: { label: 'AI model', color: '#dc2626', tint: '#fee2e2', shape: 'round-hexagon' },
  Dataset: { label: 'Dataset', color: '#0891b2', tint: '#cffafe', shape: 'round-rectangle' },
  Software: { label: 'Software', color: '#65a30d', tint: '#ecfccb', shape: 'round-tag' },
  Document: { label: 'Document', color: '#475569', tint: '#e2e8f0', shape: 'rectangle' },
  Passage: { label: 'Passage', color: '#94a3b8', tint: '#f1f5f9', shape: 'ellipse' },
  Work: { label: 'Work', color: '#78716c', tint: '#f5f5f4', shape: 'barrel' },
};

const FALLBACK: TypeStyle = { label: 'Other', color: '#64748b', tint: '#f1f5f9', shape: 'ellipse' };

export function typeStyle(type: string): TypeStyle {
  return TYPE_STYLES[type] ?? FALLBACK;
}

export const LEGEND_TYPES = [...ENTITY_TYPES, 'Document', 'Passage'];

/** The relation filters: the semantic relations, CO_OCCURS (entities sharing passages, the start view's
 *  links) and MENTIONS (passage → entity) that query results show. */
export const RELATION_TYPES: readonly string[] = [...SEMANTIC_RELATION_TYPES, 'CO_OCCURS', 'MENTIONS'];

/** A small SVG of a node shape, for the legend and badges. */
export function shapeIcon(type: string, size = 14): SVGSVGElement {
  const s = typeStyle(type);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  let el: SVGElement;
  switch (s.shape) {
    case 'ellipse':
      el = document.createElementNS(ns, 'circle');
      el.setAttribute('cx', '8');
      el.setAttribute('cy', '8');
      el.setAttribute('r', '7');
      break;
    case 'round-diamond':
      el = document.createElementNS(ns, 'polygon');
      el.setAttribute('points', '8,1 15,8 8,15 1,8');
      el.setAttribute('stroke-linejoin', 'round');
      break;
    case 'round-hexagon':
      el = document.createElementNS(ns, 'polygon');
      el.setAttribute('points', '4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8');
      break;
    case 'round-tag':
      el = document.createElementNS(ns, 'polygon');
      el.setAttribute('points', '1,2 11,2 15,8 11,14 1,14');
      break;
    default: {
      el = document.createElementNS(ns, 'rect');
      el.setAttribute('x', '1.5');
      el.setAttribute('y', '2.5');
      el.setAttribute('width', '13');
      el.setAttribute('height', '11');
      el.setAttribute('rx', s.shape === 'rectangle' ? '1' : '3');
    }
  }
  el.setAttribute('fill', s.color);
  el.setAttribute('stroke', s.color);
  el.setAttribute('stroke-width', '1.5');
  svg.append(el);
  return svg;
}
