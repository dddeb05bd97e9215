// Signal: teams and who is in them.
//  names:  "the Alignment Stress-Testing team", "the Anthropic Alignment Science and Interpretability teams",
//          "Anthropic’s Interpretability team" → Organization mentions; the parent organisation (a prefix, a
//          possessive, "a new team at Anthropic, the X team", "the X team at Y") gives PART_OF.
//  people: "with A and B as current team members" → MEMBER_OF; "I have started leading … the X team" (with a
//          byline author) and "X leads / is the head of the Y team", "the Y team, led by X" → LEADS;
//          "A and B joined the X team" → MEMBER_OF.
// The team entity's canonical name includes its parent ("Anthropic Interpretability team") because two
// organisations can both have an "Interpretability team"; the bare name is kept as a weak key.

import type { Sentence, Token } from '../core/text-index.ts';
import { FUNCTION_WORDS, SENTENCE_STARTERS, isCap } from '../core/text-index.ts';
import { fold } from '../../keys.ts';
import type { CandidateMention, CandidateRelation, Ctx, End } from '../core/types.ts';
import { evidenceOf, mention, mentionEnd } from '../core/types.ts';
import { personsInList } from '../core/people.ts';
import { CUE_RE } from '../../knowledge/cues.ts';
import { found, type Found } from '../../knowledge/methods.ts';
import { isCommonWord } from '../core/nlp.ts';

const SKIP_MARKUP = /^[_*`]$/;

/** Stage 1: team names (needs organisation mentions from the lexicon already accepted). */
export function teamNames(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  for (const s of ctx.index.sentences) {
    const tokens = ctx.index.tokens(s);
    for (let k = 1; k < tokens.length; k++) {
      if (!ctx.lexicon.vocab.teamWords.has(tokens[k].lower)) continue;
      out.push(...teamAt(ctx, s, tokens, k));
    }
  }
  return out;
}

function orgAt(ctx: Ctx, start: number, end: number): number {
  for (const i of ctx.acc.overlapping(start, end)) {
    const m = ctx.acc.list[i];
    if (m.type === 'Organization' && m.start === start && m.method !== 'team') return i;
  }
  return -1;
}

function teamAt(ctx: Ctx, s: Sentence, tokens: Token[], k: number): CandidateRelation[] {
  const text = ctx.doc.text;
  const plural = tokens[k].lower.endsWith('s');
  // walk back over the capitalised name(s); plural "teams" may coordinate: "X and Y teams"
  let j = k - 1;
  while (j >= 0 && SKIP_MARKUP.test(tokens[j].text)) j--;
  const last = j;
  const segments: Array<[number, number]> = []; // token ranges [from, to] inclusive
  let segEnd = j;
  while (j >= 0) {
    const t = tokens[j];
    const joined = t.text === '-' && isCap(tokens[j - 1]) && tokens[j - 1].end === t.start;
    if (ctx.lexicon.vocab.teamWords.has(t.lower)) break; // "… Team Kandinsky Lab team": another team ends here
    if (isCap(t) || joined) { j--; continue; }
    if (SKIP_MARKUP.test(t.text)) { j--; continue; }
    if (plural && (t.lower === 'and' || t.text === ',' || t.text === '&') && isCap(tokens[j - 1]) && j < segEnd) {
      segments.unshift([j + 1, segEnd]);
      segEnd = j - 1;
      j--;
      continue;
    }
    break;
  }
  if (segEnd > j) segments.unshift([j + 1, segEnd]);
  if (!segments.length && !plural) return lowercaseTeam(ctx, s, tokens, k);
  // "The HuggingFace Team": leading determiners, pronouns and markup are not part of the name
  for (const seg of segments) {
    while (seg[0] <= seg[1] && (SKIP_MARKUP.test(tokens[seg[0]].text) || tokens[seg[0]].text === '-' || FUNCTION_WORDS.has(tokens[seg[0]].lower) || SENTENCE_STARTERS.has(tokens[seg[0]].lower))) seg[0]++;
  }
  if (!segments.length || last < 0 || segments[0][0] > segments[0][1]) return [];
  // possessive parent right before: "Anthropic’s Interpretability team"
  let parent = -1;
  const before = tokens[j];
  if (before && before.lower === 's' && /^['’]$/.test(tokens[j - 1]?.text ?? '') && tokens[j - 2]) {
    parent = ctx.acc.find(tokens[j - 2].start, tokens[j - 2].end, 'Organization');
  }
  // prefix parent: "Anthropic Alignment Science …"
  const [f0, t0] = segments[0];
  if (parent < 0) {
    const p = orgAt(ctx, tokens[f0].start, tokens[t0].end);
    if (p >= 0) {
      const pm = ctx.acc.list[p];
      let n = f0;
      while (n <= t0 && tokens[n].start < pm.end) n++;
      if (n > t0) return []; // "the Anthropic team" is the organisation itself
      parent = p;
      segments[0] = [n, t0];
    }
  }
  if (parent < 0) parent = parentNearby(ctx, s, tokens, segments[0][0], k);
  const out: CandidateRelation[] = [];
  const pName = parent >= 0 ? orgName(ctx.acc.list[parent]) : '';
  for (const [from, to] of segments) {
    let a = from;
    let b = to;
    while (a <= b && (SKIP_MARKUP.test(tokens[a].text) || tokens[a].text === '-' || FUNCTION_WORDS.has(tokens[a].lower) || SENTENCE_STARTERS.has(tokens[a].lower))) a++;
    while (b >= a && (SKIP_MARKUP.test(tokens[b].text) || tokens[b].text === '-')) b--;
    if (a > b) continue;
    const start = tokens[a].start;
    const end = tokens[b].end;
    const name = text.slice(start, end);
    const words = name.split(/[\s-]+/);
    // a single generic word is not a team name without its organisation ("the Research team")
    const v = ctx.lexicon.vocab;
    // a single ordinary word is not a team name without its organisation ("the Research team", "Hi team,")
    if (parent < 0 && words.length === 1 && (v.genericWords.has(fold(name)) || v.descriptiveWords.has(fold(name)) || isCommonWord(name))) continue;
    if (ctx.acc.overlapping(start, end).some((i) => ['Person', 'Model'].includes(ctx.acc.list[i].type))) continue;
    // the team word belongs to the span only when it directly follows a singular name
    const teamTok = tokens[k];
    const spanEnd = !plural && b === last && /^\s+$/.test(text.slice(end, teamTok.start)) ? teamTok.end : end;
    const bare = `${name} team`;
    const canonical = pName ? `${pName} ${bare}` : bare;
    const idx = ctx.acc.add(mention(ctx.doc, s.passage, start, spanEnd, 'Organization', found('team'), {
      canonical, ...(pName ? { weakKeys: [bare] } : {}),
    }));
    if (idx >= 0 && parent >= 0) {
      out.push({ type: 'PART_OF', from: mentionEnd(idx), to: mentionEnd(parent), evidence: evidenceOf(s, found('team-of')) });
    }
  }
  return out;
}

// Adjectives that describe a team without naming it ("a new team", "our small team").
const NOT_A_TEAM_NAME = new Set(['new', 'small', 'dedicated', 'whole', 'entire', 'own', 'core', 'current', 'same', 'other', 'first', 'great', 'internal', 'full', 'big', 'large', 'growing', 'amazing', 'wonderful', 'fantastic', 'awesome', 'research', 'product', 'engineering']);

/**
 * "a new interpretability team at Redwood Research": a lower-case descriptor names a team only when its
 * organisation follows ("team at X") or directly precedes it ("the Google DeepMind safety team", "Anthropic’s
 * alignment team"); the team is then "X Interpretability team", as if written in capitals.
 */
function lowercaseTeam(ctx: Ctx, s: Sentence, tokens: Token[], k: number): CandidateRelation[] {
  let a = k;
  while (a > 0 && k - a < 3) {
    const t = tokens[a - 1];
    if (t.kind !== 'word' || isCap(t) || FUNCTION_WORDS.has(t.lower) || SENTENCE_STARTERS.has(t.lower) || NOT_A_TEAM_NAME.has(t.lower)) break;
    if (t.lower === 's' && /^['’]$/.test(tokens[a - 2]?.text ?? '')) break; // the possessive of "Anthropic’s alignment team"
    a--;
  }
  if (a === k) return [];
  const text = ctx.doc.text;
  const after = /^\s*(?:at|of|within|in)\s+(?:the\s+)?/i.exec(text.slice(tokens[k].end, Math.min(s.end, tokens[k].end + 20)));
  let parent = -1;
  if (after) {
    const off = tokens[k].end + after[0].length;
    parent = orgAt(ctx, off, off + 1);
  }
  // the organisation as a prefix or possessive: "the Google DeepMind safety team", "Anthropic’s alignment team"
  if (parent < 0 && a > 0) parent = orgEndingAt(ctx, tokens, a - 1);
  if (parent < 0) return [];
  const start = tokens[a].start;
  if (ctx.acc.overlapping(start, tokens[k].end).some((i) => ['Person', 'Model', 'Organization'].includes(ctx.acc.list[i].type))) return [];
  const descriptor = text.slice(start, tokens[k - 1].end).replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  const bare = `${descriptor} team`;
  const idx = ctx.acc.add(mention(ctx.doc, s.passage, start, tokens[k].end, 'Organization', found('team', 'lowercase'), {
    canonical: `${orgName(ctx.acc.list[parent])} ${bare}`, weakKeys: [bare],
  }));
  return idx >= 0 ? [{ type: 'PART_OF', from: mentionEnd(idx), to: mentionEnd(parent), evidence: evidenceOf(s, found('team-of', 'lowercase')) }] : [];
}

/** An organisation (not a team) whose mention ends at token t, or at the word before a possessive "’s" there. */
function orgEndingAt(ctx: Ctx, tokens: Token[], t: number): number {
  let e = t;
  if (tokens[e]?.lower === 's' && /^['’]$/.test(tokens[e - 1]?.text ?? '') && tokens[e - 1].end === tokens[e].start) e -= 2;
  const tok = tokens[e];
  if (!tok || tok.kind !== 'word') return -1;
  for (const i of ctx.acc.overlapping(tok.start, tok.end)) {
    const m = ctx.acc.list[i];
    if (m.type === 'Organization' && m.method !== 'team' && m.end === tok.end) return i;
  }
  return -1;
}

function orgName(m: CandidateMention): string {
  return m.canonical ?? m.text;
}

/**
 * A parent named around the team: "a new team at Anthropic, the X team" (before) or "the X team at
 * Anthropic" / "the X team (Anthropic)" (after). Only organisations that are not themselves teams.
 */
function parentNearby(ctx: Ctx, s: Sentence, tokens: Token[], nameStart: number, teamTok: number): number {
  const text = ctx.doc.text;
  const after = text.slice(tokens[teamTok].end, Math.min(s.end, tokens[teamTok].end + 40));
  const am = /^\s*(?:at|of|within|in|\()\s*(?:the\s+)?/i.exec(after);
  if (am) {
    const off = tokens[teamTok].end + am[0].length;
    const i = orgAt(ctx, off, off + 1);
    if (i >= 0) return i;
  }
  // "… a new team at Anthropic, the X team": an organisation after "team at", then only ", the"
  const start = tokens[nameStart].start;
  let best = -1;
  for (const i of ctx.acc.overlapping(s.start, start)) {
    const m = ctx.acc.list[i];
    if (m.type !== 'Organization' || m.method === 'team' || m.end > start) continue;
    const between = text.slice(m.end, start);
    const lead = text.slice(Math.max(s.start, m.start - 30), m.start);
    if (/^['’]?s?\s*,\s*(?:the\s+)?[_*]*$/.test(between) && /\b(?:team|group|lab)\s+(?:at|within|in)\s+(?:the\s+)?$/i.test(lead)) best = i;
  }
  return best;
}

/** Stage 3 (after people are known): membership and leadership. */
export function teamPeople(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const text = ctx.doc.text;
  for (const s of ctx.index.sentences) {
    const st = text.slice(s.start, s.end);
    const orgs = () => ctx.acc.inSentence(s).map((i) => ({ m: ctx.acc.list[i], i })).filter(({ m }) => m.type === 'Organization');
    // "with A and B as current team members"
    const mm = /\bwith\s+(.{3,240}?)\s+as\s+(?:(?:current|founding|new|initial|core|other|our|its|the|first)\s+)*(?:team\s+)?members?\b/i.exec(st);
    if (mm) {
      const from = s.start + mm.index + mm[0].indexOf(mm[1]);
      const people = personsInList(ctx, s, from, from + mm[1].length, found('member-list', 'person'));
      const team = nearestTeam(orgs(), s.start + mm.index);
      if (team >= 0) for (const p of people) out.push(rel('MEMBER_OF', mentionEnd(p), mentionEnd(team), s, found('member-list')));
    }
    // "A and B joined the X team" / "members of the X team include A, B"
    for (const { m, i } of orgs()) {
      const before = text.slice(Math.max(s.start, m.start - 30), m.start);
      if (JOINED_BEFORE.test(before)) {
        const cut = s.start + text.slice(s.start, m.start).search(JOIN_VERB);
        const people = personsInList(ctx, s, s.start, cut, found('joined', 'person'));
        const type = m.method === 'team' ? 'MEMBER_OF' : 'AFFILIATED_WITH';
        for (const p of people) out.push(rel(type, mentionEnd(p), mentionEnd(i), s, found('joined')));
      }
    }
    leads(ctx, s, st, orgs(), out);
  }
  return out;
}

function nearestTeam(orgs: Array<{ m: CandidateMention; i: number }>, before: number): number {
  const teams = orgs.filter(({ m }) => m.method === 'team');
  const pool = teams.length ? teams : orgs;
  const prior = pool.filter(({ m }) => m.start < before);
  return (prior.length ? prior[prior.length - 1] : pool[0])?.i ?? -1;
}

const JOIN_VERB = new RegExp(`\\b${CUE_RE.join}\\b`, 'i');
const JOINED_BEFORE = new RegExp(`\\b${CUE_RE.join}\\s+(?:the\\s+)?$`, 'i');
// "I have started leading (and hiring for!) a new team at X"
const FIRST_PERSON_LEAD = new RegExp(`\\bI(?:['’]m|['’]ve| am| have| will| (?:have )?(?:just )?started| now)?(?:\\s+\\w+){0,3}?\\s+${CUE_RE.leadAny}\\b`);
// "<Person>, the head of X", "<Person>, who leads X", "<Person> leads the X team"
const LEADS_BETWEEN = new RegExp(`^\\s*(?:,\\s*${CUE_RE.leadRole}\\s+of\\s+(?:the\\s+)?|,\\s*who\\s+${CUE_RE.leadThird}\\s+(?:the\\s+)?|\\s+${CUE_RE.leadThird}\\s+(?:the\\s+)?)$`, 'i');
// "the X team (at Y), led by <Person>"
const LED_BY_BETWEEN = new RegExp(`^\\s*(?:team\\s*)?(?:(?:at|of|in|within)\\s+[^,;]{1,40})?,?\\s*(?:(?:is|was|which is)\\s+)?(?:co-?)?${CUE_RE.leadPast}\\s+by\\s+$`, 'i');

function leads(ctx: Ctx, s: Sentence, st: string, orgs: Array<{ m: CandidateMention; i: number }>, out: CandidateRelation[]): void {
  if (!orgs.length) return;
  // first person, with a known author: "I have started leading (and hiring for!) a new team at X, the Y team"
  const fp = FIRST_PERSON_LEAD.exec(st);
  if (fp && ctx.authors.length) {
    const verbAt = s.start + fp.index + fp[0].length;
    const after = orgs.filter(({ m }) => m.start >= verbAt);
    const target = after.find(({ m }) => m.method === 'team') ?? after[0];
    if (target) for (const a of ctx.authors) out.push(rel('LEADS', a, mentionEnd(target.i), s, found('first-person-lead')));
  }
  // third person: "<Person> leads/heads the X team", "<Person>, head of X", "X, led by <Person>"
  const people = ctx.acc.inSentence(s).map((i) => ({ m: ctx.acc.list[i], i })).filter(({ m }) => m.type === 'Person');
  const text = ctx.doc.text;
  for (const p of people) {
    for (const o of orgs) {
      if (o.m.start > p.m.end) {
        const between = text.slice(p.m.end, o.m.start);
        if (between.length < 40 && LEADS_BETWEEN.test(between)) {
          out.push(rel('LEADS', mentionEnd(p.i), mentionEnd(o.i), s, found('leads')));
        }
      } else if (o.m.end < p.m.start) {
        const between = text.slice(o.m.end, p.m.start);
        // "the X team at Y, led by Z": Z leads the team, not its parent Y
        const isParentOfTeam = /\bteams?\s+(?:at|of|in|within)\s+(?:the\s+)?$/i.test(text.slice(Math.max(s.start, o.m.start - 20), o.m.start));
        if (!isParentOfTeam && between.length < 60 && LED_BY_BETWEEN.test(between)) {
          out.push(rel('LEADS', mentionEnd(p.i), mentionEnd(o.i), s, found('led-by')));
          // "led by A and B" / "led by A, B and C": every person of the list
          let edge = p.m.end;
          for (const q of people.filter(({ m }) => m.start >= p.m.end).sort((x, y) => x.m.start - y.m.start)) {
            if (!/^\s*(?:,|,?\s*and|&)\s*$/.test(text.slice(edge, q.m.start))) break;
            out.push(rel('LEADS', mentionEnd(q.i), mentionEnd(o.i), s, found('led-by', 'listed')));
            edge = q.m.end;
          }
        }
      }
    }
  }
}

function rel(type: CandidateRelation['type'], from: End, to: End, s: Sentence, how: Found): CandidateRelation {
  return { type, from, to, evidence: evidenceOf(s, how) };
}
