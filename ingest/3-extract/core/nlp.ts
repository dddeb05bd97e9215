// compromise, set up once. Full tagging costs ~100 kB/s, so Atlas never parses whole documents with it:
//  - `nameTag(word)` reads compromise's word lexicon directly (first names, last names, honorifics): O(1);
//  - `sentenceTags()` runs the tagger on one sentence, only for capitalised names the cheaper signals could
//    not decide, and caches the result, so each sentence is parsed at most once.
// The field's own vocabulary is registered through `nlp.plugin({ words })` once, when a lexicon is built
// (ingest/lexicon.ts), so compromise knows that "Anthropic" is an organisation and "Claude" a model rather
// than a first name; extraction itself never changes compromise's state.

import nlp from 'compromise/two';
import type { Lexicon } from '../../lexicon.ts';

const registered = new WeakSet<Lexicon>();

const TAG_OF = { Organization: 'Organization', Person: 'Person', Model: 'ProperNoun', Concept: 'Noun', Paper: 'ProperNoun', Dataset: 'ProperNoun', Software: 'ProperNoun' } as const;

/** Register the lexicon's names with compromise (idempotent per lexicon object); called by buildLexicon. */
export function registerLexicon(lex: Lexicon): void {
  if (registered.has(lex)) return;
  const words: Record<string, string> = {};
  for (const e of lex.entries) {
    if (e.type === 'Paper') continue;
    // ambiguous (context-gated) names stay unknown to compromise: "Meta" must not tag "Meta-level"
    for (const a of [e.name, ...e.aliases].filter((x) => !e.contextAliases.includes(x))) {
      const w = a.toLowerCase().trim();
      // compromise keys are lower-case: an acronym that is also an English word ("FAIR", "CHAI") would turn
      // every "Fair," into an organisation, so acronyms compromise already knows as common words stay out
      if (a.length > 1 && a === a.toUpperCase() && isCommonTag(nameTag(w))) continue;
      // compromise keys are lower-case; skip punctuation-heavy aliases it would not tokenise the same way
      if (w && /^[\p{L}\p{N}][\p{L}\p{N} .'-]*$/u.test(w)) words[w] = TAG_OF[e.type];
    }
  }
  nlp.plugin({ words });
  registered.add(lex);
}

const NAME_TAGS = new Set(['ProperNoun', 'Organization', 'Place', 'Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Country', 'City']);
const isCommonTag = (tag: string | undefined): boolean => !!tag && !NAME_TAGS.has(tag);

type LexiconMap = Record<string, string | string[] | undefined>;
let wordLexicon: LexiconMap | undefined;

/** compromise's own tag for a single word ("monte" → "MaleName"), without parsing anything. */
export function nameTag(word: string): string | undefined {
  wordLexicon ??= (nlp.model() as { one: { lexicon: LexiconMap } }).one.lexicon;
  const t = wordLexicon[word.toLowerCase()];
  return Array.isArray(t) ? t[0] : t;
}

/** Words compromise knows as ordinary vocabulary (not names). */
export function isCommonWord(word: string): boolean {
  const tag = nameTag(word);
  return !!tag && !['ProperNoun', 'Organization', 'Place', 'Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'].includes(tag);
}

const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'Person']);

/** True when compromise knows the word as a given name. */
export const isFirstName = (word: string): boolean => FIRST_NAME_TAGS.has(nameTag(word) ?? '');

const tagCache = new WeakMap<object, Map<number, Set<string>>>();

/**
 * compromise tags for the words of one sentence, keyed by document offset of each word.
 * `owner` is the sentence object (cache key), `text` its text, `base` its document offset.
 */
export function sentenceTags(owner: object, text: string, base: number): Map<number, Set<string>> {
  let tags = tagCache.get(owner);
  if (tags) return tags;
  tags = new Map();
  const json = nlp(text).json({ offset: true }) as Array<{ terms: Array<{ tags: string[]; offset: { start: number } }> }>;
  for (const s of json) for (const t of s.terms) tags.set(base + t.offset.start, new Set(t.tags));
  tagCache.set(owner, tags);
  return tags;
}

/**
 * compromise tags for the words of a short Title-Case text (a heading) read in lower case, keyed by document
 * offset ("Comparing Recurrent Units": "comparing" is a verb there, not a proper noun). Not cached: headings
 * are short and tagged once.
 */
export function lowerCaseTags(text: string, base: number): Map<number, Set<string>> {
  const lower = text.toLowerCase();
  const tags = new Map<number, Set<string>>();
  if (lower.length !== text.length) return tags;
  const json = nlp(lower).json({ offset: true }) as Array<{ terms: Array<{ tags: string[]; offset: { start: number } }> }>;
  for (const s of json) for (const t of s.terms) tags.set(base + t.offset.start, new Set(t.tags));
  return tags;
}
