// Signal: BibTeX entries written in a document (a README's "Citation" block, a .bib pasted into notes).
// Parsed by @retorquere/bibtex-parser (braces, LaTeX accents, "Last, First" and particles handled there);
// each entry yields its Paper (the parsed title), a Person per author (editors are not authors), AUTHORED,
// the venue as an Organization, and CITES from the document unless the entry is the document itself.
// Mentions sit on the raw field values in the text; the entry's span is the evidence.
import { parse } from '@retorquere/bibtex-parser';
import type { CandidateRelation, Ctx, End } from '../core/types.ts';
import { docEnd, mention, mentionEnd } from '../core/types.ts';
import { nameKey } from '../../keys.ts';
import { found, type Method } from '../../knowledge/methods.ts';

export interface BibEntry {
  /** Span of the whole entry, `@type{` to its closing brace, in document offsets. */
  start: number;
  end: number;
  key: string;
  title?: Field;
  authors: Array<Field & { name: string }>;
  venue?: Field;
  year?: string;
}

/** A parsed value and the span of its raw text in the document. */
export interface Field {
  value: string;
  start: number;
  end: number;
}

const ENTRY_START = /@(article|inproceedings|incollection|misc|book|inbook|techreport|phdthesis|mastersthesis|proceedings|unpublished|online|software|dataset|conference|report|thesis|preprint|electronic)\s*\{/gi;
const VENUE_FIELDS = ['journal', 'booktitle', 'journaltitle', 'eventtitle', 'school', 'institution'];

/** The span of each entry: from `@type{` to the brace that closes it (an unclosed entry runs to the end). */
function entrySpans(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  ENTRY_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ENTRY_START.exec(text))) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) break;
    }
    if (depth !== 0) continue;
    out.push({ start: m.index, end: i + 1 });
    ENTRY_START.lastIndex = i + 1;
  }
  return out;
}

/** Raw span of `name = {…}` / `name = "…"` / `name = word` inside an entry (value without its delimiters). */
function rawField(text: string, start: number, end: number, name: string): { start: number; end: number } | undefined {
  const re = new RegExp(`[,{\\s]${name}\\s*=\\s*`, 'iy');
  for (let i = start; i < end; i++) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) continue;
    let j = i + m[0].length;
    if (text[j] === '{') {
      let depth = 0;
      const s = j + 1;
      for (; j < end; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) return { start: s, end: j };
      }
      return undefined;
    }
    if (text[j] === '"') {
      const close = text.indexOf('"', j + 1);
      return close > 0 && close < end ? { start: j + 1, end: close } : undefined;
    }
    const word = /^[\w.-]+/.exec(text.slice(j, end));
    return word ? { start: j, end: j + word[0].length } : undefined;
  }
  return undefined;
}

/** Trim whitespace and one pair of wrapping braces from a raw span. */
function inner(text: string, s: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (text[start] === '{' && text[end - 1] === '}' && !text.slice(start + 1, end - 1).includes('}')) return { start: start + 1, end: end - 1 };
  return { start, end };
}

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** "arXiv preprint arXiv:1905.07830" → "arXiv"; "CoRR" and the like as written. */
export function venueName(v: string): string | undefined {
  const s = clean(v);
  if (/^arxiv\b/i.test(s) || /arxiv:\d/i.test(s)) return 'arXiv';
  if (!s || s.split(' ').length > 14 || /^\d+$/.test(s)) return undefined;
  return s;
}

/** Every BibTeX entry of the text, parsed. Pure. */
export function bibEntries(text: string): BibEntry[] {
  const out: BibEntry[] = [];
  for (const span of entrySpans(text)) {
    const src = text.slice(span.start, span.end);
    let parsed;
    try {
      parsed = parse(src, { sentenceCase: false }).entries[0];
    } catch {
      continue;
    }
    if (!parsed) continue;
    const f = parsed.fields as Record<string, unknown>;
    const entry: BibEntry = { start: span.start, end: span.end, key: parsed.key, authors: [] };
    const title = typeof f.title === 'string' ? clean(f.title) : undefined;
    const rawTitle = rawField(text, span.start, span.end, 'title');
    if (title && rawTitle) entry.title = { value: title, ...inner(text, rawTitle) };
    const rawAuthors = rawField(text, span.start, span.end, 'author');
    const creators = Array.isArray(f.author) ? (f.author as Array<Record<string, string>>) : [];
    if (rawAuthors) {
      // raw pieces split on " and " at brace depth 0 line up one to one with the parser's creators
      const pieces: Array<{ start: number; end: number }> = [];
      let depth = 0;
      let s = rawAuthors.start;
      for (let i = rawAuthors.start; i <= rawAuthors.end; i++) {
        const c = text[i];
        if (c === '{') depth++;
        else if (c === '}') depth--;
        if (i === rawAuthors.end || (depth === 0 && /\s/.test(c) && /^\s+and\s/i.test(text.slice(i, Math.min(rawAuthors.end, i + 8))))) {
          pieces.push(inner(text, { start: s, end: i }));
          if (i < rawAuthors.end) {
            const m = /^\s+and\s+/i.exec(text.slice(i, rawAuthors.end))!;
            i += m[0].length - 1;
            s = i + 1;
          }
        }
      }
      const commaList = pieces.length === 1 && (text.slice(pieces[0].start, pieces[0].end).match(/,/g)?.length ?? 0) >= 2;
      if (commaList) {
        // not BibTeX, but common: "A. Author, B. Author, C. Author" in one author field
        let at = pieces[0].start;
        for (const part of text.slice(pieces[0].start, pieces[0].end).split(',')) {
          const span = inner(text, { start: at, end: at + part.length });
          at += part.length + 1;
          const name = clean(text.slice(span.start, span.end));
          if (name && !/[{}\\]/.test(name) && /^\p{Lu}/u.test(name) && name.split(' ').length <= 5) entry.authors.push({ name, value: name, ...span });
        }
      } else if (pieces.length === creators.length) {
        creators.forEach((c, i) => {
          const name = clean([c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' ') || c.name || '');
          if (!name || /^others$/i.test(name) || pieces[i].end <= pieces[i].start) return;
          entry.authors.push({ name, value: name, ...pieces[i] });
        });
      }
    }
    for (const v of VENUE_FIELDS) {
      const raw = typeof f[v] === 'string' ? venueName(f[v] as string) : undefined;
      const at = rawField(text, span.start, span.end, v);
      if (raw && at) {
        entry.venue = { value: raw, ...inner(text, at) };
        break;
      }
    }
    if (!entry.venue && typeof f.eprint === 'string' && /arxiv/i.test(String(f.archiveprefix ?? f.eprinttype ?? ''))) {
      const at = rawField(text, span.start, span.end, 'archiveprefix') ?? rawField(text, span.start, span.end, 'eprinttype');
      if (at) entry.venue = { value: 'arXiv', ...inner(text, at) };
    }
    if (typeof f.year === 'string' || typeof f.year === 'number') entry.year = String(f.year);
    out.push(entry);
  }
  return out;
}

/** The signal: mentions and relations for every entry (methods bibtex-*). */
export function bibtex(ctx: Ctx): CandidateRelation[] {
  const { doc, index, acc } = ctx;
  if (!doc.text.includes('@')) return [];
  const rels: CandidateRelation[] = [];
  const selfKey = doc.meta.title ? nameKey(doc.meta.title) : '';
  for (const e of bibEntries(doc.text)) {
    const passage = index.passageAt(e.start) ?? index.passageAt(e.title?.start ?? e.end - 1);
    if (!passage) continue;
    const evidence = (at: number, how = found('bibtex')) => {
      const p = index.passageAt(at) ?? passage;
      return { passageId: p.id, start: Math.max(e.start, p.start), end: Math.min(e.end, p.end), method: how.method, confidence: how.confidence };
    };
    const add = (f: Field, type: 'Paper' | 'Person' | 'Organization', method: Method): End | undefined => {
      const p = index.passageAt(f.start);
      if (!p) return undefined;
      const raw = doc.text.slice(f.start, f.end);
      const i = acc.add(mention(doc, p, f.start, f.end, type, found(method), {
        canonical: f.value,
        // "{HellaSwag}: Can…" or "Zellers, Rowan" are not how anyone writes the name in prose
        ...(raw !== f.value && (/[{}\\]/.test(raw) || type !== 'Person') ? { surfaceNotAlias: true } : {}),
      }));
      return i >= 0 ? mentionEnd(i) : undefined;
    };
    const paper = e.title ? add(e.title, 'Paper', 'bibtex-title') : undefined;
    if (!paper) continue;
    for (const a of e.authors) {
      // "NLLB Team" or a lab listed as an author is not a person
      const last = a.name.split(' ').pop() ?? '';
      if (ctx.lexicon.vocab.teamWords.has(last.toLowerCase()) || (ctx.lexicon.byKey.get(nameKey(a.name)) ?? []).some((x) => x.type !== 'Person')) continue;
      const person = add(a, 'Person', 'bibtex-author');
      if (person) rels.push({ type: 'AUTHORED', from: person, to: paper, evidence: evidence(a.start) });
    }
    if (e.venue) add(e.venue, 'Organization', 'bibtex-venue');
    if (nameKey(e.title!.value) !== selfKey) rels.push({ type: 'CITES', from: docEnd, to: paper, evidence: evidence(e.title!.start, found('bibtex', 'cites')) });
  }
  return rels;
}
