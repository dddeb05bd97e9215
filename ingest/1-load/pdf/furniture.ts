// Page furniture: running headers and footers and page numbers are layout, not text, and would otherwise
// land in the middle of sentences that run across pages. A line counts as furniture only at a page edge
// (among the first or last lines, near the top or bottom): a page number there, or a line that repeats at
// the edge of several pages (digits ignored, so "Page 3" and "Page 4" are the same running footer).
import type { Line } from './layout.ts';

export interface PageLines {
  height: number;
  lines: Line[];
}

/** How far from the top or bottom, as a share of the page height, a header or footer can sit. */
const EDGE_BAND = 0.15;
/** How many lines at each edge are candidates. */
const EDGE_LINES = 3;

const PAGE_NUMBER = /^(?:(?:page|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

export const isPageNumber = (text: string): boolean => PAGE_NUMBER.test(text.trim());

const furnitureKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

function edgeLines(page: PageLines): Line[] {
  const byY = [...page.lines].sort((a, b) => b.y - a.y);
  const top = byY.slice(0, EDGE_LINES).filter((l) => l.y >= page.height * (1 - EDGE_BAND));
  const bottom = byY.slice(-EDGE_LINES).filter((l) => l.y <= page.height * EDGE_BAND);
  return [...new Set([...top, ...bottom])];
}

/** The pages without their running headers, footers and page numbers. */
export function removeFurniture(pages: PageLines[]): PageLines[] {
  const edges = pages.map(edgeLines);
  const pagesWith = new Map<string, number>();
  for (const lines of edges) for (const key of new Set(lines.map((l) => furnitureKey(l.text)))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  const repeated = (l: Line) => (pagesWith.get(furnitureKey(l.text)) ?? 0) >= Math.max(2, Math.ceil(pages.length * 0.3));
  return pages.map((page, i) => {
    const drop = new Set(edges[i].filter((l) => isPageNumber(l.text) || repeated(l)));
    return { height: page.height, lines: page.lines.filter((l) => !drop.has(l)) };
  });
}
