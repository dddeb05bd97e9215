// extract(): every signal over one document, in priority order, into one set of mentions and candidate
// relations. Pure: text in, mentions and relations out (no I/O, no database).
//
// Order matters because an accepted mention owns its span (see MentionSet). SIGNALS below is the order;
// a new signal is one more line there (it gets the context and the run's shared findings, adds mentions to
// ctx.acc and returns candidate relations):
//   metadata, BibTeX          — authors, affiliations, keywords from structured metadata; BibTeX entries
//   bylines, handles          — who wrote it; "@evhub"
//   links                     — papers behind hyperlinks (Paper layer)
//   patterns, lexicon names   — models ("Pythia-70M"), organisations, people, datasets, software
//   teams, acronyms           — "the X team" beats the concept word "Interpretability" inside it
//   lexicon concepts, defined terms and heading phrases
//   titles                    — quoted/colon titles, linkposts, "A’s post on X" (Paper layer + people)
//   citations                 — "(Vaswani et al., 2017)", reading lists, numbered and APA reference entries
//   acknowledgements, co-authors, names — people from context lists, then compromise for the remaining names
//   repeated phrases          — lower-case noun phrases the document uses in three or more sentences; every
//                               candidate phrase is kept with the extraction for the run (recurring.ts)
//   relations                 — membership, leadership, affiliations, topics, authorship, comment replies,
//                               datasets and software used
// Each sentence is tokenised once (DocIndex cache) and compromise tags a sentence at most once.

import type { Document, Passage, RelationType, EntityType } from '../types.ts';
import type { Lexicon } from '../lexicon.ts';
import { buildIndex } from './core/text-index.ts';
import type { CandidateMention, CandidateRelation, Ctx, End, Extraction } from './core/types.ts';
import { MentionSet } from './core/mention-set.ts';
import { matchLexicon } from './signals/lexicon-match.ts';
import { matchPatterns } from './signals/patterns.ts';
import { bylines } from './signals/byline.ts';
import { handles } from './signals/handles.ts';
import { links } from './signals/links.ts';
import { teamNames, teamPeople } from './signals/teams.ts';
import { acronyms } from './signals/acronyms.ts';
import { titles, type TitleFindings } from './signals/titles/index.ts';
import { acknowledgements } from './signals/acknowledgements.ts';
import { names } from './signals/names.ts';
import { affiliations } from './signals/affiliations.ts';
import { topics } from './signals/topics.ts';
import { replies } from './signals/replies.ts';
import { authorship, coauthors } from './signals/authorship.ts';
import { resources } from './signals/resources.ts';
import { concepts } from './signals/concepts.ts';
import { repeatedPhrases } from './signals/repeated-phrases.ts';
import { documentGrams, type SentenceGram } from './core/phrases.ts';
import { phraseUses } from './recurring.ts';
import { metadata } from './signals/metadata.ts';
import { bibtex } from './signals/bibtex.ts';
import { citations } from './signals/citations.ts';

export type { CandidateMention, CandidateRelation, End, Extraction } from './core/types.ts';

/** What signals of one document hand to later ones. */
interface Findings {
  /** Every lexicon alias in the text (accepted in two steps: names before teams, concepts after). */
  lexicon: CandidateMention[];
  titles: TitleFindings;
  /** Relations found early but emitted later (keeps the relation order stable). */
  later: CandidateRelation[];
  /** The document's candidate noun phrases: repeated ones become concepts here, all are kept for the run. */
  grams: SentenceGram[];
}

type Signal = (ctx: Ctx, f: Findings) => CandidateRelation[] | void;

const addAll = (ctx: Ctx, ms: CandidateMention[]): void => { for (const m of ms) ctx.acc.add(m); };

/** The signals in priority order. */
const SIGNALS: Signal[] = [
  (ctx, f) => { f.lexicon = matchLexicon(ctx.index, ctx.lexicon); },
  metadata,
  bibtex,
  bylines,
  handles,
  links,
  (ctx) => addAll(ctx, matchPatterns(ctx.index, ctx.lexicon)),
  (ctx, f) => addAll(ctx, f.lexicon.filter((m) => m.type !== 'Concept')),
  teamNames,
  (ctx) => { acronyms(ctx); },
  (ctx, f) => addAll(ctx, f.lexicon.filter((m) => m.type === 'Concept')),
  (ctx, f) => { f.later.push(...concepts(ctx)); },
  (ctx, f) => { f.titles = titles(ctx); },
  citations,
  acknowledgements,
  coauthors,
  names,
  teamPeople,
  affiliations,
  (ctx, f) => { f.grams = documentGrams(ctx.index, ctx.lexicon); repeatedPhrases(ctx, f.grams); },
  (_ctx, f) => f.titles.relations,
  (ctx, f) => topics(ctx, f.titles.linkposts),
  authorship,
  replies,
  resources,
  (_ctx, f) => f.later,
];

export function extract(doc: Document, passages: Passage[], lexicon: Lexicon): Extraction {
  const index = buildIndex(doc, passages);
  const ctx: Ctx = { doc, index, lexicon, acc: new MentionSet(index), authors: [] };
  const findings: Findings = { lexicon: [], titles: { relations: [], linkposts: new Map() }, later: [], grams: [] };
  const rels: CandidateRelation[] = [];
  for (const signal of SIGNALS) {
    const found = signal(ctx, findings);
    if (found) rels.push(...found);
  }
  return { ...finalize(ctx, rels), phrases: phraseUses(ctx.index, findings.grams) };
}

/** Allowed (from, to) entity types per relation; the document and passages are checked by kind. */
const SIGNATURES: Record<RelationType, [Array<EntityType | 'document' | 'passage'>, Array<EntityType | 'document' | 'passage'>]> = {
  AUTHORED: [['Person'], ['Paper', 'document']],
  MEMBER_OF: [['Person'], ['Organization']],
  LEADS: [['Person'], ['Organization']],
  PART_OF: [['Organization'], ['Organization']],
  AFFILIATED_WITH: [['Person'], ['Organization']],
  ABOUT: [['Paper', 'document'], ['Concept']],
  CITES: [['document', 'Paper'], ['Paper']],
  LINKS_TO: [['document'], ['Paper']],
  STUDIES: [['Paper', 'document'], ['Model']],
  ACKNOWLEDGES: [['document'], ['Person']],
  REPLIES_TO: [['passage'], ['passage']],
  EVALUATES_ON: [['Paper', 'document'], ['Dataset']],
  USES: [['Paper', 'document'], ['Software', 'Dataset']],
};

function finalize(ctx: Ctx, rels: CandidateRelation[]): Extraction {
  const { mentions, remap } = ctx.acc.finalize();
  const fix = (e: End): End | null => {
    if (e.kind !== 'mention') return e;
    const i = remap(e.index);
    return i >= 0 ? { kind: 'mention', index: i } : null;
  };
  const kindOf = (e: End): EntityType | 'document' | 'passage' =>
    e.kind === 'mention' ? mentions[e.index].type : e.kind === 'named' ? e.type : e.kind === 'document' ? 'document' : 'passage';
  const seen = new Set<string>();
  const relations: CandidateRelation[] = [];
  for (const r of rels) {
    const from = fix(r.from);
    const to = fix(r.to);
    if (!from || !to) continue;
    const [okFrom, okTo] = SIGNATURES[r.type];
    if (!okFrom.includes(kindOf(from)) || !okTo.includes(kindOf(to))) continue;
    const key = `${r.type}|${JSON.stringify(from)}|${JSON.stringify(to)}|${r.evidence.start}`;
    if (JSON.stringify(from) === JSON.stringify(to) || seen.has(key)) continue;
    seen.add(key);
    relations.push({ ...r, from, to });
  }
  return { mentions, relations };
}
