// Title job: descriptors. "Buck and Ryan’s post on meta-level adversarial evaluation": the owners are the
// authors, the descriptor is a Paper, and its topic phrase is a Concept the paper is ABOUT.

import type { Sentence, Token } from '../../core/text-index.ts';
import { SENTENCE_STARTERS, isCap } from '../../core/text-index.ts';
import { fold } from '../../../keys.ts';
import type { Ctx } from '../../core/types.ts';
import { evidenceOf, mention, mentionEnd } from '../../core/types.ts';
import { personRun } from '../../core/people.ts';
import { sentenceTags } from '../../core/nlp.ts';
import { found } from '../../../knowledge/methods.ts';
import type { TitleFindings } from './findings.ts';

/** "Buck and Ryan’s post on meta-level adversarial evaluation": the authors, the post and its topic. */
export function descriptors(ctx: Ctx, s: Sentence, out: TitleFindings): void {
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
    const paper = ctx.acc.add(mention(ctx.doc, s.passage, start, topic.end, 'Paper', found('descriptor')));
    if (paper < 0) continue;
    const ev = evidenceOf(s, found('descriptor', 'relation'));
    for (const o of owners) {
      if (ctx.acc.list[o].type === 'Person') out.relations.push({ type: 'AUTHORED', from: mentionEnd(o), to: mentionEnd(paper), evidence: ev });
    }
    // the whole topic phrase is the concept ("meta-level adversarial evaluation"), even where the lexicon
    // matched only part of it; a lone word is a concept only if the lexicon already knows it
    let concept = topic.words >= 2
      ? ctx.acc.add(mention(ctx.doc, s.passage, topic.start, topic.end, 'Concept', found('topic-phrase', 'descriptorConcept')))
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
    const existing = ctx.acc.overlapping(start, end).find((i) => ctx.acc.list[i].type !== 'Paper');
    const idx = existing ?? personRun(ctx, s, start, end, found('possessive'));
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
