// extract(): every signal over one document, in priority order, into one set of mentions and candidate
// relations. Pure: text in, mentions and relations out (no I/O, no database).
//
// Order matters because an accepted mention owns its span (see MentionSet):
//   0 metadata, BibTeX          — authors, affiliations, keywords from structured metadata; BibTeX entries
//   1 bylines, handles          — who wrote it; "@evhub"
//   2 links                     — papers behind hyperlinks (Paper layer)
//   3 patterns, lexicon names   — models ("Pythia-70M"), organisations, people, models from the lexicon
//   4 teams, acronyms           — "the X team" beats the concept word "Interpretability" inside it
//   5 lexicon concepts
//   6 titles                    — quoted/colon titles, linkposts, "A’s post on X" (Paper layer + people)
//   6b citations                — "(Vaswani et al., 2017)", reading lists, numbered and APA reference entries
//   7 acknowledgements, co-authors, names — people from context lists, then compromise for the remaining names
//   8 relations                 — membership, leadership, affiliations, topics, authorship, comment replies
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
import { titles } from './signals/titles/index.ts';
import { acknowledgements } from './signals/acknowledgements.ts';
import { names } from './signals/names.ts';
import { affiliations } from './signals/affiliations.ts';
import { topics } from './signals/topics.ts';
import { replies } from './signals/replies.ts';
import { authorship, coauthors } from './signals/authorship.ts';
import { metadata } from './signals/metadata.ts';
import { bibtex } from './signals/bibtex.ts';
import { citations } from './signals/citations.ts';

export type { CandidateMention, CandidateRelation, End, Extraction } from './core/types.ts';

export function extract(doc: Document, passages: Passage[], lexicon: Lexicon): Extraction {
  const index = buildIndex(doc, passages);
  const acc = new MentionSet(index);
  const ctx: Ctx = { doc, index, lexicon, acc, authors: [] };
  const rels: CandidateRelation[] = [];

  const lex = matchLexicon(index, lexicon);
  rels.push(...metadata(ctx), ...bibtex(ctx));
  rels.push(...bylines(ctx));
  handles(ctx);
  rels.push(...links(ctx));
  for (const m of matchPatterns(index, lexicon)) acc.add(m);
  for (const m of lex) if (m.type !== 'Concept') acc.add(m);
  rels.push(...teamNames(ctx));
  acronyms(ctx);
  for (const m of lex) if (m.type === 'Concept') acc.add(m);
  const t = titles(ctx);
  rels.push(...citations(ctx));
  rels.push(...acknowledgements(ctx), ...coauthors(ctx));
  names(ctx);
  rels.push(...teamPeople(ctx), ...affiliations(ctx), ...t.relations, ...topics(ctx, t.linkposts), ...authorship(ctx), ...replies(ctx));

  return finalize(ctx, rels);
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
