// Stage 2 — segment: a Document into passages (paragraphs, headings, list items, comments, quotes) and
// sentences, all as offsets into `doc.text`. Pure.
import type { Block, Document, Passage, PassageKind, Span } from '../types.ts';
import { canonicalKey, FIELD_SET } from '../1-load/metadata.ts';
import { isCommentsMarker } from '../knowledge/cues.ts';

/** Passages longer than this are cut at sentence boundaries so a source panel shows a readable unit. */
export const MAX_PASSAGE_CHARS = 1600;

const BULLET = /^\s*([-*+•·‣▪◦]|\d{1,3}[.)])\s+/;

export function segment(doc: Document): Passage[] {
  // HTML and PDF loaders know their blocks (elements, laid-out paragraphs); plain text and markdown are read here.
  const structured = (doc.format === 'html' || doc.format === 'pdf') && doc.blocks?.length;
  const raw = structured ? doc.blocks!.map((b) => ({ ...b })) : textBlocks(doc.text, doc.blocks ?? []);
  const pieces: Block[] = [];
  for (const b of raw) {
    const trimmed = trimSpan(doc.text, b.start, b.end);
    if (trimmed.end <= trimmed.start) continue;
    if (trimmed.end - trimmed.start > MAX_PASSAGE_CHARS) {
      for (const part of splitLong(doc.text, trimmed)) pieces.push({ ...part, kind: b.kind });
    } else pieces.push({ ...trimmed, kind: b.kind });
  }

  const passages: Passage[] = pieces.map((p, index) => ({
    id: passageId(doc.id, index),
    docId: doc.id,
    index,
    kind: p.kind,
    start: p.start,
    end: p.end,
    text: doc.text.slice(p.start, p.end),
    sentences: sentenceSpans(doc.text, p.start, p.end),
    ...(doc.pages ? { page: pageAt(doc.pages, p.start) } : {}),
  }));
  markThread(passages);
  return passages;
}

/** The 1-based page an offset falls on, given where each page starts (a blank page starts where the next one does). */
export function pageAt(pages: number[], offset: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pages[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found + 1;
}

/** Plain text and markdown: blank lines separate blocks; inside a block, lines that end a sentence, bullets and headings stand alone. */
function textBlocks(text: string, hints: Block[]): Block[] {
  const headingAt = new Set(hints.filter((h) => h.kind === 'heading').map((h) => h.start));
  const out: Block[] = [];
  let cur: Block | null = null;
  let pos = 0;
  let inMetadataValue = false;
  const close = () => {
    if (cur) out.push(cur);
    cur = null;
  };
  for (const line of text.split('\n')) {
    const start = pos;
    const end = pos + line.length;
    pos = end + 1;
    const t = line.trim();
    if (t === '') {
      close();
      continue;
    }
    const isHeading = headingAt.has(start) || /^#{1,6}\s/.test(t);
    const isLabel = FIELD_SET.has(canonicalKey(t)) || (/^([A-Za-z][A-Za-z ]{1,30}):\s+\S/.test(t) && FIELD_SET.has(canonicalKey(t.split(':')[0])));
    let kind: PassageKind = isHeading ? 'heading' : BULLET.test(line) ? 'list-item' : isLabel ? 'metadata' : 'paragraph';
    if (kind === 'paragraph' && inMetadataValue && t.length < 80) kind = 'metadata';
    inMetadataValue = FIELD_SET.has(canonicalKey(t));
    // Join a line to the previous one only when it continues the same paragraph (hard-wrapped prose).
    const prev = cur === null ? '' : text.slice((cur as Block).start, (cur as Block).end).trimEnd();
    const lastLine = prev.slice(prev.lastIndexOf('\n') + 1);
    const continues = cur !== null && kind === 'paragraph' && (cur as Block).kind === 'paragraph' && !/[.!?…:"”)\]]$/.test(prev) && (lastLine.length >= 60 || /^[a-z]/.test(t));
    if (continues && cur) {
      (cur as Block).end = end;
      continue;
    }
    close();
    cur = { start, end, kind };
    if (kind !== 'paragraph') close();
  }
  close();
  return out;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function splitLong(text: string, span: Span): Span[] {
  const sentences = sentenceSpans(text, span.start, span.end);
  const out: Span[] = [];
  let cur: Span | null = null;
  for (const s of sentences) {
    if (cur && s.end - cur.start > MAX_PASSAGE_CHARS) {
      out.push(cur);
      cur = null;
    }
    cur = cur ? { start: cur.start, end: s.end } : { ...s };
  }
  if (cur) out.push(cur);
  return out;
}

// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'fig', 'figs', 'eq', 'eqs', 'no', 'nos', 'approx', 'u.s', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'sec', 'ch', 'vol', 'pp', 'ed', 'eds', 'resp', 'viz', 'ca']);

/** Sentence spans inside [start, end) of `text`: rule-based, deterministic, aware of abbreviations, initials and decimals. */
export function sentenceSpans(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let s = start;
  const push = (e: number) => {
    const t = trimSpan(text, s, e);
    if (t.end > t.start) spans.push(t);
  };
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
    let j = i + 1;
    while (j < end && /[.!?…"'”’)\]]/.test(text[j])) j++;
    if (j < end && !/\s/.test(text[j])) continue; // "3.7", "e.g.x", "Sonnet 3.7's"
    let k = j;
    while (k < end && /\s/.test(text[k])) k++;
    if (k < end && !/[A-Z0-9"“'‘(\[•*-]/.test(text[k])) continue; // next word starts lowercase
    if (c === '.') {
      const word = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(start, i - 12), i))?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase())) continue;
      if (/^[A-Z]$/.test(word)) continue; // an initial: "Srinivasan S. Iyengar"
    }
    push(j);
    s = j;
    i = j - 1;
  }
  push(end);
  return spans;
}

const normalise = (t: string) => t.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Comment threads: after a "N comments" marker every paragraph is a comment. A comment that repeats a
 * sentence of an earlier comment is a quote of it; the comment after the quote replies to the quoted one.
 */
function markThread(passages: Passage[]): void {
  let inThread = false;
  let quoted: number | undefined;
  for (const p of passages) {
    if (isCommentsMarker(p.text)) {
      inThread = true;
      continue;
    }
    if (!inThread) continue;
    if (p.kind !== 'paragraph' && p.kind !== 'quote') continue;
    const body = normalise(p.text);
    const source = body.length >= 30 ? passages.find((q) => q.index < p.index && (q.kind === 'comment') && normalise(q.text).includes(body)) : undefined;
    if (source) {
      p.kind = 'quote';
      p.repliesTo = source.index;
      quoted = source.index;
      continue;
    }
    p.kind = 'comment';
    if (quoted !== undefined) {
      p.repliesTo = quoted;
      quoted = undefined;
    }
  }
}

/** A passage's id: its document's id and its index. */
export const passageId = (docId: string, index: number): string => `${docId}:p${index}`;
