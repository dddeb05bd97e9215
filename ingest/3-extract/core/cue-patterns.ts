// Patterns built from a lexicon's paper nouns ("paper", "post", "preprint" …, user-extensible) and the work
// nouns of lexicon/cues.json ("work", "results"), compiled once per lexicon and pattern name.

import type { Lexicon } from '../../lexicon.ts';
import { CUES } from '../../knowledge/cues.ts';
import { alternation } from '../../knowledge/data-file.ts';

const cache = new WeakMap<Lexicon, Map<string, RegExp>>();

/**
 * The regex `build` makes from the alternation of the paper nouns (with `work`, also the work nouns),
 * compiled once per lexicon under `name` (case-insensitive).
 */
export function paperNounsRe(lex: Lexicon, name: string, build: (nouns: string) => string, work = true): RegExp {
  let m = cache.get(lex);
  if (!m) cache.set(lex, (m = new Map()));
  let re = m.get(name);
  if (!re) {
    const words = [...lex.vocab.paperNouns, ...(work ? CUES.workNouns : [])];
    m.set(name, (re = new RegExp(build(alternation(words)), 'i')));
  }
  return re;
}

/** The title cue words before a title ("in", "see", "titled" …); `quoted` adds those enough for a quoted one. */
export function titleCueRe(lex: Lexicon, quoted: boolean): RegExp {
  const cues = [...CUES.titleCues.words, ...(quoted ? CUES.titleCues.quotedOnly : [])];
  return paperNounsRe(lex, quoted ? 'cueBeforeQuoted' : 'cueBefore', (nouns) => `(?:\\b(?:${alternation(cues)}|${nouns})\\s*[,:]?\\s*)$`, false);
}
