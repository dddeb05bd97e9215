// Relations about what documents and papers discuss, built from mentions already accepted:
//   CITES    document → every paper named in its text (not one known only from a link target);
//   ABOUT    paper → concepts named in its title; document → concepts in its title, introduced by a topic
//            phrase ("we study X", "this post discusses X", "X – <definition>") or mentioned in ≥ 3 sentences;
//   STUDIES  paper → models in its title or in "we …" sentences of its linkpost passage;
//            document → models in "we evaluate/train/find … MODEL" and "MODEL … was evaluated" sentences.
// Broad field words (machine learning, LLMs) never become ABOUT by mere frequency.

import type { CandidateMention, CandidateRelation, Ctx, End } from '../core/types.ts';
import { docEnd, evidenceOf, mentionEnd } from '../core/types.ts';
import { termsIn } from '../core/lexicon-trie.ts';
import { paperNounsRe } from '../core/cue-patterns.ts';
import { found, type Method } from '../../knowledge/methods.ts';
import { fold, nameKey } from '../../keys.ts';

const topicBefore = (ctx: Ctx) => paperNounsRe(ctx.lexicon, 'topicBefore', (nouns) => `\\b(?:we|i|(?:this|the)\\s+${nouns})\\s+(?:\\w+\\s+){0,2}?(?:study|studies|investigate|investigates|explore|explores|introduce|introduces|propose|proposes|present|presents|examine|examines|discuss|discusses|analy[sz]e|analy[sz]es|focus(?:es)? on|(?:is|are) about|describe|describes|define|defines)\\s+(?:the\\s+|a\\s+|an\\s+|how\\s+)?$`);
const CALLED_BEFORE = /\b(?:method|technique|approach|framework|phenomenon|problem|idea|concept|setting|procedure)\s+(?:called|named|known as|termed|dubbed)\s+$/i;
const DEFINITION_AFTER = /^\s*(?:[–—]|\s-\s|:)\s*(?:a|an|the|when|where|which|systematic|the idea|i\.e\.)?\b/i;
const WE_VERB = /\b(?:we|our\s+(?:new\s+|recent\s+)?(?:paper|work|study|results|experiments|evaluations|findings|analysis))\b[^.;]{0,120}?\b(?:finds|shows?|demonstrates?|reveals?|suggests?|study|studies|train|trained|evaluate|evaluated|test|tested|find|found|show|showed|use|used|fine-?tune|fine-?tuned|probe|probed|analy[sz]e|analy[sz]ed|examine|examined|investigate|investigated|prompt|prompted|benchmark|benchmarked|apply|applied|run|ran|measure|measured|compare|compared|replicate|replicated|audit|audited)\b/i;
// "GPT-4o and Llama 3.1 were also evaluated": the models a study ran on, in the passive
const PASSIVE_STUDY = /^[^;]{0,80}?\b(?:was|were|is|are|been)\s+(?:also\s+|then\s+|additionally\s+)?(?:evaluated|tested|trained|fine-?tuned|probed|benchmarked|studied|examined|audited|red-teamed|prompted)\b/i;
const SALIENT_SENTENCES = 3;

export function topics(ctx: Ctx, linkposts: Map<string, number>): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const { doc, index } = ctx;
  const list = ctx.acc.list;
  const papers = list.map((m, i) => ({ m, i })).filter(({ m }) => m.type === 'Paper');
  // inside a named paper's title (looked up by position, so the cost stays linear in the mentions)
  const inPaper = (m: CandidateMention) => ctx.acc.overlapping(m.start, m.end, 'Paper').some((k) => {
    const p = list[k];
    return p.type === 'Paper' && !p.surfaceNotAlias && p.start <= m.start && m.end <= p.end && p !== m;
  });
  const broad = ctx.lexicon.vocab.broadConcepts;

  // CITES: papers named in the text
  for (const { m, i } of papers) {
    if (m.surfaceNotAlias) continue;
    const s = index.sentenceAt(m.start);
    if (s) out.push({ type: 'CITES', from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found('named-paper')) });
  }

  // paper → concepts/models named inside its title
  for (const { m: p, i: pi } of papers) {
    if (p.surfaceNotAlias) continue;
    const s = index.sentenceAt(p.start);
    if (!s) continue;
    for (const i of ctx.acc.overlapping(p.start, p.end, 'Concept').sort((a, b) => a - b)) {
      const m = list[i];
      if (m.start < p.start || m.end > p.end || m.type === 'Paper') continue;
      if (m.type === 'Concept') out.push({ type: 'ABOUT', from: mentionEnd(pi), to: mentionEnd(i), evidence: evidenceOf(s, found('title-concept')) });
      if (m.type === 'Model') out.push({ type: 'STUDIES', from: mentionEnd(pi), to: mentionEnd(i), evidence: evidenceOf(s, found('title-model')) });
    }
  }

  // papers known by their URL: concepts and models named in the title the slug gives
  for (const { m: p, i: pi } of papers) {
    if (!p.surfaceNotAlias || !p.canonical) continue;
    const s = index.sentenceAt(p.start);
    if (!s) continue;
    for (const e of termsIn(p.canonical, ctx.lexicon)) {
      const to: End = { kind: 'named', type: e.type, name: e.name };
      if (e.type === 'Concept') out.push({ type: 'ABOUT', from: mentionEnd(pi), to, evidence: evidenceOf(s, found('url-title-concept')) });
      if (e.type === 'Model') out.push({ type: 'STUDIES', from: mentionEnd(pi), to, evidence: evidenceOf(s, found('url-title-model')) });
    }
  }

  // models in "we …" sentences: the linkpost's paper studies them, otherwise the document does
  list.forEach((m, i) => {
    if (m.type !== 'Model' || inPaper(m)) return;
    const s = index.sentenceAt(m.start);
    if (!s) return;
    const lead = doc.text.slice(s.start, m.start);
    // the document's own title: "Attribution Graphs Reveal Planning in Claude 3.5 Haiku"
    if (index.isTitle(s.passage)) {
      out.push({ type: 'STUDIES', from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found('title-model')) });
      return;
    }
    const passive = PASSIVE_STUDY.test(doc.text.slice(m.end, s.end));
    if (!WE_VERB.test(lead) && !passive) return;
    const paper = linkposts.get(s.passage.id);
    const from = paper !== undefined ? mentionEnd(paper) : docEnd;
    out.push({ type: 'STUDIES', from, to: mentionEnd(i), evidence: evidenceOf(s, found(paper !== undefined ? 'linkpost-model' : passive ? 'passive-study-model' : 'we-study-model')) });
  });

  // document → concept
  const sentencesOf = new Map<string, Set<number>>();
  const firstOf = new Map<string, number>();
  const done = new Set<string>();
  const about = (i: number, method: Method) => {
    const m = list[i];
    const key = conceptKey(m);
    if (done.has(key)) return;
    const s = index.sentenceAt(m.start);
    if (!s) return;
    done.add(key);
    out.push({ type: 'ABOUT', from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found(method)) });
  };
  list.forEach((m, i) => {
    if (m.type !== 'Concept' || inPaper(m)) return;
    const s = index.sentenceAt(m.start);
    if (!s) return;
    const key = conceptKey(m);
    const isBroad = broad.has(fold(m.canonical ?? m.text)) || broad.has(fold(m.text));
    // in the document's title
    if (index.isTitle(s.passage)) {
      about(i, 'title-topic');
      return;
    }
    const lead = doc.text.slice(Math.max(s.start, m.start - 120), m.start);
    const tail = doc.text.slice(m.end, Math.min(s.end, m.end + 30));
    if (topicBefore(ctx).test(lead) || CALLED_BEFORE.test(lead)) { about(i, 'topic-phrase'); return; }
    if (!isBroad && DEFINITION_AFTER.test(tail) && /^\s*(?:[–—]|\s-\s)/.test(tail)) { about(i, 'definition'); return; }
    // a phrase found only by its repetition is not also made a topic by it (its count is all it has)
    if (isBroad || m.method === 'repeated-phrase') return;
    const set = sentencesOf.get(key) ?? new Set<number>();
    set.add(s.start);
    sentencesOf.set(key, set);
    if (!firstOf.has(key)) firstOf.set(key, i);
  });
  for (const [key, set] of sentencesOf) {
    if (set.size >= SALIENT_SENTENCES) about(firstOf.get(key)!, 'salience');
  }
  return out;
}

function conceptKey(m: CandidateMention): string {
  return m.lexiconId ?? nameKey(m.canonical ?? m.text, 'Concept');
}
