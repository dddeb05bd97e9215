// Signal: titles of papers and posts written in running text.
//  - quoted titles: “Sleeper Agents: Training Deceptive LLMs…”, our “Sleeper Agents” paper — but not scare
//    quotes ("wisdom deficit") or quoted sentences ("I’m less concerned about this; …");
//  - unquoted colon titles after a cue word: "as I argue in A Sense of Fairness: Deconfusing Ethics";
//  - linkposts: "This is a linkpost for Sparse Autoencoders Find Highly Interpretable Directions…";
//  - descriptors: "Buck and Ryan’s post on meta-level adversarial evaluation" (authors + topic);
//  - first person: "our recent paper, “X”" → AUTHORED by the byline authors.

import type { Sentence, Token } from '../core/text-index.ts';
import type { Lexicon, LexiconEntry } from '../../lexicon.ts';
import { FUNCTION_WORDS, SENTENCE_STARTERS, fold, isCap, isTitleCase, nameKey, straighten } from '../core/text-index.ts';
import type { CandidateRelation, Ctx } from '../core/types.ts';
import { evidenceOf, mention, mentionEnd } from '../core/types.ts';
import { lookupEntry } from '../../lexicon.ts';
import { personRun } from '../core/people.ts';
import { sentenceTags } from '../core/nlp.ts';

export interface TitleFindings {
  relations: CandidateRelation[];
  /** Passage id → Paper mention a linkpost passage is about ("This is a linkpost for X. We use …"). */
  linkposts: Map<string, number>;
}

const QUOTES: Array<[RegExp, 'double' | 'single']> = [
  [/“\s*([^”\n]{2,300}?)\s*”/g, 'double'],
  [/(?<![\p{L}\p{N}])"\s*([^"\n]{2,300}?)\s*"/gu, 'double'],
  [/(?<![\p{L}\p{N}])[‘']([^‘’'\n]{3,200})[’'](?![\p{L}\p{N}])/gu, 'single'],
  [/«\s*([^»\n]{2,300}?)\s*»/g, 'double'],
];
const CUE_BEFORE = /(?:\b(?:in|see|read|from|titled|entitled|called|our|my|their|his|her|the|full|post|paper|essay|article|report|sequence|linkpost for)\s*[,:]?\s*)$/i;
const LINKPOST = /\b(?:this is a\s+)?link-?post\s+(?:for|to|of)\s*[:–—-]?\s*/gi;
const FIRST_PERSON_OWNER = /\b(?:our|my)\b(?:\s+\w+){0,3}\s*[,:]?\s*[“"]?\s*$/i;

export function titles(ctx: Ctx): TitleFindings {
  const out: TitleFindings = { relations: [], linkposts: new Map() };
  const selfKey = ctx.doc.meta.title ? nameKey(ctx.doc.meta.title) : '';
  for (const s of ctx.index.sentences) {
    quoted(ctx, s, selfKey, out);
    colonTitles(ctx, s, selfKey);
    linkposts(ctx, s, selfKey, out);
    descriptors(ctx, s, out);
    knownTitles(ctx, s, selfKey);
  }
  firstPersonAuthorship(ctx, out);
  return out;
}

/** Add a Paper mention for a title span, canonicalised through the lexicon's Paper entries. */
function addTitle(ctx: Ctx, s: Sentence, start: number, end: number, method: string, confidence: number, selfKey: string): number {
  const text = ctx.doc.text.slice(start, end);
  const key = nameKey(text);
  if (!key || key === selfKey || ctx.lexicon.vocab.stopNames.has(fold(text))) return -1;
  const entry = lookupEntry(ctx.lexicon, 'Paper', text);
  // "Short Title: long subtitle" — the short title may stand for the paper elsewhere in the batch
  const colon = straighten(text).indexOf(':');
  const weak = colon > 0 ? [nameKey(text.slice(0, colon))] : undefined;
  return ctx.acc.add(mention(ctx.doc, s.passage, start, end, 'Paper', method, confidence, {
    ...(entry ? { canonical: entry.name, lexiconId: entry.id } : {}),
    ...(weak ? { weakKeys: weak } : {}),
  }));
}

function quoted(ctx: Ctx, s: Sentence, selfKey: string, out: TitleFindings): void {
  const text = ctx.doc.text.slice(s.start, s.end);
  for (const [re, kind] of QUOTES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const inner = m[1].replace(/[\s,;]+$/, '');
      const innerStart = s.start + m.index + m[0].indexOf(m[1]);
      const innerEnd = innerStart + inner.length;
      const words = inner.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
      if (words.length === 0 || words.length > 30) continue;
      // code and styles ("height: auto; width: 300px") are not titles
      if (/[;{}=<>\\]|\d(?:px|em|%)\b/.test(inner) || words.filter((w) => /^[\p{L}'’:,?!-]+$/u.test(w)).length < words.length * 0.6) continue;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      const paperAfter = paperNounAhead(ctx, after);
      const colon = /^[^:]*\p{L}{2}[^:]*:\s*\p{L}\S*(?:\s+\S+)+/u.test(straighten(inner)) && !/\d:\d/.test(inner) && words.length >= 4;
      const title = isTitleCase(words);
      const sentenceLike = /[.]$/.test(inner) || SENTENCE_STARTERS.has(fold(words[0]).replace(/['’].*$/, '')) && !paperAfter
        || /^(i|i'm|i’m|it's|it’s|we're|we’re|you're|you’re|don't|don’t)$/i.test(words[0]);
      // "Paul Christiano’s “What failure looks like”": a person's possessive names the author of a quoted title
      const author = kind === 'double' && words.length >= 2 && /^\p{Lu}/u.test(words[0]) && !/[.!?]$/.test(inner)
        && (words.length >= 4 || (title && words.length >= 3) || paperAfter) ? possessivePerson(ctx, s, s.start + m.index) : -1;
      if (author >= 0) {
        const i = addTitle(ctx, s, innerStart, innerEnd, 'quoted-title', 0.75, selfKey);
        if (i >= 0) out.relations.push({ type: 'AUTHORED', from: mentionEnd(author), to: mentionEnd(i), evidence: evidenceOf(s, 'possessive-title', 0.7) });
        continue;
      }
      if (sentenceLike && !paperAfter) continue;
      let confidence = 0;
      if (paperAfter && (title || colon || words.length >= 2)) confidence = 0.85;
      else if (colon && kind === 'double') confidence = 0.8;
      else if (title && words.length >= 2 && CUE_BEFORE.test(before)) confidence = 0.75;
      // a paper the field knows, quoted: whatever precedes it ("builds on “Toy Models of Superposition”")
      else if (kind === 'double' && words.length >= 2 && lookupEntry(ctx.lexicon, 'Paper', inner)) confidence = 0.85;
      // three or more title-cased words in double quotes are a title, not scare quotes
      else if (kind === 'double' && title && words.length >= 3 && !/[.!?]$/.test(inner)) confidence = 0.7;
      if (!confidence) continue;
      addTitle(ctx, s, innerStart, innerEnd, 'quoted-title', confidence, selfKey);
    }
  }
}

/** The Person whose possessive ends right before offset `at` ("Paul Christiano’s “…”"), or -1. */
function possessivePerson(ctx: Ctx, s: Sentence, at: number): number {
  const before = ctx.doc.text.slice(Math.max(s.start, at - 60), at);
  const m = /(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,3})['’]s\s*$/u.exec(before);
  if (!m) return -1;
  const start = at - before.length + m.index;
  const end = start + m[1].length;
  const known = ctx.acc.find(start, end, 'Person');
  if (known >= 0) return known;
  if (ctx.acc.overlapping(start, end).length) return -1;
  return personRun(ctx, s, start, end, 'possessive', 0.7);
}

function paperNounAhead(ctx: Ctx, after: string): boolean {
  const m = /^[\s,)]*((?:[\p{L}-]+\s+){0,1}[\p{L}-]+)/u.exec(after);
  if (!m) return false;
  return m[1].split(/\s+/).some((w) => ctx.lexicon.vocab.paperNouns.has(w.toLowerCase()));
}

/** Title-case words from token i going right; stops at a sentence restart ("We use"). */
function titleRunRight(tokens: Token[], i: number, text: string): number {
  let end = i;
  let k = i;
  while (k < tokens.length) {
    const t = tokens[k];
    if (t.kind === 'punct') {
      if (/^[-:'’?&]$/.test(t.text) && k + 1 < tokens.length) { k++; continue; }
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

// unquoted titles need a stronger cue than quoted ones
const CUE_BEFORE_UNQUOTED = /(?:\b(?:in|see|read|titled|entitled|called|our|my|their|his|her|post|paper|essay|article|report|sequence|linkpost for)\s*[,:]?\s*)$/i;

function colonTitles(ctx: Ctx, s: Sentence, selfKey: string): void {
  if (ctx.index.isTitle(s.passage)) return;
  const tokens = ctx.index.tokens(s);
  const text = ctx.doc.text;
  for (let c = 1; c < tokens.length - 2; c++) {
    if (tokens[c].text !== ':') continue;
    // left side: capitalised run ending at the colon
    let l = c;
    while (l > 0) {
      const t = tokens[l - 1];
      if (t.kind === 'punct' && /^[-'’]$/.test(t.text)) { l--; continue; }
      if (t.kind === 'punct') break;
      if (isCap(t) || t.kind === 'num' || (FUNCTION_WORDS.has(t.lower) && l - 1 > 0 && isCap(tokens[l - 2]))) l--;
      else break;
    }
    while (l < c && (tokens[l].kind === 'punct' || (FUNCTION_WORDS.has(tokens[l].lower) && !isCap(tokens[l])))) l++;
    if (l >= c || !isCap(tokens[l])) continue;
    const r = c + 1;
    // a subtitle starts with a capital or a number ("Relevant: in our …" is a label and a sentence)
    if (!isCap(tokens[r]) && tokens[r].kind !== 'num') continue;
    const rEnd = titleRunRight(tokens, r, text);
    const rightWords = tokens.slice(r, rEnd).filter((t) => t.kind === 'word');
    if (rightWords.length < 2) continue;
    const leftWords = tokens.slice(l, c).filter((t) => t.kind !== 'punct');
    if (leftWords.length === 1 && ctx.lexicon.vocab.stopNames.has(leftWords[0].lower)) continue;
    if (leftWords.length + rightWords.length < 4) continue;
    // a cue before it ("in", "see", "post") or a paper noun after it
    const before = text.slice(Math.max(s.start, tokens[l].start - 30), tokens[l].start);
    const after = text.slice(tokens[rEnd - 1].end, tokens[rEnd - 1].end + 30);
    if (!CUE_BEFORE_UNQUOTED.test(before) && !paperNounAhead(ctx, after)) continue;
    addTitle(ctx, s, tokens[l].start, tokens[rEnd - 1].end, 'colon-title', 0.7, selfKey);
  }
}

/** Short titles ("Sleeper Agents" for "Sleeper Agents: Training Deceptive LLMs…") of the lexicon's papers. */
interface TitleIndex { shorts: Map<string, LexiconEntry | null>; firsts: Set<string> }
const titleIndexes = new WeakMap<Lexicon, TitleIndex>();
function titleIndex(lex: Lexicon): TitleIndex {
  let ix = titleIndexes.get(lex);
  if (ix) return ix;
  const m = new Map<string, LexiconEntry | null>();
  const firsts = new Set<string>();
  for (const e of lex.entries) {
    if (e.type !== 'Paper') continue;
    for (const name of [e.name, ...e.aliases]) {
      firsts.add(fold(name.split(/[\s:]+/)[0]));
      const colon = straighten(name).indexOf(':');
      if (colon <= 0) continue;
      const short = name.slice(0, colon);
      if (short.trim().split(/\s+/).length < 2) continue;
      const k = nameKey(short);
      m.set(k, m.has(k) && m.get(k) !== e ? null : e); // a short title two papers share names neither
    }
  }
  ix = { shorts: m, firsts };
  titleIndexes.set(lex, ix);
  return ix;
}
const KNOWN_TITLE_NOUN_AFTER = /^\s*(?:paper|papers|post|preprint|report|work|results|sequence|article)\b/i;

/**
 * A paper the lexicon knows, named unquoted in running text: its full title in Title Case ("Toy Models of
 * Superposition", ≥ 3 words), or its short title followed by a paper noun ("our Sleeper Agents paper",
 * "Anthropic’s Scaling Monosemanticity work"). A bare short title is left to the concept it usually also is.
 */
function knownTitles(ctx: Ctx, s: Sentence, selfKey: string): void {
  if (ctx.index.isTitle(s.passage)) return;
  const tokens = ctx.index.tokens(s);
  const text = ctx.doc.text;
  const { shorts, firsts } = titleIndex(ctx.lexicon);
  for (let i = 0; i < tokens.length; i++) {
    if (!isCap(tokens[i]) || !firsts.has(tokens[i].lower)) continue;
    const end = titleRunRight(tokens, i, text);
    if (end - i < 2) continue;
    // longest prefix first, each ending on a capitalised word
    for (let e = end; e > i + 1; e--) {
      const last = tokens[e - 1];
      if (!isCap(last)) continue;
      const start = tokens[i].start;
      const span = text.slice(start, last.end);
      const words = span.split(/\s+/).length;
      if (ctx.acc.overlapping(start, last.end, 'Paper').some((k) => ctx.acc.list[k].type === 'Paper')) break;
      let entry: LexiconEntry | null | undefined = words >= 3 ? lookupEntry(ctx.lexicon, 'Paper', span) : undefined;
      const nounAfter = KNOWN_TITLE_NOUN_AFTER.test(text.slice(last.end, last.end + 12));
      // the key matched but not the words as written (case, punctuation): only a paper noun after it confirms it
      if (entry && !nounAfter && ![entry.name, ...entry.aliases].some((a) => straighten(a) === straighten(span))) entry = undefined;
      if (!entry && nounAfter) entry = shorts.get(nameKey(span));
      if (!entry) continue;
      const idx = addTitle(ctx, s, start, last.end, 'known-title', 0.75, selfKey);
      if (idx >= 0) Object.assign(ctx.acc.list[idx], { canonical: entry.name, lexiconId: entry.id });
      i = e - 1;
      break;
    }
  }
}

function linkposts(ctx: Ctx, s: Sentence, selfKey: string, out: TitleFindings): void {
  const text = ctx.doc.text.slice(s.start, s.end);
  LINKPOST.lastIndex = 0;
  const m = LINKPOST.exec(text);
  if (!m) return;
  const from = s.start + m.index + m[0].length;
  // the title may run past the sentence end when the excerpt lost its punctuation: use the passage
  const passage = s.passage;
  const tokens = ctx.index.tokens(s).filter((t) => t.start >= from);
  const list = tokens.length ? tokens : [];
  if (!list.length || !isCap(list[0])) {
    // quoted or linked title: the quote/link signals already made it; remember it for STUDIES/ABOUT
    const i = ctx.acc.list.findIndex((x) => x.type === 'Paper' && x.start >= from && x.start <= from + 3);
    if (i >= 0) out.linkposts.set(passage.id, i);
    return;
  }
  const end = titleRunRight(list, 0, ctx.doc.text);
  if (end < 2) return;
  const i = addTitle(ctx, s, list[0].start, list[end - 1].end, 'linkpost', 0.8, selfKey);
  if (i >= 0) out.linkposts.set(passage.id, i);
}

/** "Buck and Ryan’s post on meta-level adversarial evaluation": the authors, the post and its topic. */
function descriptors(ctx: Ctx, s: Sentence, out: TitleFindings): void {
  const tokens = ctx.index.tokens(s);
  const nouns = ctx.lexicon.vocab.paperNouns;
  for (let k = 2; k < tokens.length - 2; k++) {
    // pattern: … Name ’ s [adjective] post on|about TOPIC
    if (tokens[k].lower !== 's' || !/^['’]$/.test(tokens[k - 1].text)) continue;
    let n = k + 1;
    while (n < tokens.length && n < k + 3 && !nouns.has(tokens[n].lower) && tokens[n].kind === 'word' && !isCap(tokens[n])) n++;
    if (!nouns.has(tokens[n]?.lower ?? '') || !/^(on|about)$/.test(tokens[n + 1]?.lower ?? '')) continue;
    const owners = ownersBefore(ctx, s, tokens, k - 1);
    if (!owners.length) continue;
    const topic = topicPhrase(ctx, s, tokens, n + 2);
    if (!topic) continue;
    const start = ctx.acc.list[owners[0]].start;
    const paper = ctx.acc.add(mention(ctx.doc, s.passage, start, topic.end, 'Paper', 'descriptor', 0.7));
    if (paper < 0) continue;
    const ev = evidenceOf(s, 'descriptor', 0.75);
    for (const o of owners) {
      if (ctx.acc.list[o].type === 'Person') out.relations.push({ type: 'AUTHORED', from: mentionEnd(o), to: mentionEnd(paper), evidence: ev });
    }
    // the whole topic phrase is the concept ("meta-level adversarial evaluation"), even where the lexicon
    // matched only part of it; a lone word is a concept only if the lexicon already knows it
    let concept = topic.words >= 2
      ? ctx.acc.add(mention(ctx.doc, s.passage, topic.start, topic.end, 'Concept', 'topic-phrase', 0.6))
      : -1;
    if (concept < 0) concept = ctx.acc.find(topic.start, topic.end, 'Concept');
    if (concept >= 0) out.relations.push({ type: 'ABOUT', from: mentionEnd(paper), to: mentionEnd(concept), evidence: ev });
  }
}

/** The names before a possessive: "Buck and Ryan", "Lee Sharkey and Dan Braun", "Anthropic". */
function ownersBefore(ctx: Ctx, s: Sentence, tokens: Token[], apos: number): number[] {
  const owners: number[] = [];
  let k = apos; // token index just after the last owner word
  for (let guard = 0; guard < 6 && k > 0; guard++) {
    let j = k;
    while (j > 0 && (isCap(tokens[j - 1]) || (tokens[j - 1].text === '-' && isCap(tokens[j - 2])))) j--;
    if (j === k) break;
    const start = tokens[j].start;
    const end = tokens[k - 1].end;
    const existing = ctx.acc.overlapping(start, end).map((i) => ctx.acc.list[i]).find((m) => m.type !== 'Paper');
    let idx: number;
    if (existing) idx = ctx.acc.list.indexOf(existing);
    else idx = personRun(ctx, s, start, end, 'possessive', 0.7);
    if (idx < 0) break;
    owners.unshift(idx);
    const sep = tokens[j - 1];
    if (sep && (sep.lower === 'and' || sep.text === ',' || sep.text === '&')) k = j - 1;
    else break;
  }
  return owners;
}

/** A short noun phrase starting at token i, ended by a clause word or punctuation. */
function topicPhrase(ctx: Ctx, s: Sentence, tokens: Token[], i: number): { start: number; end: number; words: number } | null {
  const STOP = new Set(['as', 'which', 'that', 'is', 'was', 'are', 'for', 'and', 'to', 'by', 'from', 'in', 'with', 'at', 'but', 'or', 'because', 'where', 'when', 'if']);
  while (i < tokens.length && /^(the|a|an)$/.test(tokens[i].lower)) i++;
  let j = i;
  let words = 0;
  // the phrase ends at the clause's verb ("X's report on autonomous replication found that …"); tagging is
  // cached per sentence and descriptors are rare
  let tags: Map<number, Set<string>> | undefined;
  while (j < tokens.length && words < 6) {
    const t = tokens[j];
    if (t.kind === 'punct') {
      if (t.text === '-' && j > i && tokens[j + 1]?.kind === 'word') { j++; continue; }
      break;
    }
    if (STOP.has(t.lower) || SENTENCE_STARTERS.has(t.lower) && t.lower !== 'how') break;
    if (j > i && tokens[j - 1].text !== '-') {
      tags ??= sentenceTags(s, ctx.doc.text.slice(s.start, s.end), s.start);
      const tg = tags.get(t.start);
      if (tg && (tg.has('PastTense') || tg.has('PresentTense') || tg.has('Copula') || tg.has('Modal')) && !tg.has('Noun') && !tg.has('Adjective')) break;
    }
    words++;
    j++;
  }
  if (words === 0) return null;
  const start = tokens[i].start;
  const end = tokens[j - 1].end;
  if (ctx.lexicon.vocab.genericWords.has(fold(ctx.doc.text.slice(start, end)))) return null;
  return { start, end, words };
}

/** "our recent paper, “X”" / "our “X” paper" / "my post X": the byline authors wrote X. */
function firstPersonAuthorship(ctx: Ctx, out: TitleFindings): void {
  if (!ctx.authors.length) return;
  const text = ctx.doc.text;
  // in a comment thread "our paper" is the commenter's, not the post author's
  const thread = ctx.index.passages.find((p) => p.kind === 'heading' && /^[#\s]*comments?\b/i.test(p.text))?.start ?? Infinity;
  ctx.acc.list.forEach((m, i) => {
    if (m.type !== 'Paper' || m.surfaceNotAlias || m.start > thread) return;
    const s = ctx.index.sentenceAt(m.start);
    if (!s || s.passage.kind === 'comment' || s.passage.kind === 'quote') return;
    const before = text.slice(Math.max(s.start, m.start - 40), m.start);
    if (!FIRST_PERSON_OWNER.test(before)) return;
    for (const a of ctx.authors) {
      out.relations.push({ type: 'AUTHORED', from: a, to: mentionEnd(i), evidence: evidenceOf(s, 'first-person', 0.8) });
    }
  });
}
