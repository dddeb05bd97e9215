// Signal: concepts the lexicon does not know, from how research prose introduces them.
//   defined terms   "we call this X", "known as X", "referred to as X", "a method called X", "the notion of X";
//                   "X, a method that …", "X is a technique for …" (a category noun and a clause word after it);
//   heading phrases noun phrases of headings and of the document's title ("Reward model overoptimisation").
// Precision is held by the lexicon's stop names and generic and descriptive words (a phrase made only of
// "model", "training", "evaluation" is no concept) and by compromise's word lexicon (verbs, pronouns and
// other function words end a phrase). Every defined term is also what the document is ABOUT; a heading
// phrase is when it is in the document's title (topics.ts).

import type { Sentence, Token } from '../core/text-index.ts';
import { FUNCTION_WORDS, wholeWordOccurrences } from '../core/text-index.ts';
import type { CandidateRelation, Ctx } from '../core/types.ts';
import { docEnd, evidenceOf, mention, mentionEnd } from '../core/types.ts';
import { fold } from '../../keys.ts';
import { lowerCaseTags, nameTag } from '../core/nlp.ts';
import { CUES } from '../../knowledge/cues.ts';
import { alternation } from '../../knowledge/data-file.ts';
import { found, type Method } from '../../knowledge/methods.ts';
import { BREAK_TAGS } from '../core/phrases.ts';

const DEF = CUES.definitions;
const TERM_AFTER_CUE = new RegExp(`\\b(?:${alternation(DEF.before)}|(?:a|an|the)\\s+${alternation(DEF.categoryNouns)}\\s+(?:called|named))\\s+[“"‘'*_]*`, 'gi');
const APPOSITION = new RegExp(`^(?:\\s*,\\s*|\\s+(?:is|are)\\s+)(?:a|an)\\s+(?:[\\w-]+\\s+){0,2}?${alternation(DEF.categoryNouns)}s?\\s+${alternation(DEF.after)}\\b`, 'i');
const MAX_WORDS = 5;
const MAX_HEADING_WORDS = 8;

export function concepts(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  for (const s of ctx.index.sentences) {
    if (s.passage.kind === 'metadata') continue;
    definedTerms(ctx, s, out);
    if ((s.passage.kind === 'heading' || ctx.index.isTitle(s.passage)) && ctx.index.tokens(s).filter((t) => t.kind === 'word').length <= MAX_HEADING_WORDS) headingPhrases(ctx, s, out);
  }
  return out;
}

function definedTerms(ctx: Ctx, s: Sentence, out: CandidateRelation[]): void {
  const text = ctx.doc.text;
  const st = text.slice(s.start, s.end);
  const tokens = ctx.index.tokens(s);
  TERM_AFTER_CUE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TERM_AFTER_CUE.exec(st))) {
    let from = s.start + m.index + m[0].length;
    // "We call this weak preference for small lines “combing”": a quoted term after the cue is the name
    const q = /^[^“"”.;:]{0,80}?[“"]([^”"]{2,60})[”"]/.exec(text.slice(from, s.end));
    if (q && !/[“"]/.test(m[0])) from += q.index + q[0].indexOf(q[1]);
    const i = tokens.findIndex((t) => t.start >= from);
    if (i < 0) continue;
    const run = phraseRight(tokens, i, text);
    if (run) add(ctx, s, tokens, run, 'defined-term', out);
  }
  // "X, a method that …" / "X is a technique for …": the noun phrase right before the apposition
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (!(t.text === ',' || t.lower === 'is' || t.lower === 'are')) continue;
    if (!APPOSITION.test(text.slice(tokens[k - 1].end, Math.min(s.end, tokens[k - 1].end + 120)))) continue;
    const run = phraseLeft(tokens, k - 1);
    // a copula needs the phrase to open the sentence ("Reward hacking is a failure mode where …")
    if (run && (t.text === ',' || run[0] === firstWordAfterDeterminer(tokens))) add(ctx, s, tokens, run, 'defined-term', out);
  }
}

const MIN_BODY_USES = 2;
const foldedText = new WeakMap<object, string>();

/** Does the phrase occur (whole words, any case) at least MIN_BODY_USES times outside its heading? */
function repeatedInBody(ctx: Ctx, phrase: string): boolean {
  let t = foldedText.get(ctx.doc);
  if (t === undefined) foldedText.set(ctx.doc, (t = ctx.doc.text.toLowerCase()));
  if (t.length !== ctx.doc.text.length) return false;
  return wholeWordOccurrences(t, phrase.toLowerCase()).length > MIN_BODY_USES;
}

function firstWordAfterDeterminer(tokens: Token[]): number {
  let i = tokens.findIndex((t) => t.kind === 'word');
  if (i >= 0 && /^(the|a|an)$/.test(tokens[i].lower)) i++;
  return i;
}

function headingPhrases(ctx: Ctx, s: Sentence, out: CandidateRelation[]): void {
  const tokens = ctx.index.tokens(s);
  // headings are Title Case: compromise tags the lower-cased heading, so that verbs read as verbs
  const tags = lowerCaseTags(ctx.doc.text.slice(s.start, s.end), s.start);
  for (let i = 0; i < tokens.length; i++) {
    if (!phraseWord(tokens[i])) continue;
    const tg = tags.get(tokens[i].start);
    if (tg && (tg.has('Verb') || tg.has('Gerund')) && !tg.has('Noun')) continue;
    const run = phraseRight(tokens, i, ctx.doc.text);
    if (!run) continue;
    // a section heading names a concept of the document only when the body repeats it; the title always does
    if (run[1] - run[0] >= 1 && (ctx.index.isTitle(s.passage) || repeatedInBody(ctx, ctx.doc.text.slice(tokens[run[0]].start, tokens[run[1]].end)))) add(ctx, s, tokens, run, 'heading-phrase', out);
    i = run[1];
  }
}

/** A word that may stand inside a noun phrase: a letter word compromise does not tag as a clause word. */
function phraseWord(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word' || !/^[\p{L}][\p{L}\p{N}-]*$/u.test(t.text)) return false;
  if (FUNCTION_WORDS.has(t.lower)) return false;
  const tag = nameTag(t.lower);
  return !tag || !BREAK_TAGS.has(tag);
}

/** The noun phrase starting at token i (leading determiners skipped): token range [a, b] or null. */
function phraseRight(tokens: Token[], i: number, text: string): [number, number] | null {
  while (i < tokens.length && /^(the|a|an|this|our|their)$/.test(tokens[i].lower)) i++;
  let j = i;
  let words = 0;
  while (j < tokens.length && words < MAX_WORDS && phraseWord(tokens[j])) {
    if (j > i && /\n/.test(text.slice(tokens[j - 1].end, tokens[j].start))) break;
    words++;
    // hyphenated compounds stay one word ("privacy-aware", "fine-tuning", "end-to-end")
    while (tokens[j + 1]?.text === '-' && tokens[j + 1].start === tokens[j].end && tokens[j + 2]?.kind === 'word' && tokens[j + 2].start === tokens[j + 1].end) j += 2;
    j++;
  }
  return j > i ? [i, j - 1] : null;
}

/** The noun phrase ending at token e: token range [a, e] or null. */
function phraseLeft(tokens: Token[], e: number): [number, number] | null {
  let a = e;
  let words = 0;
  while (a >= 0 && words < MAX_WORDS && phraseWord(tokens[a])) {
    words++;
    while (tokens[a - 1]?.text === '-' && tokens[a - 1].end === tokens[a].start && tokens[a - 2]?.kind === 'word' && tokens[a - 2].end === tokens[a - 1].start) a -= 2;
    a--;
  }
  return a < e ? [a + 1, e] : null;
}

function add(ctx: Ctx, s: Sentence, tokens: Token[], [a, b]: [number, number], method: Method, out: CandidateRelation[]): void {
  // a phrase ends on a noun: trailing adjectives are left out ("… is differentiable"); gerunds stay ("reward hacking")
  while (b >= a && (tokens[b].text === '-' || ['Adjective', 'Comparable'].includes(nameTag(tokens[b].lower) ?? ''))) b--;
  const v = ctx.lexicon.vocab;
  // a leading verb form, number word or plain modifier is not part of the name ("Comparing recurrent units",
  // "other ways", "Four experiments", "Small community")
  while (a < b && (['Gerund', 'PastTense', 'TextValue', 'Cardinal'].includes(nameTag(tokens[a].lower) ?? '') || v.genericWords.has(tokens[a].lower) || v.plainModifiers.has(tokens[a].lower) || tokens[a].text === '-')) a++;
  if (b < a) return;
  const start = tokens[a].start;
  const end = tokens[b].end;
  const phrase = ctx.doc.text.slice(start, end);
  const words = tokens.slice(a, b + 1).filter((t) => t.kind === 'word').map((t) => t.lower);
  if (phrase.length < 4 || v.stopNames.has(fold(phrase)) || v.genericWords.has(fold(phrase))) return;
  // made only of generic and descriptive words: not a name of anything ("model training", "safety research")
  if (words.every((w) => v.genericWords.has(w) || v.descriptiveWords.has(w) || v.broadConcepts.has(w))) return;
  // one ordinary English word is not a defined concept; one unknown to compromise may be ("superposition")
  if (words.length === 1 && (nameTag(words[0]) || method === 'heading-phrase')) return;
  // identifiers and citation keys are not terms ("raghupathy2004curve")
  if (words.some((w) => /\p{N}/u.test(w) && /\p{L}/u.test(w)) && method === 'defined-term') return;
  // capitalised runs in running text are names, not defined terms ("known as Microsoft Research")
  if (method === 'defined-term' && tokens.slice(a, b + 1).every((t) => t.kind !== 'word' || /^\p{Lu}/u.test(t.text)) && words.length > 1) return;
  if (ctx.acc.overlapping(start, end).length) return;
  const i = ctx.acc.add(mention(ctx.doc, s.passage, start, end, 'Concept', found(method), { canonical: phrase.replace(/\b(\p{Lu})(\p{Ll}+)/gu, (_, a: string, b: string) => a.toLowerCase() + b) }));
  // a defined term is what the document is about; a heading phrase only when it is in the title (topics.ts)
  if (i < 0 || method !== 'defined-term') return;
  out.push({ type: 'ABOUT', from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found('defined-topic')) });
}
