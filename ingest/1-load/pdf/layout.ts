// PDF page geometry to lines in reading order. Pure: positioned text runs in, lines out.
// PDF has no notion of lines, columns or reading order, only glyph runs placed on the page (in any order the
// producer chose), so both are rebuilt from positions: runs on one baseline and close together form a line;
// a vertical gutter that no line crosses splits the page into columns, read left column first, band by band
// (a full-width title or figure caption between column blocks stays where it is).

/** One run of text as the PDF places it; `y` is the baseline in PDF units from the page bottom. */
export interface TextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size in PDF units (the run's vertical scale). */
  size: number;
}

export interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** Which column box the line was read in ('' = the whole page, 'L'/'R' and deeper for nested splits). */
  column: string;
}

/** Horizontal gap, in font sizes, above which two runs on one baseline belong to different lines (columns, table cells). */
const MAX_WORD_GAP = 1.5;
/** Gap, in font sizes, above which two runs are separated by a space. */
const SPACE_GAP = 0.12;

/**
 * Groups runs into lines: runs whose baselines lie within half a font size of a band's top run share a band
 * (so a superscript or a slightly shifted run stays on its line), and inside a band, runs left to right form
 * one line until a gap wider than a column gap.
 */
export function toLines(runs: TextRun[]): Line[] {
  const sorted = runs.filter((r) => r.size > 0 && r.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const bands: TextRun[][] = [];
  for (const r of sorted) {
    const band = bands[bands.length - 1];
    if (band && band[0].y - r.y <= 0.5 * Math.max(band[0].size, r.size)) band.push(r);
    else bands.push([r]);
  }
  const lines: Line[] = [];
  for (const band of bands) {
    let cur: Line | undefined;
    for (const r of band.sort((a, b) => a.x - b.x)) {
      const gap = cur ? r.x - cur.x1 : Infinity;
      if (!cur || gap > MAX_WORD_GAP * Math.max(cur.size, r.size) || gap < -0.5 * r.size) {
        cur = { text: r.str, x0: r.x, x1: r.x + r.width, y: r.y, size: r.size, column: '' };
        lines.push(cur);
        continue;
      }
      const space = gap > SPACE_GAP * r.size && !/\s$/.test(cur.text) && !/^\s/.test(r.str);
      cur.text += (space ? ' ' : '') + r.str;
      cur.x1 = Math.max(cur.x1, r.x + r.width);
      // the line's size and baseline are its body text's: a superscript or a small-caps run changes neither
      if (r.size > cur.size && r.str.trim().length > 2) [cur.size, cur.y] = [r.size, r.y];
    }
  }
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  return lines;
}

/** Lines in reading order: top to bottom, and within a band of column text, each column in turn. */
export function readingOrder(lines: Line[]): Line[] {
  return order(lines, '', 0);
}

const byPosition = (a: Line, b: Line) => b.y - a.y || a.x0 - b.x0;

function order(lines: Line[], column: string, depth: number): Line[] {
  const sorted = [...lines].sort(byPosition);
  for (const l of sorted) l.column = column;
  const g = depth < 3 ? gutter(sorted) : undefined;
  if (g === undefined) return sorted;
  const out: Line[] = [];
  let band: Line[] = [];
  let bandNo = 0;
  const flush = () => {
    if (band.length === 0) return;
    const id = `${column}${bandNo++}`;
    out.push(...order(band.filter((l) => l.x1 <= g), `${id}L`, depth + 1), ...order(band.filter((l) => l.x0 >= g), `${id}R`, depth + 1));
    band = [];
  };
  for (const l of sorted) {
    if (l.x0 < g && l.x1 > g) {
      flush();
      l.column = column;
      out.push(l);
    } else band.push(l);
  }
  flush();
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)];
};

/**
 * The x of a gutter between two columns, if the lines have one: a position in the middle 60 % of the text's
 * width with at least three lines wholly on each side, columns of text on both sides (not narrow table cells),
 * and fewer lines crossing it than beside it. The best splits the lines most evenly.
 */
export function gutter(lines: Line[]): number | undefined {
  if (lines.length < 6) return undefined;
  const minX = Math.min(...lines.map((l) => l.x0));
  const maxX = Math.max(...lines.map((l) => l.x1));
  const span = maxX - minX;
  if (span <= 0) return undefined;
  let best: { g: number; score: number; cross: number } | undefined;
  for (const l of lines) {
    const g = l.x0 - 0.01;
    if (g < minX + 0.2 * span || g > maxX - 0.2 * span) continue;
    const left: Line[] = [];
    const right: Line[] = [];
    let cross = 0;
    for (const m of lines) {
      if (m.x1 <= g) left.push(m);
      else if (m.x0 >= g) right.push(m);
      else cross++;
    }
    if (left.length < 3 || right.length < 3 || cross > left.length + right.length) continue;
    const wide = (side: Line[]) => median(side.map((m) => m.x1 - m.x0)) >= 0.3 * span;
    if (!wide(left) || !wide(right)) continue;
    const score = Math.min(left.length, right.length);
    if (!best || score > best.score || (score === best.score && cross < best.cross)) best = { g, score, cross };
  }
  if (!best) return undefined;
  // centre the cut in the white space, so a line that starts a little left of its column still falls right of it
  const g = best.g;
  const leftEdge = Math.max(...lines.filter((m) => m.x1 <= g).map((m) => m.x1));
  return (leftEdge + g) / 2;
}
