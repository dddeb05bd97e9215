// Name keys: the one normalisation that decides when two names are the same. Entity ids, lexicon lookups,
// resolution and the eval all compare names through nameKey(), so "Anthropic’s", "anthropic" and
// "ANTHROPIC" meet, and "sparse autoencoders" meets "sparse autoencoder".
// Inflection is compromise's noun transform, with the field's irregular plurals from lexicon/cues.json
// ("biases" → "bias", "matrices" → "matrix"); compromise's own model is read, never changed.

import nlp from 'compromise/two';
import type { EntityType } from './types.ts';
import { CUES } from './knowledge/cues.ts';

/** Straighten typographic quotes and apostrophes; the same for every comparison in Atlas. */
export function straighten(s: string): string {
  return s.replace(/[’‘‛`´]/g, "'").replace(/[“”„‟]/g, '"').replace(/[‐‑‒–—]/g, '-');
}

/** Fold case, diacritics and typography: "Hänni" → "hanni", "Anthropic’s" → "anthropic's". */
export function fold(s: string): string {
  // fast path: plain ASCII needs only lower-casing (most tokens; fold runs once per token)
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return straighten(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

type NounTransform = (word: string, model: unknown) => string;
const nounTransform = (nlp.methods() as unknown as { two: { transform: { noun: { toSingular: NounTransform; toPlural: NounTransform } } } }).two.transform.noun;
const compromiseModel = nlp.model() as unknown as { two: { irregularPlurals: Record<string, string>; uncountable: Record<string, boolean> } };
// compromise's irregular plurals plus the field's; a private model object, so compromise's own stays as it is
const inflectionModel = {
  two: {
    irregularPlurals: { ...compromiseModel.two.irregularPlurals, ...CUES.irregularPlurals },
    uncountable: compromiseModel.two.uncountable,
  },
};
const INVARIABLE = new RegExp(`(?:${CUES.invariableEndings.join('|')})$`);
const singularCache = new Map<string, string>();
const pluralCache = new Map<string, string>();

/** "autoencoders" → "autoencoder", "policies" → "policy", "biases" → "bias"; leaves "analysis", "ethics" alone. */
export function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  let s = singularCache.get(word);
  if (s !== undefined) return s;
  if (/[A-Z]s$/.test(word)) s = word.slice(0, -1); // "SAEs", "LLMs"
  else if (word in CUES.irregularPlurals || INVARIABLE.test(word) && !Object.values(CUES.irregularPlurals).includes(word)) s = word;
  else s = nounTransform.toSingular(word, inflectionModel) || word;
  singularCache.set(word, s);
  return s;
}

/** "autoencoder" → "autoencoders", "bias" → "biases", "matrix" → "matrices". */
export function plural(word: string): string {
  let p = pluralCache.get(word);
  if (p === undefined) pluralCache.set(word, (p = nounTransform.toPlural(word, inflectionModel) || `${word}s`));
  return p;
}

const PREPOSITIONS = new Set(['of', 'for', 'in', 'on', 'to', 'from', 'with', 'at', 'by', 'via', 'against']);

/** The head noun of a phrase: the word before the first preposition, else the last word. */
export function headIndex(words: readonly string[]): number {
  for (let i = 1; i < words.length; i++) if (PREPOSITIONS.has(words[i])) return i - 1;
  return words.length - 1;
}

/** Singularise the head noun of a phrase. */
export function singularHead(words: string[]): string[] {
  if (words.length === 0) return words;
  const out = words.slice();
  const head = headIndex(words);
  out[head] = singular(out[head]);
  return out;
}

/**
 * The normalised key of a name, used in entity ids and for alias comparison: folded, possessives dropped,
 * punctuation and hyphens become separators, decimal points kept ("Claude 3.7 Sonnet" → "claude-3.7-sonnet").
 * Concepts singularise their head noun so that "sparse autoencoders" and "sparse autoencoder" meet.
 */
export function nameKey(name: string, type?: EntityType): string {
  // Memoised: resolution asks for the same few names' keys hundreds of thousands of times at corpus scale,
  // and one string per distinct name is less for the collector than one per call.
  const cache = keyCache[type ?? ''] ??= new Map();
  let key = cache.get(name);
  if (key === undefined) {
    if (cache.size >= KEY_CACHE_SIZE) cache.clear();
    cache.set(name, (key = computeNameKey(name, type)));
  }
  return key;
}

const KEY_CACHE_SIZE = 200_000;
const keyCache: Partial<Record<EntityType | '', Map<string, string>>> = {};

function computeNameKey(name: string, type?: EntityType): string {
  let s = fold(name).replace(/^@/, '');
  s = s.replace(/'s\b/g, '').replace(/s'(?=\s|$)/g, 's');
  s = s.replace(/(\d)\.(?=\d)/g, '$1\u0000');
  // a one-word person name is a handle: keep its underscores so "jane_doe" stays apart from "Jane Doe"
  if (type === 'Person' && !/\s/.test(s.trim())) s = s.replace(/_/g, '\u0001');
  let words = s.split(/[^\p{L}\p{N}\u0000\u0001]+/u).filter(Boolean);
  if (type === 'Concept') words = singularHead(words);
  return words.join('-').replace(/\u0000/g, '.').replace(/\u0001/g, '_');
}

/** Words of a key, for prefix and containment checks. */
export const keyWords = (key: string): string[] => key.split('-').filter(Boolean);
