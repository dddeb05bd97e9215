// The box a node takes with its label at the largest size the label is ever drawn: labels grow in model
// units as the user zooms out (style.ts), so ground reserved at that size stays free at every zoom. The
// label is wrapped the way Cytoscape wraps it (words added while the line fits `text-max-width`), with the
// text measure passed in, so this file is pure and unit-tested; ground.ts measures with a canvas.
import type { Footprint } from './placement.ts';

/** Cytoscape's `text-wrap: wrap`: whitespace-separated words, each line as long as fits, trailing space kept. */
export function wrapLabel(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (measure(line) <= maxWidth) {
      out.push(line);
      continue;
    }
    let sub = '';
    let prev = 0;
    for (const m of line.matchAll(/[\s\u200b]+|$/g)) {
      const word = line.substring(prev, m.index);
      prev = m.index + m[0].length;
      const test = sub.length === 0 ? word : sub + word + m[0];
      if (measure(test) <= maxWidth) sub += word + m[0];
      else {
        if (sub) out.push(sub);
        sub = word + m[0];
      }
      if (m[0] === '') break; // the end of the line
    }
    if (!/^[\s\u200b]+$/.test(sub)) out.push(sub);
  }
  return out;
}

export interface LabelStyle {
  /** Font size in model units. */
  font: number;
  /** `text-max-width` in model units. */
  maxWidth: number;
  /** `text-margin-y`: the gap between the shape and the label below it. */
  marginY: number;
  /** `text-outline-width`. */
  outline: number;
}

/**
 * A node's footprint around its position: its shape (width `size`, height `height`, plus `border` on each
 * side) and its label below, wrapped and measured, padded as Cytoscape pads label bounds (outline and its
 * 2-unit margin of error).
 */
export function nodeFootprint(
  o: { size: number; height?: number; border?: number; label: string },
  s: LabelStyle,
  measure: (s: string) => number,
): Footprint {
  const half = o.size / 2 + (o.border ?? 0);
  const halfH = (o.height ?? o.size) / 2 + (o.border ?? 0);
  if (!o.label) return { left: -half, right: half, top: -halfH, bottom: halfH };
  const lines = wrapLabel(o.label, s.maxWidth, measure);
  const width = Math.max(0, ...lines.map((l) => Math.ceil(measure(l))));
  const pad = s.outline + 2;
  const shapeBottom = (o.height ?? o.size) / 2;
  return {
    left: Math.min(-half, -width / 2 - pad),
    right: Math.max(half, width / 2 + pad),
    top: -halfH,
    bottom: Math.max(halfH, shapeBottom + s.marginY + lines.length * s.font + pad),
  };
}
