// Metadata of an HTML page, from every vocabulary pages use for it: <title>, <meta name=author|description|
// keywords>, Highwire `citation_*` tags (scholarly pages; an author's `citation_author_institution` tags follow
// it), Dublin Core (`DC.*`, `dcterms.*`), Open Graph and `article:*`, JSON-LD (ScholarlyArticle, BlogPosting,
// Article, Person with affiliation) and visible bylines (rel=author, itemprop=author, .byline).
import type { DocumentMeta, MetaAuthor } from '../types.ts';
import { normaliseDate } from './metadata.ts';
import { personName } from './front-matter.ts';

type El = { getAttribute(n: string): string | null; textContent: string | null; tagName: string };
type Doc = { querySelector(s: string): El | null; querySelectorAll(s: string): Iterable<El> };
type Json = Record<string, unknown>;

const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const isUrl = (s: string) => /^(https?:)?\/\//.test(s);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** All `<meta>` tags as lower-cased name/property → contents, in document order. */
function metaTags(document: Doc): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of document.querySelectorAll('meta')) {
    const key = (m.getAttribute('name') ?? m.getAttribute('property') ?? m.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = text(m.getAttribute('content'));
    if (key && content) out.push([key, content]);
  }
  return out;
}

/** JSON-LD objects of the page, flattened through @graph and arrays. */
function jsonLd(document: Doc): Json[] {
  const out: Json[] = [];
  const add = (v: unknown) => {
    for (const x of list(v)) {
      if (!isObj(x)) continue;
      out.push(x);
      if (x['@graph']) add(x['@graph']);
    }
  };
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      add(JSON.parse(s.textContent ?? ''));
    } catch {
      // a broken JSON-LD block is ignored: the other vocabularies still apply
    }
  }
  return out;
}

const ARTICLE_TYPES = /^(ScholarlyArticle|Article|BlogPosting|NewsArticle|TechArticle|Report|CreativeWork|WebPage|Thesis|Book|Chapter)$/;
const typesOf = (o: Json) => list(o['@type']).map(String);

function ldName(v: unknown): string | undefined {
  if (typeof v === 'string') return text(v) || undefined;
  if (isObj(v) && typeof v.name === 'string') return text(v.name) || undefined;
  if (isObj(v) && (v.givenName || v.familyName)) return text(`${v.givenName ?? ''} ${v.familyName ?? ''}`) || undefined;
  return undefined;
}

export function readHtmlMeta(document: Doc): DocumentMeta {
  const tags = metaTags(document);
  const first = (...keys: string[]) => {
    for (const k of keys) for (const [n, c] of tags) if (n === k) return c;
    return undefined;
  };
  const all = (...keys: string[]) => tags.filter(([n]) => keys.includes(n)).map(([, c]) => c);
  const ld = jsonLd(document);
  const article = ld.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ?? ld.find((o) => typesOf(o).includes('WebPage'));

  // authors: Highwire first (its institutions follow each author), then JSON-LD, DC, plain meta, bylines
  const authors: MetaAuthor[] = [];
  const addAuthor = (raw: string | undefined, affiliations: string[] = []) => {
    const surface = text(raw);
    if (!surface || isUrl(surface) || surface.length > 80) return;
    const name = personName(surface);
    const known = authors.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (known) {
      for (const af of affiliations) if (!known.affiliations.includes(af)) known.affiliations.push(af);
      return;
    }
    authors.push({ name, ...(surface !== name ? { surface } : {}), affiliations: [...new Set(affiliations)] });
  };
  let current: MetaAuthor | undefined;
  for (const [n, c] of tags) {
    if (n === 'citation_author') {
      addAuthor(c);
      current = authors[authors.length - 1];
    } else if (n === 'citation_author_institution' && current && !current.affiliations.includes(c)) current.affiliations.push(c);
  }
  if (article) {
    for (const a of list(article.author ?? article.creator)) {
      const affs = isObj(a) ? list(a.affiliation).map(ldName).filter((x): x is string => !!x) : [];
      addAuthor(ldName(a), affs);
    }
  }
  for (const p of ld.filter((o) => typesOf(o).includes('Person') && o !== article)) {
    if (!authors.length) addAuthor(ldName(p), list(p.affiliation).map(ldName).filter((x): x is string => !!x));
  }
  for (const c of all('dc.creator', 'dcterms.creator', 'author', 'article:author', 'twitter:creator')) {
    // a plain author meta may list several names ("A, B and C"); Highwire and JSON-LD never do
    for (const part of c.split(/\s*;\s*|\s+and\s+|\s*&\s*/)) {
      if (/^@/.test(part)) continue;
      const pieces = part.split(/\s*,\s*/);
      if (pieces.length === 2 && /^\S+$/.test(pieces[0]) && /^\S+( \S+)?$/.test(pieces[1])) addAuthor(part);
      else for (const x of pieces) addAuthor(x);
    }
  }
  if (!authors.length) for (const b of bylines(document)) addAuthor(b);

  const title =
    first('citation_title', 'dc.title', 'dcterms.title') ?? ldName(article?.headline) ?? first('og:title', 'twitter:title') ??
    ldName(article?.name) ?? pageTitle(document);
  const published = first('citation_publication_date', 'citation_date', 'citation_online_date', 'article:published_time', 'dc.date', 'dcterms.date', 'dcterms.issued', 'date')
    ?? (typeof article?.datePublished === 'string' ? article.datePublished : undefined)
    ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const description = first('description', 'og:description', 'dc.description', 'dcterms.abstract', 'twitter:description')
    ?? (typeof article?.description === 'string' ? text(article.description) : undefined);
  const keywords = [...new Set([
    ...all('keywords', 'citation_keywords', 'dc.subject', 'news_keywords').flatMap((k) => k.split(/\s*[,;]\s*/)),
    ...all('article:tag'),
    ...list(article?.keywords).flatMap((k) => (typeof k === 'string' ? k.split(/\s*,\s*/) : [])),
  ].map(text).filter((k) => k && k.length <= 60))];
  const venue = first('citation_journal_title', 'citation_conference_title', 'citation_publisher', 'dc.publisher')
    ?? ldName(isObj(article?.isPartOf) ? article?.isPartOf : undefined) ?? ldName(article?.publisher);
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? first('og:url', 'citation_public_url', 'citation_abstract_html_url');

  const fields: Record<string, string> = {};
  const meta: DocumentMeta = { fields };
  if (title) meta.title = fields['Title'] = title;
  if (authors.length) {
    meta.authors = authors;
    meta.author = fields['Author'] = authors.map((a) => a.name).join(', ');
  }
  if (published) fields['Published'] = published;
  const date = normaliseDate(published);
  if (date) meta.published = date;
  if (url) fields['Url'] = url;
  if (url && /^https?:\/\//.test(url)) meta.sourceUrl = url;
  if (description) meta.description = fields['Summary'] = description;
  if (keywords.length) {
    meta.keywords = keywords;
    fields['Keywords'] = keywords.join(', ');
  }
  if (venue) fields['Venue'] = venue;
  return meta;
}

// Labels set inside a heading ("Distill Update 2018 <span class=tag>editorial</span>") are not its words.
const HEADING_LABELS = '.tag, .tags, .badge, .label, .category, .kicker, .pill, [role="note"]';

/** A heading's text without the labels set inside it. */
function headingText(h: El | null): string | undefined {
  if (!h) return undefined;
  // linkedom elements are DOM elements; the narrow El type above only names what the readers use
  const c = (h as unknown as Element).cloneNode(true) as Element;
  for (const el of c.querySelectorAll(HEADING_LABELS)) el.remove();
  return c.textContent ?? undefined;
}

/** <title>, without a " | Site" suffix when the page's <h1> is the part before it; else the <h1>. */
function pageTitle(document: Doc): string | undefined {
  const t = text(document.querySelector('title')?.textContent);
  const h1 = text(headingText(document.querySelector('h1')));
  if (t && h1) {
    const parts = t.split(/\s+[|–—·-]\s+/);
    if (parts.length > 1 && parts.some((p) => p.toLowerCase() === h1.toLowerCase())) return h1;
  }
  return t || h1 || undefined;
}

/** Names in visible bylines: rel=author links, itemprop=author, and short .byline / .author elements. */
function bylines(document: Doc): string[] {
  const out: string[] = [];
  for (const el of document.querySelectorAll('a[rel="author"], [itemprop="author"], .byline .author, .author-name, .byline, .post-author, d-byline .author')) {
    const t = text(el.textContent).replace(/^(by|written by|posted by)\s*:?\s*/i, '');
    if (!t || t.length > 120) continue;
    // "Jane Doe and John Roe · March 3, 2024": names before any date or separator
    for (const name of t.split(/\s+[·|•]\s+/)[0].split(/\s*,\s*|\s+and\s+|\s*&\s*/)) {
      if (name && !/\d/.test(name) && name.split(/\s+/).length <= 5) out.push(name);
    }
  }
  return out;
}
