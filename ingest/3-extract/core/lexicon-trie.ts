// The lexicon as a token trie: every alias (and a concept's plural) keyed by its first folded word, longest
// first, compiled once per lexicon. Matching at a position costs the aliases that start with that word.

import type { Lexicon, LexiconEntry } from '../../lexicon.ts';
import type { Token } from './text-index.ts';
import { tokenize } from './text-index.ts';
import { fold, headIndex, plural } from '../../keys.ts';
import { CUES } from '../../knowledge/cues.ts';

export interface AliasForm {
  entry: LexiconEntry;
  /** Lower-cased words of the alias. */
  words: string[];
  /** Original words when the alias must match case exactly (it has capitals), else null. */
  exact: string[] | null;
  /** Normalised separators between consecutive words (' ' for space or hyphen). */
  gaps: string[];
  contextual: boolean;
}

interface Compiled {
  first: Map<string, AliasForm[]>;
}

const compiled = new WeakMap<Lexicon, Compiled>();

/** ' ' for runs of spaces and hyphens (so "red-teaming" = "red teaming"), else the punctuation itself. */
export function normGap(gap: string): string {
  if (gap === '') return '';
  if (/^[\s\-‐‑–]+$/.test(gap)) return ' ';
  return gap.replace(/\s+/g, '');
}


function formsOf(entry: LexiconEntry, alias: string, contextual: boolean): AliasForm[] {
  const toks = tokenize(alias).filter((t) => t.kind !== 'punct');
  if (toks.length === 0) return [];
  const words = toks.map((t) => fold(t.text));
  const gaps: string[] = [];
  for (let i = 1; i < toks.length; i++) gaps.push(normGap(alias.slice(toks[i - 1].end, toks[i].start)));
  const hasCaps = /\p{Lu}/u.test(alias);
  const form: AliasForm = { entry, words, exact: hasCaps ? toks.map((t) => t.text) : null, gaps, contextual };
  const out = [form];
  // concepts match their plural: the head noun (before "of"/"for"…) or else the last word
  if (entry.type === 'Concept' && !hasCaps) {
    const head = headIndex(words);
    // (a head ending in 's' is already plural, unless it is one of the field's irregular singulars: 'bias')
    if (!words[head].endsWith('s') || words[head] in CUES.irregularPlurals) {
      const pw = words.slice();
      pw[head] = plural(pw[head]);
      out.push({ ...form, words: pw });
    }
  }
  return out;
}

export function compile(lex: Lexicon): Compiled {
  let c = compiled.get(lex);
  if (c) return c;
  const first = new Map<string, AliasForm[]>();
  for (const e of lex.entries) {
    if (e.type === 'Paper') continue; // titles only: see lexicon.ts
    const forms = [
      // a name that is also a context alias ("Meta") is only used where the context allows
      ...[e.name, ...e.aliases].filter((a) => !e.contextAliases.includes(a)).flatMap((a) => formsOf(e, a, false)),
      ...e.contextAliases.flatMap((a) => formsOf(e, a, true)),
    ];
    for (const f of forms) {
      const list = first.get(f.words[0]) ?? [];
      list.push(f);
      first.set(f.words[0], list);
    }
  }
  for (const list of first.values()) list.sort((a, b) => b.words.length - a.words.length);
  c = { first };
  compiled.set(lex, c);
  return c;
}

/** Try one alias form at word position i; returns the end word index (exclusive) or -1. */
export function matchAt(text: string, words: Token[], i: number, f: AliasForm): number {
  const n = f.words.length;
  if (i + n > words.length) return -1;
  for (let k = 0; k < n; k++) {
    const t = words[i + k];
    if (fold(t.text) !== f.words[k]) return -1;
    if (f.exact) {
      const want = f.exact[k];
      // exact case, except that a lower-case first letter may be capitalised at a sentence start
      // ("constitutional AI" → "Constitutional AI"); a capitalised alias never matches lower case ("meta-level")
      if (k === 0 && /^\p{Ll}/u.test(want) ? t.text.slice(1) !== want.slice(1) : t.text !== want) return -1;
      // an acronym in capitals is another word than a mixed-case name: "XAI" (explainable AI) is not "xAI"
      if (k === 0 && want !== want.toUpperCase() && t.text.length > 2 && t.text === t.text.toUpperCase()) return -1;
    }
    if (k > 0 && normGap(text.slice(words[i + k - 1].end, t.start)) !== f.gaps[k - 1]) return -1;
  }
  return i + n;
}

/** Lexicon entries (not papers) named inside a short string, e.g. a title recovered from a URL slug. */
export function termsIn(text: string, lex: Lexicon): LexiconEntry[] {
  const { first } = compile(lex);
  const words = tokenize(text).filter((t) => t.kind !== 'punct');
  const out: LexiconEntry[] = [];
  for (let i = 0; i < words.length; ) {
    let end = -1;
    for (const f of first.get(fold(words[i].text)) ?? []) {
      if (f.contextual) continue;
      end = matchAt(text, words, i, f);
      if (end > 0) { if (!out.includes(f.entry)) out.push(f.entry); break; }
    }
    i = end > 0 ? end : i + 1;
  }
  return out;
}
