// Signal: people's affiliations stated in a sentence.
//   "A, B, C and others at the LISA office"      → AFFILIATED_WITH (each person in the list before "at")
//   "Chris Olah (Anthropic)"                       → AFFILIATED_WITH
//   "Anthropic’s Chris Olah", "OpenAI researcher X" → AFFILIATED_WITH
//   "X, a researcher at Redwood Research", "X is a research scientist at Y", "X works at Y"
//                                                   → AFFILIATED_WITH ("head of"/"director of" → LEADS)
//   "A and B (Redwood)", "OpenAI researchers A, B and C" → AFFILIATED_WITH for each
//   "I work at / I’m a researcher at ORG" (byline author) → AFFILIATED_WITH
// A team or programme as the organisation gives MEMBER_OF instead.

import type { Sentence } from '../core/text-index.ts';
import type { CandidateMention, CandidateRelation, Ctx, End } from '../core/types.ts';
import { evidenceOf, mentionEnd } from '../core/types.ts';
import { CUE_RE } from '../../knowledge/cues.ts';
import { found, type Found } from '../../knowledge/methods.ts';

const ROLE = CUE_RE.role;
// between a person and an organisation: "X, a researcher at Y", "X is a scientist at Y", "X works at Y"
const ROLE_AT = new RegExp(`^\\s*,\\s*${ROLE}\\s+(?:at|of|from|with)\\s+(?:the\\s+)?$|^\\s+(?:is|was|has been|is now)\\s+${ROLE}\\s+(?:at|with)\\s+(?:the\\s+)?$|^\\s+${CUE_RE.work}\\s+(?:at|for)\\s+(?:the\\s+)?$`, 'i');
const LEAD_ROLE_OF = new RegExp(`^\\s*,\\s*${CUE_RE.leadRole}\\s+(?:of|at)\\s+(?:the\\s+)?$`, 'i');
const ROLE_BEFORE_NAME = new RegExp(`^\\s+${ROLE}\\s+$`, 'i');
const FIRST_PERSON = new RegExp(`\\bI${CUE_RE.firstPersonAffiliation}?(?:\\s+${ROLE})?\\s+(?:at|for|with)?\\s*(?:the\\s+)?$`);

export function affiliations(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const text = ctx.doc.text;
  for (const s of ctx.index.sentences) {
    const inS = ctx.acc.inSentence(s).map((i) => ({ m: ctx.acc.list[i], i })).filter(({ m }) => m.type !== 'Paper');
    const orgs = inS.filter(({ m }) => m.type === 'Organization');
    if (!orgs.length) continue;
    const people = inS.filter(({ m }) => m.type === 'Person').sort((a, b) => a.m.start - b.m.start); // lists read in text order
    for (const o of orgs) {
      const type = o.m.method === 'team' || /\b(program|programme|cohort|fellowship|team)\b/i.test(o.m.canonical ?? o.m.text) ? 'MEMBER_OF' : 'AFFILIATED_WITH';
      // "<list> (and others) at (the) ORG"
      const lead = text.slice(Math.max(s.start, o.m.start - 40), o.m.start);
      const at = /(?:\s+and\s+(?:others|colleagues|the rest of (?:the|their) team|friends))?\s+(?:at|from)\s+(?:the\s+)?$/i.exec(lead);
      if (at) {
        const cut = o.m.start - (lead.length - at.index);
        for (const p of listEndingAt(ctx, people, cut)) out.push(rel(type, mentionEnd(p), mentionEnd(o.i), s, found('at-org')));
      }
      for (const p of people) {
        if (p.m.end <= o.m.start) {
          const between = text.slice(p.m.end, o.m.start);
          // "X (ORG)"
          if (/^\s*\(\s*$/.test(between) && text.slice(o.m.end, o.m.end + 2).trimStart().startsWith(')')) {
            out.push(rel(type, mentionEnd(p.i), mentionEnd(o.i), s, found('parenthetical')));
            // "A and B (Redwood)": a pair shares the parenthetical (a longer comma list stays ambiguous)
            const pair = people.filter(({ m }) => m.end <= p.m.start).pop();
            // "…, David Rein, Jackson Petty and Samuel Bowman (NYU)": a name and a comma before the pair make it a list
            const listed = pair && /\p{Lu}[\p{L}.'’-]*\s*,\s*$/u.test(text.slice(Math.max(s.start, pair.m.start - 40), pair.m.start));
            if (pair && !listed && /^\s+(?:and|&)\s+$/.test(text.slice(pair.m.end, p.m.start))) {
              out.push(rel(type, mentionEnd(pair.i), mentionEnd(o.i), s, found('parenthetical', 'pair')));
            }
          } else if (ROLE_AT.test(between)) {
            out.push(rel(type, mentionEnd(p.i), mentionEnd(o.i), s, found('role-at')));
          } else if (LEAD_ROLE_OF.test(between)) {
            out.push(rel('LEADS', mentionEnd(p.i), mentionEnd(o.i), s, found('role-at')));
          }
        } else if (o.m.end <= p.m.start) {
          const between = text.slice(o.m.end, p.m.start);
          // "Anthropic’s Chris Olah", "OpenAI researcher Jan Leike"
          if (/^['’]s\s+$/.test(between) || ROLE_BEFORE_NAME.test(between)) {
            out.push(rel(type, mentionEnd(p.i), mentionEnd(o.i), s, found('possessive-org')));
            // "OpenAI researchers A, B and C": a plural role word introduces a list
            if (/s\s+$/.test(between) && !/^['’]s/.test(between)) {
              let edge = p.m.end;
              for (const q of people.filter(({ m }) => m.start >= p.m.end)) {
                if (!/^\s*(?:,|,?\s*and|&)\s*$/.test(text.slice(edge, q.m.start))) break;
                out.push(rel(type, mentionEnd(q.i), mentionEnd(o.i), s, found('possessive-org', 'listed')));
                edge = q.m.end;
              }
            }
          }
        }
      }
      firstPerson(ctx, s, o, type, out);
    }
  }
  return out;
}

/** Person mentions forming a list ("A, B and C") that ends right before `cut`. */
function listEndingAt(ctx: Ctx, people: Array<{ m: CandidateMention; i: number }>, cut: number): number[] {
  const text = ctx.doc.text;
  const out: number[] = [];
  let edge = cut;
  for (let k = people.length - 1; k >= 0; k--) {
    const p = people[k];
    if (p.m.end > edge) continue;
    const gap = text.slice(p.m.end, edge);
    if (out.length === 0 ? /^\s*$/.test(gap) : /^\s*(?:,|,?\s*and|&)\s*$/.test(gap)) {
      out.push(p.i);
      edge = p.m.start;
    } else break;
  }
  return out;
}

function firstPerson(ctx: Ctx, s: Sentence, o: { m: CandidateMention; i: number }, type: CandidateRelation['type'], out: CandidateRelation[]): void {
  if (!ctx.authors.length) return;
  const lead = ctx.doc.text.slice(Math.max(s.start, o.m.start - 60), o.m.start);
  if (!FIRST_PERSON.test(lead)) return;
  for (const a of ctx.authors) out.push(rel(type, a, mentionEnd(o.i), s, found('first-person-affiliation')));
}

function rel(type: CandidateRelation['type'], from: End, to: End, s: Sentence, how: Found): CandidateRelation {
  return { type, from, to, evidence: evidenceOf(s, how) };
}
