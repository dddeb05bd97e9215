import { parseHTML } from 'linkedom';
import type { Block, DocumentMeta, Link, PassageKind } from '../types.ts';
import { readHtmlMeta } from './html-meta.ts';
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
// Page furniture: skipped unless it sits inside the article itself (an <article>'s own <header> holds its
// title and byline).
const FURNITURE = new Set(['header', 'footer', 'aside']);
const FURNITURE_ROLES = /^(navigation|banner|contentinfo|complementary|search|menu|menubar|dialog|alertdialog)$/i;
// class or id words of cookie banners, newsletter and share boxes, menus, breadcrumbs
const FURNITURE_CLASS = /(^|[\s_-])(cookies?|consent|gdpr|subscribe|subscription|newsletter|signup|sign-up|share|sharing|social|breadcrumbs?|menu|navbar|nav|sidebar|site-header|site-footer|skip-link|advert|ads|promo|popup|modal)($|[\s_-])/i;
// Elements that start a new block of text.
const BLOCK_KIND: Record<string, PassageKind> = {
  p: 'paragraph', div: 'paragraph', section: 'paragraph', article: 'paragraph', main: 'paragraph',
  figcaption: 'paragraph', td: 'paragraph', th: 'paragraph', dd: 'paragraph', dt: 'paragraph', pre: 'paragraph',
  header: 'paragraph', footer: 'paragraph', aside: 'paragraph', figure: 'paragraph', table: 'paragraph', tr: 'paragraph',
  ul: 'paragraph', ol: 'paragraph', ...SOURCES.html.blocks,
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  li: 'list-item', blockquote: 'quote',
};

type Frame =
  | { enter: true; node: any; kind: PassageKind; inArticle: boolean }
  | { enter: false; close: 'block'; kind: PassageKind }
  | { enter: false; close: 'link'; start: number; href: string };

/** Is this element page furniture (menus, banners, cookie and subscribe boxes) rather than the article? */
function isFurniture(node: any, tag: string, inArticle: boolean): boolean {
  if (FURNITURE.has(tag) && !inArticle) return true;
  const role = node.getAttribute?.('role');
  if (role && FURNITURE_ROLES.test(role)) return true;
  const cls = `${node.getAttribute?.('class') ?? ''} ${node.getAttribute?.('id') ?? ''}`;
  return cls.trim() !== '' && FURNITURE_CLASS.test(cls) && tag !== 'article' && tag !== 'main' && tag !== 'body' && tag !== 'html';
}

/**
 * HTML to plain text with structure. Lenient by design (linkedom parses malformed markup the way browsers
 * do); scripts, styles, navigation and page furniture are dropped, never executed. Each block element
 * becomes one block separated by a blank line, and every <a href> keeps its target with the anchor's span in
 * the text. The tree is walked with an explicit stack, so any nesting depth is fine.
 * Authors, keywords and affiliations known only from <head> metadata are written as "Author:" and
 * "Keywords:" lines at the top of the text, so what the graph says about them points at real text.
 */
export function htmlToText(html: string): HtmlText {
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><body>${html}</body></html>`);
  const meta = readHtmlMeta(document);
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

  for (const line of headerLines(meta)) {
    current = line;
    currentKind = 'metadata';
    flush();
  }
  currentKind = 'paragraph';

  // The whole element tree, not just <body>: malformed pages put content after a stray </body>.
  const root = document.documentElement ?? document.body;
  const hasArticle = !!document.querySelector(['article', 'main', '[role="main"]', ...Object.keys(SOURCES.html.blocks)].join(', '));
  const stack: Frame[] = [{ enter: true, node: root, kind: 'paragraph', inArticle: !hasArticle }];
  while (stack.length) {
    const f = stack.pop()!;
    if (!f.enter) {
      if (f.close === 'block') {
        flush();
        currentKind = f.kind;
      } else {
        const end = current.trimEnd().length;
        if (end > f.start && !f.href.startsWith('javascript:')) pendingLinks.push({ start: f.start, end, href: f.href, text: current.slice(f.start, end) });
      }
      continue;
    }
    const { node, kind } = f;
    if (node.nodeType === 3) {
      appendText(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = String(node.tagName).toLowerCase();
    if (SKIP.has(tag) || node.hasAttribute?.('hidden') || isFurniture(node, tag, f.inArticle)) continue;
    if (tag === 'br') {
      current += '\n';
      continue;
    }
    const inArticle = f.inArticle || tag === 'article' || tag === 'main' || tag in SOURCES.html.blocks || node.getAttribute?.('role') === 'main';
    const blockKind = BLOCK_KIND[tag];
    if (blockKind) {
      flush();
      currentKind = blockKind === 'paragraph' && kind !== 'paragraph' ? kind : blockKind;
      stack.push({ enter: false, close: 'block', kind });
    }
    const childKind = blockKind ?? kind;
    if (tag === 'a' && node.getAttribute('href')) {
      if (current && !current.endsWith(' ') && /^\s/.test(node.firstChild?.textContent ?? '')) current += ' ';
      // the anchor's span is known when its children are done: the closing frame sits under them
      stack.push({ enter: false, close: 'link', start: current.length, href: String(node.getAttribute('href')) });
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ enter: true, node: children[i], kind: tag === 'a' ? kind : childKind, inArticle });
  }
  flush();
  return { text, links, blocks, meta };
}

/** "Author: Jane Doe (Acme Labs)" per author and one "Keywords:" line, for metadata the page does not show. */
function headerLines(meta: DocumentMeta): string[] {
  const lines = (meta.authors ?? []).map((a) => `Author: ${a.name}${a.affiliations.length ? ` (${a.affiliations.join('; ')})` : ''}`);
  if (meta.keywords?.length) lines.push(`Keywords: ${meta.keywords.join(', ')}`);
  return lines;
}
