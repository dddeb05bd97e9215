// Signal: authorship stated in running text, once people and papers are known.
//   "“AI safety via debate” by Geoffrey Irving, Paul Christiano and Dario Amodei" → AUTHORED each → paper
//     (coauthors(), before compromise: the list makes its full names people);
//   "This post was written by @TurnTrout" / "This paper is by A and B"          → AUTHORED each → document;
//   "Our paper, X, co-authored with A, B and C (NYU)" / "Joint work with A and B." → AUTHORED each → X, or
//   → the document when the sentence opens with the cue (coauthors(), before compromise: context makes names).

import type { CandidateRelation, Ctx, End } from '../core/types.ts';
import type { Sentence } from '../core/text-index.ts';
import { docEnd, evidenceOf, mentionEnd } from '../core/types.ts';
import { personsInList } from '../core/people.ts';
import { CUE_RE } from '../../knowledge/cues.ts';
import { found } from '../../knowledge/methods.ts';
import { paperNounsRe } from '../core/cue-patterns.ts';

const AFTER_TITLE_BY = /^\s*[”"’']?\s*[,)]?\s*(?:\([^)]{0,40}\)\s*)?(?:\bby|\bfrom)\s+/i;
const thisWorkBy = (ctx: Ctx) => paperNounsRe(ctx.lexicon, 'thisWorkBy', (nouns) => `\\bthis\\s+${nouns}\\s+(?:was|is|has been)\\s+(?:\\w+\\s+){0,2}?(?:written|authored|co-?written|co-?authored|produced|prepared)?\\s*by\\s+$`);
// Only names and list glue between two authors: "A, B, and C", "A & B".
const LIST_GLUE = /^\s*(?:,\s*(?:and\s+)?|\band\b\s*|&\s*)$/i;

export function authorship(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const { doc, index } = ctx;
  const list = ctx.acc.list;
  // the people of sentence s from offset `at` on, in text order (looked up in the sentence: linear)
  const peopleFrom = (s: Sentence, at: number): number[] => {
    const people = ctx.acc.inSentence(s).map((i) => ({ m: list[i], i })).filter(({ m }) => m.type === 'Person' && m.start >= at).sort((a, b) => a.m.start - b.m.start);
    const found: number[] = [];
    let cursor = at;
    for (const { m, i } of people) {
      const gap = doc.text.slice(cursor, m.start);
      if (found.length === 0 ? gap.trim() !== '' && gap.trim() !== '@' : !LIST_GLUE.test(gap.replace(/@$/, ''))) break;
      found.push(i);
      cursor = m.end;
    }
    return found;
  };
  list.forEach((p, pi) => {
    if (p.type !== 'Paper') return;
    const s = index.sentenceAt(p.start);
    if (!s) return;
    const by = AFTER_TITLE_BY.exec(doc.text.slice(p.end, s.end));
    if (!by) return;
    for (const a of peopleFrom(s, p.end + by[0].length)) out.push({ type: 'AUTHORED', from: mentionEnd(a), to: mentionEnd(pi), evidence: evidenceOf(s, found('title-by')) });
  });
  for (const s of index.sentences) {
    const text = doc.text.slice(s.start, s.end);
    for (const m of text.matchAll(/\bby\s+/gi)) {
      if (!thisWorkBy(ctx).test(text.slice(0, m.index! + m[0].length))) continue;
      for (const a of peopleFrom(s, s.start + m.index! + m[0].length)) out.push({ type: 'AUTHORED', from: mentionEnd(a), to: docEnd, evidence: evidenceOf(s, found('written-by')) });
    }
  }
  return out;
}

const COAUTHOR_CUE = /\b(?:co-?authored|co-?written|written jointly|joint work|in collaboration)\s+with\s+/gi;
// a list of capitalised names ("Salsabila Mahdi, David Rein, Jackson Petty and Samuel R. Bowman (NYU)")
const NAME = `\\p{Lu}[\\p{L}'’-]*(?:\\s+(?:\\p{Lu}\\.|\\p{Lu}[\\p{L}'’-]*|${CUE_RE.particle}))*(?:\\s*\\([^)]{1,40}\\))?`;
const NAME_LIST = new RegExp(`^@?${NAME}(?:\\s*(?:,\\s*(?:and\\s+)?|and\\s+|&\\s*)@?${NAME})*`, 'u');

const opensWithCue = (ctx: Ctx) => paperNounsRe(ctx.lexicon, 'opensWithCue', (nouns) => `^\\W*(?:this\\s+${nouns}\\s+(?:was|is)\\s+)?$`);

export function coauthors(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const { doc, index } = ctx;
  // "<Title> by A, B and C": the list after a named paper makes its names people, even ones compromise does not know
  ctx.acc.list.forEach((p, pi) => {
    if (p.type !== 'Paper') return;
    const s = index.sentenceAt(p.start);
    if (!s) return;
    const by = AFTER_TITLE_BY.exec(doc.text.slice(p.end, s.end));
    if (!by) return;
    const from = p.end + by[0].length;
    const span = NAME_LIST.exec(doc.text.slice(from, s.end));
    if (!span) return;
    for (const i of personsInList(ctx, s, from, from + span[0].length, found('title-by', 'person'), true)) {
      out.push({ type: 'AUTHORED', from: mentionEnd(i), to: mentionEnd(pi), evidence: evidenceOf(s, found('title-by')) });
    }
  });
  for (const s of index.sentences) {
    const text = doc.text.slice(s.start, s.end);
    COAUTHOR_CUE.lastIndex = 0;
    const m = COAUTHOR_CUE.exec(text);
    if (!m) continue;
    const from = s.start + m.index + m[0].length;
    const span = NAME_LIST.exec(doc.text.slice(from, s.end));
    if (!span) continue;
    const people = personsInList(ctx, s, from, from + span[0].length, found('coauthor-list', 'person'), true);
    if (!people.length) continue;
    // the paper the sentence names before the cue, else the document when the sentence opens with the cue
    const cue = s.start + m.index;
    const paper = ctx.acc.inSentence(s).find((i) => ctx.acc.list[i].type === 'Paper' && ctx.acc.list[i].end <= cue) ?? -1;
    let to: End | null = paper >= 0 ? mentionEnd(paper) : null;
    if (!to && opensWithCue(ctx).test(text.slice(0, m.index))) to = docEnd;
    if (!to) continue;
    for (const i of people) out.push({ type: 'AUTHORED', from: mentionEnd(i), to, evidence: evidenceOf(s, found('coauthor-list')) });
  }
  return out;
}
