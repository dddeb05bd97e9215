// Shared machinery of the title signals: adding a Paper mention for a title span (canonicalised through the
// lexicon's Paper entries), the Title-Case run to the right of a token, and "is a paper noun next?".

import type { Sentence, Token } from './text-index.ts';
import { FUNCTION_WORDS, SENTENCE_STARTERS, isCap } from './text-index.ts';
import { fold, nameKey, straighten } from '../../keys.ts';
import type { Ctx } from './types.ts';
import { mention } from './types.ts';
import { lookupEntry } from '../../lexicon.ts';
import type { Found } from '../../knowledge/methods.ts';

/** The key of the document's own title: a title equal to it is the document, not a paper it names. */
export const selfKeyOf = (ctx: Ctx): string => (ctx.doc.meta.title ? nameKey(ctx.doc.meta.title) : '');

/** Add a Paper mention for a title span, canonicalised through the lexicon's Paper entries. */
export function addTitle(ctx: Ctx, s: Sentence, start: number, end: number, how: Found, selfKey: string): number {
  const text = ctx.doc.text.slice(start, end);
  const key = nameKey(text);
  if (!key || key === selfKey || ctx.lexicon.vocab.stopNames.has(fold(text))) return -1;
  const entry = lookupEntry(ctx.lexicon, 'Paper', text);
  // "Short Title: long subtitle" — the short title may stand for the paper elsewhere in the batch
  const colon = straighten(text).indexOf(':');
  const weak = colon > 0 ? [nameKey(text.slice(0, colon))] : undefined;
  return ctx.acc.add(mention(ctx.doc, s.passage, start, end, 'Paper', how, {
    ...(entry ? { canonical: entry.name, lexiconId: entry.id } : {}),
    ...(weak ? { weakKeys: weak } : {}),
  }));
}

/** Is one of the next two words a paper noun ("“X” paper", "“X”, a post")? */
export function paperNounAhead(ctx: Ctx, after: string): boolean {
  const m = /^[\s,)]*((?:[\p{L}-]+\s+){0,1}[\p{L}-]+)/u.exec(after);
  if (!m) return false;
  const words = m[1].split(/\s+/);
  // "“journal versions” of papers": a preposition first means the noun belongs to another phrase
  if (words.length > 1 && /^(?:of|in|on|for|about|to|from|with|by|as|at)$/i.test(words[0])) return false;
  return words.some((w) => ctx.lexicon.vocab.paperNouns.has(w.toLowerCase()));
}

/** Title-case words from token i going right; stops at a sentence restart ("We use"). */
export function titleRunRight(tokens: Token[], i: number, text: string): number {
  let end = i;
  let k = i;
  while (k < tokens.length) {
    const t = tokens[k];
    if (t.kind === 'punct') {
      if (/^[-:'’?&*+]$/.test(t.text) && k + 1 < tokens.length) { k++; continue; }
      break;
    }
    const lower = t.lower;
    const prevGap = k > i ? text.slice(tokens[k - 1].end, t.start) : ' ';
    if (/\n/.test(prevGap)) break;
    if (isCap(t) || t.kind === 'num') {
      // "… in Language Models We use …": a pronoun followed by a lower-case word restarts a sentence
      const next = tokens[k + 1];
      if (k > i && SENTENCE_STARTERS.has(lower) && next && next.kind === 'word' && !isCap(next)) break;
      end = k + 1;
    } else if (!FUNCTION_WORDS.has(lower)) break;
    k++;
  }
  return end;
}
