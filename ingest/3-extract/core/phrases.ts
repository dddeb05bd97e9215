// Lower-case noun-phrase n-grams of one sentence: the candidates of the phrase signals (repeated-phrases.ts
// within a document, recurring.ts across a run). A phrase is a run of lower-case words glued by single
// spaces, cut at clause words (compromise's verbs, pronouns, determiners…), 2–4 words long, not made only
// of the lexicon's generic and descriptive words, not starting on a generic word or a plain modifier
// ("clear", "same", "next"), not ending on an adjective.

import type { Lexicon } from '../../lexicon.ts';
import type { DocIndex, Token } from './text-index.ts';
import { FUNCTION_WORDS } from './text-index.ts';
import { nameTag } from './nlp.ts';

/** compromise tags that end a noun phrase (clause words and numbers). */
export const BREAK_TAGS = new Set(['Verb', 'Infinitive', 'PresentTense', 'PastTense', 'Modal', 'Copula', 'Pronoun', 'Determiner',
  'Preposition', 'Conjunction', 'Adverb', 'QuestionWord', 'Cardinal', 'Ordinal', 'Possessive', 'Value', 'TextValue']);
export const MIN_PHRASE_WORDS = 2;
export const MAX_PHRASE_WORDS = 4;

/** A word that may stand inside a lower-case phrase. Two-letter pieces are contraction and citation
 * fragments ("I've" → "ve", "et al"), not words of a term. */
export const phraseWord = (w: string): boolean =>
  w.length > 2 && /^\p{Ll}[\p{Ll}-]*$/u.test(w) && !FUNCTION_WORDS.has(w) && !BREAK_TAGS.has(nameTag(w) ?? '');

export interface PhraseGram {
  phrase: string;
  /** Document offsets of the phrase's first and last character. */
  start: number;
  end: number;
}

/** Every candidate n-gram of one sentence's tokens, with its span; `text` is the document text. */
export function phraseGrams(tokens: Token[], text: string, lexicon: Lexicon): PhraseGram[] {
  const v = lexicon.vocab;
  const out: PhraseGram[] = [];
  let run: Token[] = [];
  const flush = () => {
    for (let n = MIN_PHRASE_WORDS; n <= MAX_PHRASE_WORDS; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const g = run.slice(i, i + n).map((t) => t.lower);
        if (g.every((w) => v.genericWords.has(w) || v.descriptiveWords.has(w))) continue;
        if (v.genericWords.has(g[0]) || v.plainModifiers.has(g[0]) || ['Adjective', 'Comparable'].includes(nameTag(g[n - 1]) ?? '')) continue;
        out.push({ phrase: g.join(' '), start: run[i].start, end: run[i + n - 1].end });
      }
    }
    run = [];
  };
  const words = glueHyphens(tokens, text);
  const firstWord = words.findIndex((t) => t.kind === 'word');
  for (let k = 0; k < words.length; k++) {
    const t = words[k];
    // a word glued to an apostrophe is a contraction or possessive stem ("don't", "model's"), not a term's word
    // the sentence's first word may carry a capital only for being first ("Reward hacking is …")
    const first = k === firstWord && /^\p{Lu}[\p{Ll}-]*$/u.test(t.text);
    const ok = t.kind === 'word' && phraseWord(first ? t.lower : t.text) && !/['’]/.test(text[t.end] ?? '');
    const glued = run.length > 0 && text.slice(words[k - 1].end, t.start) === ' ';
    if (ok && (run.length === 0 || glued)) run.push(t);
    else {
      flush();
      if (ok) run.push(t);
    }
  }
  flush();
  return out;
}

/** Hyphenated compounds as one word ("log-probabilities", "chain-of-thought"), so no phrase is cut inside one. */
function glueHyphens(tokens: Token[], text: string): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    let t = tokens[k];
    while (tokens[k + 1]?.text === '-' && tokens[k + 1].start === t.end && tokens[k + 2]?.kind === 'word' && tokens[k + 2].start === tokens[k + 1].end) {
      const end = tokens[k + 2].end;
      t = { start: t.start, end, text: text.slice(t.start, end), lower: text.slice(t.start, end).toLowerCase(), kind: 'word' };
      k += 2;
    }
    out.push(t);
  }
  return out;
}

/** A candidate phrase at one place of the document, with the index of its sentence in the DocIndex. */
export interface SentenceGram extends PhraseGram {
  sentence: number;
}

/** Every candidate n-gram of the document's prose: metadata passages, inline code and markup are not prose. */
export function documentGrams(index: DocIndex, lexicon: Lexicon): SentenceGram[] {
  const text = index.doc.text;
  const out: SentenceGram[] = [];
  index.sentences.forEach((s, si) => {
    if (s.passage.kind === 'metadata') return;
    for (const g of phraseGrams(index.tokens(s), text, lexicon)) if (!inCodeOrMarkup(text, s.start, g)) out.push({ ...g, sentence: si });
  });
  return out;
}

/** Inside `inline code` (an odd number of backticks before it in the sentence) or an HTML tag (`<span style=`). */
function inCodeOrMarkup(text: string, sentenceStart: number, g: PhraseGram): boolean {
  const before = text.slice(sentenceStart, g.start);
  if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return true;
  const lt = before.lastIndexOf('<');
  return lt >= 0 && before.indexOf('>', lt) < 0;
}
