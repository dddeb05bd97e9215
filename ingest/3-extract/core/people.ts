// Person names from context: list items after "Thanks to", "with A and B as team members", the owners in
// "A and B’s post". Context makes a capitalised run a person even when compromise does not know the first
// name ("Kaarel Hänni"); the checks here only keep out what cannot be a name.

import type { Sentence, Token } from './text-index.ts';
import { SENTENCE_STARTERS, isCap } from './text-index.ts';
import { fold, nameKey } from '../../keys.ts';
import type { Ctx } from './types.ts';
import { mention } from './types.ts';
import { isFirstName, nameTag, sentenceTags } from './nlp.ts';
import { PARTICLES } from '../../knowledge/cues.ts';
import { ADJUSTMENTS, type Found } from '../../knowledge/methods.ts';

// compromise tags that a word inside a personal name never has ("Finally", "Walking", "French", "Artifacts")
const NOT_NAME_TAGS = new Set(['Adverb', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Gerund', 'PastTense',
  'Modal', 'Copula', 'QuestionWord', 'Demonym', 'Plural', 'Cardinal', 'Ordinal', 'Infinitive', 'PresentTense']);
const NOT_SURNAME = /(?:tion|sion|ment|ness|ity|ism|ology|ware|ization|isation|ics)$/;
const NAME_WORD = /^\p{Lu}[\p{Ll}\p{Lu}'’.]*$/u;

/** Could these words be a person's name? (1–4 capitalised words, no stop words, not a lexicon non-person). */
export function nameLike(ctx: Ctx, words: string[]): boolean {
  if (words.length === 0 || words.length > 4) return false;
  const v = ctx.lexicon.vocab;
  if (SENTENCE_STARTERS.has(words[0].toLowerCase())) return false;
  for (const [i, w] of words.entries()) {
    if (PARTICLES.has(w) && i > 0 && i < words.length - 1) continue;
    if (!NAME_WORD.test(w)) return false;
    // all-capitals words are acronyms ("LISA", "LCM"), not names
    if (w.length >= 2 && /\p{L}/u.test(w) && w === w.toUpperCase() && !/^\p{Lu}\.$/u.test(w)) return false; // "R." is an initial
    if (v.personStopWords.has(w)) return false;
    const tag = nameTag(w);
    // a surname may be an English verb after a known first name ("David Rein", "Jonathan Read")
    const verbSurname = i > 0 && (tag === 'Infinitive' || tag === 'PresentTense') && isFirstName(words[0]);
    if (tag && NOT_NAME_TAGS.has(tag) && !(i === 0 && isFirstName(w)) && !verbSurname) return false;
    // abstract nouns are not surnames ("Norm Stabilization", "Data Augmentation")
    if (i > 0 && NOT_SURNAME.test(w)) return false;
  }
  const text = words.join(' ');
  if (v.stopNames.has(fold(text)) || v.genericWords.has(fold(text))) return false;
  if ((ctx.lexicon.byKey.get(nameKey(text)) ?? []).some((e) => e.type !== 'Person')) return false;
  return true;
}

/** Add a Person mention for [start, end) if it is name-like; returns its index or -1. */
export function personRun(ctx: Ctx, s: Sentence, start: number, end: number, how: Found): number {
  const text = ctx.doc.text.slice(start, end);
  const words = text.split(/[\s-]+/).filter(Boolean);
  // "Gram-Schmidt", "Bose-Einstein": one hyphenated token is an eponym, not a person's name
  if (!/\s/.test(text) && words.length > 1) return -1;
  if (!nameLike(ctx, words)) return -1;
  const existing = ctx.acc.find(start, end, 'Person');
  if (existing >= 0) return ctx.acc.add(mention(ctx.doc, s.passage, start, end, 'Person', how));
  if (ctx.acc.overlapping(start, end, 'Person').length) return -1; // an organisation, model… already there
  return ctx.acc.add(mention(ctx.doc, s.passage, start, end, 'Person', how));
}

/** The capitalised name run starting at token i (names may contain particles and hyphens). */
export function nameRunAt(tokens: Token[], i: number, text: string): number {
  let j = i;
  while (j < tokens.length && j - i < 8) {
    const t = tokens[j];
    const gap = j > i ? text.slice(tokens[j - 1].end, t.start) : '';
    if (j > i && /\n/.test(gap)) break;
    if (isCap(t)) { j++; continue; }
    if (t.kind === 'word' && PARTICLES.has(t.text) && isCap(tokens[j + 1])) { j++; continue; }
    // a middle initial: "Alexander B. Wiltschko"
    if (t.text === '.' && j > i && /^\p{Lu}$/u.test(tokens[j - 1].text) && gap === '' && isCap(tokens[j + 1])) { j++; continue; }
    if ((t.text === '-' || t.text === '’' || t.text === "'") && gap === '' && isCap(tokens[j + 1]) && tokens[j + 1].start === t.end) { j++; continue; }
    break;
  }
  return j;
}

/**
 * Person mentions for the items of a list between document offsets [from, to): "A, B and C for …, D and E".
 * Items that start with a lower-case word ("others at the LISA office") or name an organisation are skipped.
 * With `fullNamesOnly`, one-word items are skipped too. Returns the indexes of Person mentions (existing or new).
 */
export function personsInList(ctx: Ctx, s: Sentence, from: number, to: number, how: Found, fullNamesOnly = false): number[] {
  const text = ctx.doc.text;
  const tokens = ctx.index.tokens(s).filter((t) => t.start >= from && t.end <= to);
  const out: number[] = [];
  let atItemStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === ',' || t.text === ';' || t.text === '&' || t.lower === 'and') { atItemStart = true; continue; }
    if (!atItemStart) continue;
    if (t.lower === 'as' && tokens[i + 1]?.lower === 'well' && tokens[i + 2]?.lower === 'as') { i += 2; continue; }
    atItemStart = false;
    if (!isCap(t)) continue;
    const end = nameRunAt(tokens, i, text);
    const start = t.start;
    const stop = tokens[end - 1].end;
    // an accepted non-person mention (organisation, model) here wins
    const other = ctx.acc.overlapping(start, stop).map((k) => ctx.acc.list[k]).find((m) => m.type !== 'Person' && m.type !== 'Paper');
    if (other) { i = end - 1; continue; }
    const words = text.slice(start, stop).split(/[\s-]+/).filter(Boolean);
    const single = words.length === 1;
    if (single && fullNamesOnly) { i = end - 1; continue; } // "in collaboration with Argilla" is a company
    // a lone word is a person only if it is a known first name, or compromise reads it as a proper noun in
    // this sentence ("Finally", "As" are not)
    if (single && !isFirstName(words[0])) {
      const tags = sentenceTags(s, text.slice(s.start, s.end), s.start).get(start);
      if (!tags || !(tags.has('ProperNoun') || tags.has('Person')) || [...tags].some((t) => NOT_NAME_TAGS.has(t) || t === 'Adjective' || t === 'Verb')) { i = end - 1; continue; }
    }
    const idx = personRun(ctx, s, start, stop, single ? { ...how, confidence: how.confidence - ADJUSTMENTS.loneName } : how);
    if (idx >= 0) out.push(idx);
    i = end - 1;
  }
  return [...new Set(out)];
}
