import { parseHTML } from 'linkedom';
import type { Block, DocumentMeta, Link, PassageKind } from '../types.ts';
import { normaliseDate } from './metadata.ts';
import { SOURCES } from '../knowledge/sources.ts';

export interface HtmlText {
  text: string;
  links: Link[];
  blocks: Block[];
  meta: DocumentMeta;
}

// Elements whose content is never prose.
// (site-specific containers come from the source profiles, lexicon/sources.json)
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'head', 'button', 'select', 'form', 'nav', ...SOURCES.html.skip]);
// Elements that start a new block of text.
const BLOCK_KIND: Record<string, PassageKind> = {
  p: 'paragraph', div: 'paragraph', section: 'paragraph', article: 'paragraph', main: 'paragraph',
  figcaption: 'paragraph', td: 'paragraph', th: 'paragraph', dd: 'paragraph', dt: 'paragraph', pre: 'paragraph',
  header: 'paragraph', footer: 'paragraph', aside: 'paragraph', figure: 'paragraph', table: 'paragraph', tr: 'paragraph',
  ul: 'paragraph', ol: 'paragraph', ...SOURCES.html.blocks,
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  li: 'list-item', blockquote: 'quote',
};

/**
 * HTML to plain text with structure. Lenient by design (linkedom parses malformed markup the way browsers
 * do); scripts, styles and navigation are dropped, never executed. Each block element becomes one block
 * separated by a blank line, and every <a href> keeps its target with the anchor's span in the text.
 */
export function htmlToText(html: string): HtmlText {
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><body>${html}</body></html>`);
  const links: Link[] = [];
  const blocks: Block[] = [];
  let text = '';
  let current = '';
  let currentKind: PassageKind = 'paragraph';
  let pendingLinks: Link[] = [];

  const flush = () => {
    const trimmedStart = current.length - current.trimStart().length;
    const body = current.trim();
    if (body) {
      if (text) text += '\n\n';
      const start = text.length;
      text += body;
      blocks.push({ start, end: text.length, kind: currentKind });
      for (const l of pendingLinks) {
        const s = start + l.start - trimmedStart;
        const e = start + l.end - trimmedStart;
        if (s >= start && e <= text.length && e > s) links.push({ ...l, start: s, end: e });
      }
    }
    current = '';
    pendingLinks = [];
  };

  const appendText = (t: string) => {
    const collapsed = t.replace(/\s+/g, ' ');
    if (collapsed === ' ' && (current === '' || current.endsWith(' '))) return;
    if (current.endsWith(' ') && collapsed.startsWith(' ')) current += collapsed.slice(1);
    else current += collapsed;
  };

  const walk = (node: any, kind: PassageKind) => {
    if (node.nodeType === 3) {
      appendText(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = String(node.tagName).toLowerCase();
    if (SKIP.has(tag) || node.getAttribute?.('hidden') !== null && node.getAttribute?.('hidden') !== undefined) return;
    if (tag === 'br') {
      current += '\n';
      return;
    }
    const blockKind = BLOCK_KIND[tag];
    if (blockKind) {
      flush();
      currentKind = blockKind === 'paragraph' && kind !== 'paragraph' ? kind : blockKind;
    }
    if (tag === 'a' && node.getAttribute('href')) {
      if (current && !current.endsWith(' ') && /^\s/.test(node.textContent ?? '')) current += ' ';
      const start = current.length;
      for (const child of node.childNodes) walk(child, kind);
      const end = current.trimEnd().length;
      const href = String(node.getAttribute('href'));
      if (end > start && !href.startsWith('javascript:')) pendingLinks.push({ start, end, href, text: current.slice(start, end) });
    } else {
      for (const child of node.childNodes) walk(child, blockKind ?? kind);
    }
    if (blockKind) {
      flush();
      currentKind = kind;
    }
  };

  // The whole element tree, not just <body>: malformed pages put content after a stray </body>.
  walk(document.documentElement ?? document.body, 'paragraph');
  flush();
  return { text, links, blocks, meta: htmlMeta(document) };
}

function htmlMeta(document: any): DocumentMeta {
  const fields: Record<string, string> = {};
  const metaContent = (sel: string): string | undefined => {
    const v = document.querySelector(sel)?.getAttribute('content');
    return v ? String(v).trim() : undefined;
  };
  const title =
    metaContent('meta[property="og:title"]') ?? metaContent('meta[name="citation_title"]') ??
    (document.querySelector('title')?.textContent?.trim() || undefined) ??
    (document.querySelector('h1')?.textContent?.trim().replace(/\s+/g, ' ') || undefined);
  const authors = [...document.querySelectorAll('meta[name="citation_author"], meta[name="author"]')]
    .map((m: any) => String(m.getAttribute('content') ?? '').trim())
    .filter(Boolean);
  const published = metaContent('meta[property="article:published_time"]') ?? metaContent('meta[name="citation_publication_date"]') ?? metaContent('meta[name="date"]') ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent('meta[property="og:url"]');
  const description = metaContent('meta[name="description"]') ?? metaContent('meta[property="og:description"]');
  if (title) fields['Title'] = title;
  if (authors.length) fields['Author'] = authors.join(', ');
  if (published) fields['Published'] = String(published);
  if (url) fields['Url'] = String(url);
  if (description) fields['Summary'] = description;
  const meta: DocumentMeta = { fields };
  if (title) meta.title = title;
  if (authors.length) meta.author = authors.join(', ');
  const date = normaliseDate(published ? String(published) : undefined);
  if (date) meta.published = date;
  if (url && /^https?:\/\//.test(String(url))) meta.sourceUrl = String(url);
  return meta;
}
