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
 * Markdown (or plain text that contains markdown) to plain text. Link syntax becomes its anchor text and
 * the target is kept in `links` with the anchor's span in the *output* text; headings and list items are
 * recorded as blocks. Everything else is kept character for character.
 */
export function markdownToText(src: string): PlainText {
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
