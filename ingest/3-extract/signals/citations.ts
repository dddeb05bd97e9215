// Signal: citations in running text and reference lists.
//  - author–year citations: "(Vaswani et al., 2017)", "(Ng and Russell, 2000; Hadfield-Menell et al., 2016)",
//    "[Olsson et al., 2022]", narrative "Elhage et al. (2021)";
//  - "X et al." beside a title: `"Title" (Author et al., 2022)`, reading lists `1. "Title" (Author et al., Year)`,
//    `Title — Author et al.`;
//  - numbered reference entries "[3] E. Todorov, T. Erez, and Y. Tassa. MuJoCo: A physics engine …" and
//    APA entries "Doe, J., & Roe, R. (2020). Title. Venue.".
// Each cited author becomes a Person (the full name where the text gives it, else the surname with the citation
// form as its surface), each titled citation a Paper with AUTHORED and CITES from the document; the citation's
// sentence is the evidence.
import type { CandidateRelation, Ctx, End } from '../core/types.ts';
import { docEnd, evidenceOf, mention, mentionEnd } from '../core/types.ts';
import type { Passage } from '../../types.ts';
import { isTitleCase } from '../core/text-index.ts';
import { fold, nameKey } from '../../keys.ts';
import { found, type Method } from '../../knowledge/methods.ts';
import { CUES } from '../../knowledge/cues.ts';

const SURNAME = String.raw`(?:(?:van|von|de|der|den|da|di|du|le|la|del|dos|al|bin|ten|ter)\s+)*\p{Lu}[\p{Ll}\p{Lu}'’-]*\p{Ll}[\p{L}'’-]*`;
const YEAR = String.raw`(?:19|20)\d{2}[a-z]?`;
const AUTHORS = String.raw`(${SURNAME})(?:\s+(et\s+al\.?)|\s+(?:and|&)\s+(${SURNAME}))?`;
/** One author–year unit: "Vaswani et al., 2017", "Ng and Russell 2000". */
const UNIT = new RegExp(String.raw`${AUTHORS},?\s+(${YEAR})`, 'u');
const PAREN = new RegExp(String.raw`[(\[]((?:[^()\[\]\n]{0,40}?${SURNAME}(?:\s+et\s+al\.?|\s+(?:and|&)\s+${SURNAME})?,?\s+${YEAR}(?:,\s*${YEAR})*\s*;?\s*)+)[)\]]`, 'gu');
const NARRATIVE = new RegExp(String.raw`(?<![\p{L}])${AUTHORS}\s+[(\[](${YEAR})[)\]]`, 'gu');
/** A title right before a citation: quoted, or a whole reading-list line. */
const QUOTED_BEFORE = /[“"]([^“”"\n]{8,200})[”"]\s*[,:–—-]?\s*$/u;
const LIST_LINE = /^\s*(?:\d{1,3}[.)]|[-*•])\s+(.{8,200}?)\s*[,:–—-]?\s*$/u;
const ET_AL_AFTER_TITLE = new RegExp(String.raw`[“"]([^“”"\n]{8,200})[”"]\s*(?:[,–—-]|\bby\b)\s*${AUTHORS}(?=[\s.,;)]|$)`, 'gu');

// numbered reference entries: initials + surname, or full names, then ". Title."
const INITIALS_NAME = String.raw`(?:\p{Lu}\.\s?(?:-?\p{Lu}\.\s?)*)\s*${SURNAME}`;
const FULL_NAME = String.raw`\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?(?:\s+${SURNAME})`;
const NAME_LIST = (n: string) => String.raw`${n}(?:,\s+(?:and\s+)?${n})*(?:,?\s+and\s+${n})?`;
const NUMBERED = new RegExp(String.raw`^\s*\[(\d{1,3})\]\s+((?:${NAME_LIST(INITIALS_NAME)})|(?:${NAME_LIST(FULL_NAME)}))(?:,?\s+et\s+al)?\.\s+(\p{Lu}[^\n]*?[^\s.A-Z])[.?!](?=\s|$)`, 'u');
const APA = new RegExp(String.raw`^\s*(?:\[\d{1,3}\]\s*|\d{1,3}\.\s+|[-*•]\s+)?((?:${SURNAME},\s+(?:\p{Lu}\.\s?)+,?\s*(?:&\s*|and\s+)?)+)\((${YEAR})\)\.\s+(\p{Lu}[^\n]*?[^\s.A-Z])[.?!](?=\s|$)`, 'u');

// Capitalised words that stand before a year without being a name (calendar words, release labels, venue statuses).
const NOT_SURNAMES = new Set(CUES.citations.notSurnames);

export interface CitationUnit {
  /** Offsets of the surnames cited (first author, and the second of "A and B"). */
  surnames: Array<{ start: number; end: number }>;
  /** The whole citation form ("Vaswani et al., 2017"), for display. */
  form: string;
  etAl: boolean;
  year: string;
  start: number;
  end: number;
}

/** Author–year citations in one line of text (offsets relative to `base`). Pure. */
export function authorYearCitations(text: string, base = 0): CitationUnit[] {
  const out: CitationUnit[] = [];
  const unit = (m: RegExpExecArray, at: number): CitationUnit => {
    const first = at + m.index;
    const surnames = [{ start: first, end: first + m[1].length }];
    if (m[3]) {
      const second = first + m[0].indexOf(m[3], m[1].length);
      surnames.push({ start: second, end: second + m[3].length });
    }
    return { surnames, form: m[0], etAl: !!m[2], year: m[4], start: first, end: first + m[0].length };
  };
  const ok = (m: RegExpExecArray | RegExpMatchArray) => !NOT_SURNAMES.has(m[1].toLowerCase()) && !(m[3] && NOT_SURNAMES.has(m[3].toLowerCase()));
  for (const p of text.matchAll(PAREN)) {
    let at = p.index! + 1;
    for (const part of p[1].split(';')) {
      const m = UNIT.exec(part);
      if (m && ok(m)) out.push(shift(unit(m, at), base));
      at += part.length + 1;
    }
  }
  for (const m of text.matchAll(NARRATIVE)) {
    if (!ok(m)) continue;
    const u = unit(Object.assign([...m], { index: 0 }) as unknown as RegExpExecArray, m.index!);
    u.year = m[4];
    if (!out.some((o) => o.start - base <= u.start && u.start < o.end - base)) out.push(shift(u, base));
  }
  return out.sort((a, b) => a.start - b.start);
}

const shift = (u: CitationUnit, base: number): CitationUnit => ({
  ...u, start: u.start + base, end: u.end + base, surnames: u.surnames.map((s) => ({ start: s.start + base, end: s.end + base })),
});

export interface ReferenceEntry {
  start: number;
  end: number;
  authors: Array<{ start: number; end: number; name: string }>;
  title: { start: number; end: number };
  year?: string;
}

/** A numbered or APA reference entry starting the passage text (hard-wrapped lines read as one). Pure. */
export function referenceEntry(text: string, base = 0): ReferenceEntry | undefined {
  const flat = text.replace(/\s*\n\s*/g, (s) => ' '.padEnd(s.length));
  const m = NUMBERED.exec(flat) ?? APA.exec(flat);
  if (!m) return undefined;
  const isApa = !NUMBERED.test(flat);
  const authorText = m[isApa ? 1 : 2];
  const authorStart = m.index + m[0].indexOf(authorText);
  const titleText = m[3];
  const titleStart = m.index + m[0].lastIndexOf(titleText);
  const authors: ReferenceEntry['authors'] = [];
  const nameRe = isApa ? new RegExp(String.raw`(${SURNAME}),\s+((?:\p{Lu}\.\s?)+)`, 'gu') : new RegExp(String.raw`${INITIALS_NAME}|${FULL_NAME}`, 'gu');
  for (const n of authorText.matchAll(nameRe)) {
    const s = base + authorStart + n.index!;
    const raw = n[0].trim();
    const name = isApa ? `${n[2].trim()} ${n[1]}` : raw.replace(/\s+/g, ' ').replace(/\.(?=\p{Lu})/gu, '. ');
    authors.push({ start: s, end: s + raw.length, name });
  }
  return { start: base + m.index, end: base + m.index + m[0].length, authors, title: { start: base + titleStart, end: base + titleStart + titleText.length }, year: isApa ? m[2] : undefined };
}

/** The signal (methods citation-*, reference-*). */
export function citations(ctx: Ctx): CandidateRelation[] {
  const { doc, index, acc } = ctx;
  const rels: CandidateRelation[] = [];
  /** A cited person; with `etAl` the span takes in "et al." so the citation form becomes an alias of the surname. */
  const person = (p: Passage, s: { start: number; end: number }, method: Method, canonical?: string, etAl = false): End | undefined => {
    const surname = doc.text.slice(s.start, s.end);
    const v = ctx.lexicon.vocab;
    if (v.personStopWords.has(surname) || v.genericWords.has(fold(surname)) || v.stopNames.has(fold(surname))) return undefined;
    // a lexicon organisation or model is not a surname ("(OpenAI, 2023)")
    if ((ctx.lexicon.byKey.get(nameKey(surname)) ?? []).some((e) => e.type !== 'Person')) return undefined;
    const tail = etAl ? /^\s+et\s+al\.?/.exec(doc.text.slice(s.end, s.end + 10))?.[0] ?? '' : '';
    const i = acc.add(mention(doc, p, s.start, s.end + tail.length, 'Person', found(method), {
      ...(canonical ? { canonical } : tail ? { canonical: surname } : {}),
    }));
    return i >= 0 ? mentionEnd(i) : undefined;
  };
  const paper = (p: Passage, s: { start: number; end: number }, method: Method): End | undefined => {
    const existing = acc.find(s.start, s.end, 'Paper');
    if (existing >= 0) return mentionEnd(existing);
    const raw = doc.text.slice(s.start, s.end);
    const flat = raw.replace(/\s+/g, ' ');
    const i = acc.add(mention(doc, p, s.start, s.end, 'Paper', found(method), flat !== raw ? { canonical: flat } : {}));
    return i >= 0 ? mentionEnd(i) : undefined;
  };

  for (const p of index.passages) {
    if (p.kind === 'heading') continue;
    const sentenceOf = (at: number) => index.sentenceAt(at) ?? index.sentenceAt(p.start)!;
    const ref = referenceEntry(p.text, p.start);
    if (ref) {
      const paperEnd = paper(p, ref.title, 'reference-title');
      if (paperEnd) {
        const how = found('reference-list');
        const ev = { passageId: p.id, start: ref.start, end: Math.min(ref.end, p.end), method: how.method, confidence: how.confidence };
        for (const a of ref.authors) {
          const who = person(p, a, 'reference-author', a.name);
          if (who) rels.push({ type: 'AUTHORED', from: who, to: paperEnd, evidence: ev });
        }
        rels.push({ type: 'CITES', from: docEnd, to: paperEnd, evidence: ev });
      }
      continue;
    }
    const text = p.text;
    if (!/\d{4}|et al/.test(text)) continue;
    // `"Title" (Author et al., Year)` and reading-list lines: the title beside the citation is its paper
    for (const c of authorYearCitations(text, p.start)) {
      const s = sentenceOf(c.start);
      const cites = c.surnames.map((n, k) => person(p, n, 'citation-author', undefined, c.etAl && k === 0));
      const before = doc.text.slice(s.start, c.start - (doc.text[c.start - 1] === '(' || doc.text[c.start - 1] === '[' ? 1 : 0));
      const line = before.slice(before.lastIndexOf('\n') + 1);
      const q = QUOTED_BEFORE.exec(line);
      const l = q ? undefined : LIST_LINE.exec(line);
      const title = q ?? l;
      if (!title) continue;
      const tStart = c.start - (doc.text[c.start - 1] === '(' || doc.text[c.start - 1] === '[' ? 1 : 0) - line.length + title.index + title[0].indexOf(title[1]);
      const trimmed = title[1].replace(/[\s*_"“”]+$/u, '').replace(/^[\s*_"“”]+/u, '');
      const t0 = tStart + title[1].indexOf(trimmed);
      if (trimmed.split(/\s+/).length < 2) continue;
      // a bare list line is a title only when it reads like one: Title Case, no citation or year of its own
      if (!q && (!isTitleCase(trimmed.split(/\s+/)) || /et al|\b(?:19|20)\d{2}\b|\bby$/i.test(trimmed) || trimmed.split(/\s+/).length < 3)) continue;
      const paperEnd = paper(p, { start: t0, end: t0 + trimmed.length }, 'citation-title');
      if (!paperEnd) continue;
      const ev = evidenceOf(s, found('citation'));
      for (const who of cites) if (who) rels.push({ type: 'AUTHORED', from: who, to: paperEnd, evidence: ev });
      rels.push({ type: 'CITES', from: docEnd, to: paperEnd, evidence: ev });
    }
    // `"Title", Author et al.` / `"Title" by Author et al.` without a year
    for (const m of text.matchAll(ET_AL_AFTER_TITLE)) {
      if (!m[3]) continue; // "et al." is what makes the name a citation
      const at = p.start + m.index!;
      const s = sentenceOf(at);
      const tStart = at + m[0].indexOf(m[1]);
      const paperEnd = paper(p, { start: tStart, end: tStart + m[1].length }, 'citation-title');
      const nStart = at + m[0].indexOf(m[2], m[0].indexOf(m[1]) + m[1].length + 1);
      const who = person(p, { start: nStart, end: nStart + m[2].length }, 'citation-author', undefined, true);
      if (!paperEnd || !who) continue;
      const ev = evidenceOf(s, found('citation', 'noYear'));
      rels.push({ type: 'AUTHORED', from: who, to: paperEnd, evidence: ev }, { type: 'CITES', from: docEnd, to: paperEnd, evidence: ev });
    }
  }
  return rels;
}
