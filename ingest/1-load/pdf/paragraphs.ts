// Lines in reading order to paragraphs: a paragraph ends at a wider vertical gap, a change of font size, a
// short line that ends a sentence, or a bullet; it runs on across a column or page break when the sentence
// visibly goes on. Words hyphenated at a line end are joined again ("interpre-" + "tability"), except
// compounds the document itself writes with a hyphen elsewhere ("self-" + "attention").
import type { PassageKind } from '../../types.ts';
import type { Line } from './layout.ts';

export interface Paragraph {
  text: string;
  kind: PassageKind;
  /** 1-based page of the first line. */
  page: number;
  /** Where content from each later page begins inside `text` (a paragraph running across a page break). */
  pageBreaks: Array<{ page: number; at: number }>;
  size: number;
}

const BULLET = /^([-•·‣▪◦*]|\d{1,3}[.)]|\(?[a-z]\))\s/;
const ENDS_SENTENCE = /[.!?:;"”)\]]$/;
// the whole hyphenated word before the break: "state-of-the-" + "art" is checked as "state-of-the-art"
const HYPHENATED = /((?:[\p{L}\p{N}]+[-\u2010])*\p{L}+)[-\u2010]$/u;
const WORD = /[\p{L}\p{N}]+(?:[-\u2010][\p{L}\p{N}]+)*/gu;

/** Every word form the document uses, hyphenated compounds included, lower-cased: the evidence for de-hyphenation. */
export function vocabulary(lines: Line[]): Set<string> {
  const words = new Set<string>();
  for (const l of lines) for (const m of l.text.matchAll(WORD)) words.add(m[0].toLowerCase().replace(/\u2010/g, '-'));
  return words;
}

/** Joins two lines of one paragraph, undoing end-of-line hyphenation. */
export function joinLines(a: string, b: string, words: Set<string>): string {
  if (a.endsWith('\u00ad')) return a.slice(0, -1) + b; // a soft hyphen only ever marks a break
  if (/[—–/]$/.test(a)) return a + b; // a dash or a slash at a break joins without a space ("pp. 3–5", URLs)
  const h = HYPHENATED.exec(a);
  if (h) {
    const next = /^\p{Ll}[\p{L}\p{N}]*/u.exec(b)?.[0];
    // "GPT-" + "4o", "Llama-" + "3": a hyphen before a capital or a digit belongs to the name
    if (!next) return /^[\p{Lu}\p{N}]/u.test(b) ? a + b : `${a} ${b}`;
    const stem = h[1].toLowerCase().replace(/\u2010/g, '-');
    const tail = next.toLowerCase();
    const keep = words.has(`${stem}-${tail}`) && !words.has(`${stem.split('-').pop()}${tail}`);
    return keep ? a + b : a.slice(0, -1) + b;
  }
  return `${a} ${b}`;
}

/** The font size most of the text is set in (weighted by characters). */
export function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + l.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [s, w] of weight) if (w > bestWeight) [best, bestWeight] = [s, w];
  return best;
}

interface Placed extends Line {
  page: number;
}

/**
 * Paragraphs from the pages' lines (each page already in reading order). `words` is the document's
 * vocabulary, `body` its body font size.
 */
export function paragraphs(pages: Line[][], words: Set<string>, body: number): Paragraph[] {
  const out: Paragraph[] = [];
  const steps = pages.map(lineStep);
  const rights = pages.map(columnRights);
  let cur: Paragraph | undefined;
  let prev: Placed | undefined;
  pages.forEach((lines, p) => {
    for (const line of lines) {
      const l: Placed = { ...line, page: p + 1 };
      if (cur && prev && continues(prev, l, steps[p], rights[p])) {
        const joined = joinLines(cur.text, l.text, words); // always ends with the new line, unchanged
        if (l.page !== cur.page && !cur.pageBreaks.some((b) => b.page === l.page)) cur.pageBreaks.push({ page: l.page, at: joined.length - l.text.length });
        cur.text = joined;
      } else {
        if (cur) out.push(cur);
        cur = { text: l.text, kind: 'paragraph', page: l.page, pageBreaks: [], size: l.size };
      }
      prev = l;
    }
  });
  if (cur) out.push(cur);
  for (const para of out) {
    if (BULLET.test(para.text)) para.kind = 'list-item';
    else if (para.size >= body * 1.15 && para.text.length <= 200) para.kind = 'heading';
  }
  return out;
}

function continues(prev: Placed, l: Placed, step: number, rights: Map<string, number>): boolean {
  if (BULLET.test(l.text)) return false;
  if (Math.abs(l.size - prev.size) > 0.12 * Math.max(l.size, prev.size)) return false;
  const runsOn = !ENDS_SENTENCE.test(prev.text) && (/^\p{Ll}/u.test(l.text) || HYPHENATED.test(prev.text));
  // a new column or page: only a sentence that visibly goes on continues the paragraph
  if (l.page !== prev.page || l.column !== prev.column || l.y >= prev.y) return runsOn;
  const gap = prev.y - l.y;
  if (gap > 1.45 * step) return false;
  const short = prev.x1 < (rights.get(prev.column) ?? prev.x1) - 2 * prev.size;
  if (short && ENDS_SENTENCE.test(prev.text)) return false;
  return true;
}

/** The usual distance between consecutive lines of one column on a page (the median), or 1.2 × the font size. */
function lineStep(lines: Line[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    const d = a.y - b.y;
    if (a.column === b.column && d > 0 && Math.abs(a.size - b.size) < 0.5) gaps.push(d);
  }
  if (gaps.length === 0) return 1.2 * (lines[0]?.size ?? 10);
  gaps.sort((x, y) => x - y);
  return gaps[Math.floor(gaps.length / 2)];
}

/** The right edge of each column on a page: lines ending well before it are short lines. */
function columnRights(lines: Line[]): Map<string, number> {
  const rights = new Map<string, number>();
  for (const l of lines) rights.set(l.column, Math.max(rights.get(l.column) ?? 0, l.x1));
  return rights;
}
