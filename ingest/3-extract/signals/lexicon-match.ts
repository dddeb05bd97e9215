// Signal: the domain lexicon. A token trie keyed by the first word of every alias finds the longest alias at
// each position in one left-to-right pass over a sentence, so the cost is linear in the text whatever the
// lexicon size.

import type { Lexicon, LexiconEntry } from '../../lexicon.ts';
import type { CandidateMention } from '../core/types.ts';
import { mention } from '../core/types.ts';
import type { DocIndex, Token } from '../core/text-index.ts';
import { fold, tokenize } from '../core/text-index.ts';

interface AliasForm {
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

function pluralWord(w: string): string {
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/.test(w)) return w + 'es';
  return w + 's';
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
    let head = words.length - 1;
    for (let i = 1; i < words.length; i++) if (['of', 'for', 'in', 'on', 'to', 'with'].includes(words[i])) { head = i - 1; break; }
    if (!words[head].endsWith('s')) {
      const pw = words.slice();
      pw[head] = pluralWord(pw[head]);
      out.push({ ...form, words: pw });
    }
  }
  return out;
}

function compile(lex: Lexicon): Compiled {
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
function matchAt(text: string, words: Token[], i: number, f: AliasForm): number {
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

const contextCache = new Map<string, RegExp>();
/** A context word as a whole word: "FAIR" must not fire on "Fairness". */
function contextRegex(w: string): RegExp {
  let re = contextCache.get(w);
  if (!re) {
    const body = (/\p{Lu}/u.test(w) ? w : fold(w)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    contextCache.set(w, (re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u')));
  }
  return re;
}

/** Every lexicon alias in the document, longest match first, as candidate mentions (not yet accepted). */
export function matchLexicon(index: DocIndex, lex: Lexicon): CandidateMention[] {
  const { first } = compile(lex);
  const doc = index.doc;
  const folded = { text: '' };
  const contextOk = new Map<LexiconEntry, boolean>();
  const allowed = (f: AliasForm): boolean => {
    if (!f.contextual) return true;
    let ok = contextOk.get(f.entry);
    if (ok === undefined) {
      if (!folded.text) folded.text = fold(doc.text);
      ok = f.entry.context.some((w) => contextRegex(w).test(/\p{Lu}/u.test(w) ? doc.text : folded.text));
      contextOk.set(f.entry, ok);
    }
    return ok;
  };
  const out: CandidateMention[] = [];
  for (const s of index.sentences) {
    const words = index.tokens(s).filter((t) => t.kind !== 'punct');
    for (let i = 0; i < words.length; ) {
      const forms = first.get(fold(words[i].text));
      let end = -1;
      let hit: AliasForm | undefined;
      if (forms) {
        for (const f of forms) {
          if (!allowed(f)) continue;
          end = matchAt(doc.text, words, i, f);
          // an ambiguous name as the first half of a compound is the ordinary word: "Meta-learning"
          if (end > 0 && f.contextual && /^-\p{Ll}/u.test(doc.text.slice(words[end - 1].end, words[end - 1].end + 2))) end = -1;
          if (end > 0) { hit = f; break; }
        }
      }
      if (hit && end > 0) {
        const e = hit.entry;
        out.push(mention(doc, s.passage, words[i].start, words[end - 1].end, e.type, 'lexicon',
          e.type === 'Concept' ? 0.85 : 0.9, { canonical: e.name, lexiconId: e.id }));
        i = end;
      } else i++;
    }
  }
  return out;
}
