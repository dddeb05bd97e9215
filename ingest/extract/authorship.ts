// Signal: authorship stated in running text, once people and papers are known.
//   "“AI safety via debate” by Geoffrey Irving, Paul Christiano and Dario Amodei" → AUTHORED each → paper;
//   "This post was written by @TurnTrout" / "This paper is by A and B"          → AUTHORED each → document.

import type { CandidateRelation, Ctx } from './types.ts';
import { docEnd, evidenceOf, mentionEnd } from './types.ts';

const AFTER_TITLE_BY = /^\s*[”"’']?\s*[,)]?\s*(?:\([^)]{0,40}\)\s*)?(?:\bby|\bfrom)\s+/i;
const THIS_WORK_BY = /\bthis\s+(?:post|paper|article|essay|report|piece|work|sequence|note)\s+(?:was|is|has been)\s+(?:\w+\s+){0,2}?(?:written|authored|co-?written|co-?authored|produced|prepared)?\s*by\s+$/i;
// Only names and list glue between two authors: "A, B, and C", "A & B".
const LIST_GLUE = /^\s*(?:,\s*(?:and\s+)?|\band\b\s*|&\s*)$/i;

export function authorship(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const { doc, index } = ctx;
  const list = ctx.acc.list;
  const peopleFrom = (sEnd: number, at: number): number[] => {
    const people = list.map((m, i) => ({ m, i })).filter(({ m }) => m.type === 'Person' && m.start >= at && m.end <= sEnd).sort((a, b) => a.m.start - b.m.start);
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
    for (const a of peopleFrom(s.end, p.end + by[0].length)) out.push({ type: 'AUTHORED', from: mentionEnd(a), to: mentionEnd(pi), evidence: evidenceOf(s, 'title-by', 0.75) });
  });
  for (const s of index.sentences) {
    const text = doc.text.slice(s.start, s.end);
    for (const m of text.matchAll(/\bby\s+/gi)) {
      if (!THIS_WORK_BY.test(text.slice(0, m.index! + m[0].length))) continue;
      for (const a of peopleFrom(s.end, s.start + m.index! + m[0].length)) out.push({ type: 'AUTHORED', from: mentionEnd(a), to: docEnd, evidence: evidenceOf(s, 'written-by', 0.8) });
    }
  }
  return out;
}
