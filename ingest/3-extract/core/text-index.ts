// Text utilities shared by every signal: one tokenizer, one way to normalise names, and a per-document index
// from character offsets to passages and sentences. Everything here is pure and linear in the text length.

import type { Document, Passage, Span } from '../../types.ts';
import { nameKey } from '../../keys.ts';

export interface Token {
  /** Document offsets. */
  start: number;
  end: number;
  text: string;
  lower: string;
  /** 'word' has a letter, 'num' is digits (with inner dots, "3.7"), 'punct' is one other character. */
  kind: 'word' | 'num' | 'punct';
}

// Words keep inner dots only between alphanumerics ("character.ai", "3.7", "e.g" + "."), so sentence
// full stops stay separate tokens. Apostrophes split words: "Anthropic’s" → Anthropic ’ s, which is what
// makes possessives fall away without special cases.
// Raw URLs (unclosed markdown links, bare addresses) are one punctuation-like token: nothing inside a URL is
// a name.
const TOKEN_RE = /https?:\/\/\S+|www\.\S+|[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*|\S/gu;
const HAS_LETTER = /\p{L}/u;
const DIGITS = /^\p{N}+(?:\.\p{N}+)*$/u;

/** Tokenise `text`; offsets are shifted by `base` so that tokens of a passage carry document offsets. */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text))) {
    const t = m[0];
    const kind = t.length > 4 && /^(?:https?:|www\.)/.test(t) ? 'punct' : HAS_LETTER.test(t) ? 'word' : DIGITS.test(t) ? 'num' : 'punct';
    out.push({ start: base + m.index, end: base + m.index + t.length, text: t, lower: t.toLowerCase(), kind });
  }
  return out;
}

export const isWord = (t: Token | undefined): t is Token => !!t && t.kind !== 'punct';
export const isCap = (t: Token | undefined): boolean => !!t && t.kind === 'word' && /^\p{Lu}/u.test(t.text);
export const isAllCaps = (t: Token | undefined): boolean =>
  !!t && t.kind === 'word' && /^\p{Lu}[\p{Lu}\p{N}]+s?$/u.test(t.text) && /\p{Lu}.*\p{Lu}/u.test(t.text);

// ---------------------------------------------------------------------------------------------------------
// Per-document index: offsets → passage and sentence, built once per document (sorted arrays + binary search).

export interface Sentence extends Span {
  passage: Passage;
  /** Index of the sentence inside its passage. */
  index: number;
}

export interface DocIndex {
  doc: Document;
  passages: Passage[];
  sentences: Sentence[];
  passageAt(offset: number): Passage | undefined;
  sentenceAt(offset: number): Sentence | undefined;
  /** Tokens of one sentence, computed lazily and cached (each sentence is tokenised at most once). */
  tokens(s: Sentence): Token[];
  /** Is this passage the document's own title (a heading or line repeating meta.title)? Cached. */
  isTitle(p: Passage): boolean;
}

export function buildIndex(doc: Document, passages: Passage[]): DocIndex {
  const ps = passages.slice().sort((a, b) => a.start - b.start);
  const sentences: Sentence[] = [];
  for (const p of ps) {
    const spans = p.sentences.length ? p.sentences : [{ start: p.start, end: p.end }];
    spans.forEach((s, i) => sentences.push({ start: s.start, end: s.end, passage: p, index: i }));
  }
  sentences.sort((a, b) => a.start - b.start);
  const cache = new Map<Sentence, Token[]>();
  const find = <T extends Span>(arr: T[], off: number): T | undefined => {
    let lo = 0, hi = arr.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = arr[mid];
      if (off < x.start) hi = mid - 1;
      else if (off >= x.end) lo = mid + 1;
      else return x;
    }
    return undefined;
  };
  const titleKey = doc.meta.title ? nameKey(doc.meta.title) : '';
  const titleLen = doc.meta.title?.length ?? 0;
  const titleCache = new Map<Passage, boolean>();
  return {
    doc,
    passages: ps,
    isTitle(p) {
      if (!titleKey || Math.abs(p.text.length - titleLen) > 12) return false;
      let v = titleCache.get(p);
      if (v === undefined) titleCache.set(p, (v = nameKey(p.text.replace(/^#+\s*/, '')) === titleKey));
      return v;
    },
    sentences,
    passageAt: (o) => find(ps, o),
    sentenceAt: (o) => find(sentences, o),
    tokens(s) {
      let t = cache.get(s);
      if (!t) cache.set(s, (t = tokenize(doc.text.slice(s.start, s.end), s.start)));
      return t;
    },
  };
}

/** Trim whitespace, quotes and stray markup from both ends of a span. */
export function trimSpan(text: string, start: number, end: number): Span {
  const junk = /[\s"'“”‘’«»*_`()[\]{},;:.!?–—-]/u;
  while (start < end && junk.test(text[start])) start++;
  while (end > start && junk.test(text[end - 1])) end--;
  // keep a closing bracket/period that belongs to the name, e.g. "Inc." or "(SAEs)" is not handled here
  return { start, end };
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Offsets of whole-word occurrences of `needle` in `text` (indexOf scan: much faster than a Unicode regex). */
export function wholeWordOccurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const before = i > 0 ? text[i - 1] : '';
    const after = text[i + needle.length] ?? '';
    if ((!before || !WORD_CHAR.test(before)) && (!after || !WORD_CHAR.test(after))) out.push(i);
  }
  return out;
}

// Words that stay lower-case inside English titles ("Towards Monosemanticity: Decomposing Language Models
// With Dictionary Learning", "Training Deceptive LLMs that Persist Through Safety Training").
export const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'by', 'via',
  'vs', 'versus', 'as', 'is', 'are', 'be', 'do', 'does', 'that', 'than', 'through', 'into', 'over', 'under',
  'about', 'without', 'within', 'between', 'can', 'not', 'how', 'why', 'what', 'when', 'where', 'who', 'its',
  'we', 'our', 'it', 'if', 'so', 'up', 'out', 'off', 'per', 'towards', 'toward', 'against', 'after', 'before',
]);

/** Title Case: the first word capitalised and (almost) every other content word too. */
export function isTitleCase(words: string[]): boolean {
  const ws = words.filter((w) => /\p{L}/u.test(w));
  if (ws.length === 0 || !/^[\p{Lu}\p{N}]/u.test(ws[0])) return false;
  const content = ws.filter((w, i) => i === 0 || !FUNCTION_WORDS.has(w.toLowerCase()));
  const caps = content.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
  return caps >= Math.max(1, Math.ceil(content.length * 0.8));
}

/** Pronouns and discourse words that start sentences, never titles or names. */
export const SENTENCE_STARTERS = new Set([
  'i', 'we', 'you', 'he', 'she', 'it', 'they', 'this', 'that', 'these', 'those', 'there', 'here', 'our', 'my',
  'their', 'his', 'her', 'its', 'your', 'in', 'if', 'so', 'but', 'and', 'or', 'what', 'how', 'why', 'when',
]);
