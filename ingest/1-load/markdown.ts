import type { Block, Link } from '../types.ts';

export interface PlainText {
  text: string;
  links: Link[];
  blocks: Block[];
}

// Inline markdown that changes how text reads but not what it says: links, images, emphasis, code.
// Order matters: images before links, strong before em.
const INLINE = /!\[([^\]\n]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|\[([^\]\n]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<(https?:\/\/[^>\s]+)>|\*\*([^*\n]+)\*\*|__([^_\n]+)__|(?<![\w*])\*([^*\n]+)\*(?![\w*])|(?<![\w])_([^_\n]+)_(?![\w])|`([^`\n]+)`/g;

/**
 * Markdown (or plain text that contains markdown) to plain text. A paragraph or list item wrapped over
 * several lines reads as one line (a soft line break is a space, as markdown renders it). Link syntax becomes its anchor text and
 * the target is kept in `links` with the anchor's span in the *output* text; headings and list items are
 * recorded as blocks. Everything else is kept character for character.
 */
export function markdownToText(raw: string): PlainText {
  const src = joinSoftBreaks(raw);
  const links: Link[] = [];
  let out = '';
  let last = 0;
  for (const m of src.matchAll(INLINE)) {
    out += src.slice(last, m.index);
    last = m.index! + m[0].length;
    if (m[1] !== undefined) {
      out += m[1];
    } else if (m[3] !== undefined) {
      const start = out.length;
      out += m[3];
      links.push({ start, end: out.length, href: m[4], text: m[3] });
    } else if (m[5] !== undefined) {
      const start = out.length;
      out += m[5];
      links.push({ start, end: out.length, href: m[5], text: m[5] });
    } else {
      out += m[6] ?? m[7] ?? m[8] ?? m[9] ?? m[10] ?? '';
    }
  }
  out += src.slice(last);
  return { text: out, links, blocks: markdownBlocks(out) };
}

/** Headings (`# …`) and list items (`- …`, `1. …`, `• …`) as blocks; paragraphs are left to the segmenter. */
function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    if (/^#{1,6}\s+\S/.test(line)) blocks.push({ start, end: start + line.length, kind: 'heading' });
  }
  return blocks;
}

/** Does this plain-text file carry markdown worth interpreting (links, headings)? */
export function looksLikeMarkdown(text: string): boolean {
  return /\]\((https?:|\/|#)/.test(text) || /^#{1,6}\s+\S/m.test(text);
}

// A line that starts a block of its own: heading, list item, quote, fence, table row, HTML, reference entry.
const BLOCK_START = /^\s{0,3}(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s|>|```|~~~|\||<|\[\d+\]|---|\+\+\+|===)/;
// A "Field: value" header line (wiki exports, arXiv listings) or a line of BibTeX: kept on its own line.
const FIELD_LINE = /^\s*[\p{L}][\p{L}\p{N} _-]{0,30}:\s|[{}]/u;

// A line shorter than this ends where its writer ended it (menus, titles, short header lines), not at a wrap.
const MIN_WRAPPED = 40;

/** Soft line breaks inside paragraphs and list items as spaces; fences, front matter and header lines stay. */
function joinSoftBreaks(src: string): string {
  const lines = src.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  let i = 0;
  // front matter at the very start keeps its lines
  const fm = /^(---|\+\+\+)\s*$/.exec(lines[0] ?? '');
  if (fm) {
    const close = lines.findIndex((l, k) => k > 0 && l.trim() === fm[1]);
    if (close > 0) {
      out.push(...lines.slice(0, close + 1));
      i = close + 1;
    }
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    const f = /^\s{0,3}(```|~~~)/.exec(line);
    if (f) fence = fence === null ? f[1] : fence === f[1] ? null : fence;
    const prev = out.length ? out[out.length - 1] : '';
    const joinable =
      fence === null && !f && out.length > 0 && line.trim() !== '' && prev.trim().length >= MIN_WRAPPED &&
      !BLOCK_START.test(line) && !FIELD_LINE.test(line) && !FIELD_LINE.test(prev) &&
      !/^\s{0,3}(?:#{1,6}\s|\||<|```|~~~)/.test(prev) && !/ {2}$|\\$/.test(prev) && !/^(?: {4}|\t)/.test(prev);
    if (joinable) out[out.length - 1] = `${prev.replace(/\s+$/, '')} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}
