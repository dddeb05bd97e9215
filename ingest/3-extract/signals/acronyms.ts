// Signal: acronym definitions, "Sparse Autoencoders (SAEs)", "Indirect Object Identification (IOI)",
// "ARC (Alignment Research Center)". The long form is found with the Schwartz & Hearst (2003) algorithm:
// walk the acronym's letters right to left through the words before the parenthesis, the first letter
// matching a word start. The type comes from the lexicon (the long form's entry), an organisation head word,
// or defaults to Concept. Every later use of the short form in the document then names the same entity.

import type { EntityType } from '../../types.ts';
import { lookupEntry } from '../../lexicon.ts';
import type { LexiconEntry } from '../../lexicon.ts';
import type { Ctx } from '../core/types.ts';
import { mention } from '../core/types.ts';
import { FUNCTION_WORDS, wholeWordOccurrences } from '../core/text-index.ts';
import { fold, nameKey } from '../../keys.ts';
import { found } from '../../knowledge/methods.ts';

const SHORT = /^[A-Z][A-Za-z0-9&-]{0,9}$/;

export interface Definition {
  short: string;
  long: string;
  type: EntityType;
  entry?: LexiconEntry;
}

/**
 * Schwartz–Hearst: the shortest tail of `before` whose letters spell `short` (right to left, the first
 * letter at a word start). Returns the offset in `before` where the long form starts, or -1.
 */
export function longFormStart(short: string, before: string): number {
  // "SAEs": a plural "s" after capitals is not a letter of the acronym
  const sf = (/[A-Z]s$/.test(short) ? short.slice(0, -1) : short).toLowerCase();
  const lf = before.toLowerCase();
  const alnum = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);
  let si = sf.length - 1;
  let li = lf.length - 1;
  while (si >= 0) {
    const c = sf[si];
    if (!alnum(c)) { si--; continue; }
    while (li >= 0 && (lf[li] !== c || (si === 0 && alnum(lf[li - 1])))) li--;
    if (li < 0) return -1;
    li--;
    si--;
  }
  return lf.lastIndexOf(' ', li + 1) + 1;
}

export function acronyms(ctx: Ctx): Definition[] {
  const { doc, index, lexicon } = ctx;
  const defs = new Map<string, Definition>();
  for (const s of index.sentences) {
    const text = doc.text.slice(s.start, s.end);
    // "long form (SHORT)"
    const re = /\(\s*([A-Za-z][A-Za-z0-9&-]{1,10})\s*\)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const short = m[1];
      const upper = short.replace(/[^A-Z]/g, '').length;
      if (!SHORT.test(short) || upper < 2) continue;
      const before = text.slice(Math.max(0, m.index - 160), m.index).replace(/\s+$/, '');
      const at = longFormStart(short, before);
      if (at < 0) continue;
      const long = before.slice(at).replace(/[,;:]+$/, '');
      const longWords = long.split(/\s+/).filter(Boolean);
      const letters = short.replace(/s$/, '').length;
      if (longWords.length < 2 || longWords.length > Math.min(letters + 5, letters * 2)) continue;
      if (FUNCTION_WORDS.has(longWords[0].toLowerCase())) continue;
      const longStart = s.start + Math.max(0, m.index - 160) + at;
      const longEnd = longStart + long.length;
      if (doc.text.slice(longStart, longEnd) !== long) continue;
      const def = define(ctx, short, long);
      if (!def) continue;
      defs.set(short.replace(/s$/, ''), def);
      const extra = def.entry ? { canonical: def.entry.name, lexiconId: def.entry.id } : { canonical: long };
      ctx.acc.add(mention(doc, s.passage, longStart, longEnd, def.type, found('acronym-long'), extra));
      const shortStart = s.start + m.index + m[0].indexOf(short);
      ctx.acc.add(mention(doc, s.passage, shortStart, shortStart + short.length, def.type, found('acronym'), extra));
    }
  }
  // later uses of each defined short form (and its plural) anywhere in the document
  for (const [short, def] of defs) {
    const extra = def.entry ? { canonical: def.entry.name, lexiconId: def.entry.id } : { canonical: def.long };
    for (const form of [short, `${short}s`]) {
      for (const at of wholeWordOccurrences(doc.text, form)) {
        const p = index.passageAt(at);
        if (p) ctx.acc.add(mention(doc, p, at, at + form.length, def.type, found('acronym', 'laterUse'), extra));
      }
    }
  }
  void lexicon;
  return [...defs.values()];
}

function define(ctx: Ctx, short: string, long: string): Definition | null {
  const lex = ctx.lexicon;
  if (lex.vocab.stopNames.has(fold(long))) return null;
  for (const type of ['Organization', 'Concept', 'Model'] as EntityType[]) {
    const entry = lookupEntry(lex, type, long) ?? lookupEntry(lex, type, short);
    if (entry) return { short, long, type, entry };
  }
  const lastWord = long.split(/\s+/).pop() ?? '';
  if (lex.vocab.orgHeads.has(lastWord) || lex.vocab.orgHeadsWeak.has(lastWord)) return { short, long, type: 'Organization' };
  // a capitalised run that compromise or our rules would call a person is not an acronym definition
  if (!/^[\p{L}\p{N}][\p{L}\p{N}\s'’-]*$/u.test(long)) return null;
  if (nameKey(long).split('-').length > 8) return null;
  return { short, long, type: 'Concept' };
}
