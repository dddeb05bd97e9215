// Shapes shared by the signal modules: candidate mentions and relations, the context every signal gets, and
// the two constructors that give a mention or an evidence its method and confidence from the methods table.

import type { Document, EntityType, Mention, Passage, RelationType } from '../../types.ts';
import type { Lexicon } from '../../lexicon.ts';
import type { DocIndex, Sentence } from './text-index.ts';
import type { MentionSet } from './mention-set.ts';
import type { Found, Method } from '../../knowledge/methods.ts';

/** A mention as a signal proposes it: the domain Mention plus hints for the resolver. */
export interface CandidateMention extends Mention {
  method: Method;
  /** Lexicon entry id when a lexicon alias or pattern matched. */
  lexiconId?: string;
  /** Extra identity keys that merge this mention's entity with others (e.g. the slug of a linked post). */
  aliasKeys?: string[];
  /**
   * Keys under which other, less specific mentions may attach to this entity when unambiguous
   * (a team "Anthropic Interpretability team" is also what a bare "Interpretability team" means).
   */
  weakKeys?: string[];
  /** The surface text does not name the entity (a link anchor such as "pessimistic scenario"). */
  surfaceNotAlias?: boolean;
}

/** One end of a candidate relation, before resolution. */
export type End =
  | { kind: 'mention'; index: number }
  | { kind: 'document' }
  | { kind: 'passage'; passageId: string }
  /** An entity known only by name (a metadata author not repeated in the text). */
  | { kind: 'named'; type: EntityType; name: string };

export interface CandidateEvidence {
  passageId: string;
  /** Document offsets of the supporting sentence. */
  start: number;
  end: number;
  method: Method;
  confidence: number;
}

export interface CandidateRelation {
  type: RelationType;
  from: End;
  to: End;
  evidence: CandidateEvidence;
}

export interface Extraction {
  mentions: CandidateMention[];
  relations: CandidateRelation[];
  /** The document's candidate noun phrases and where they stand, for run-level recurring concepts
   * (4-resolve/recurring.ts). Absent in extractions stored before it existed. */
  phrases?: PhraseUse[];
}

/** One candidate phrase of a document and its occurrences. */
export interface PhraseUse {
  phrase: string;
  at: PhraseAt[];
}

/** [passage index, start offset, fingerprint of the sentence, the text where it is not the phrase itself
 * (a sentence-initial capital)]; the occurrence ends at start + phrase length. */
export type PhraseAt = [number, number, string] | [number, number, string, string];

/** What every signal module receives. */
export interface Ctx {
  doc: Document;
  index: DocIndex;
  lexicon: Lexicon;
  /** Mentions accepted so far (modules run in priority order). */
  acc: MentionSet;
  /** Byline/metadata authors of the document (ends usable in first-person relations). */
  authors: End[];
}

export const docEnd: End = { kind: 'document' };
export const mentionEnd = (index: number): End => ({ kind: 'mention', index });

export function evidenceOf(s: Sentence, how: Found): CandidateEvidence {
  return { passageId: s.passage.id, start: s.start, end: s.end, method: how.method, confidence: how.confidence };
}

/** Build a mention for a document span; `text` is always the exact slice. */
export function mention(
  doc: Document, passage: Passage, start: number, end: number, type: EntityType, how: Found,
  extra: Partial<CandidateMention> = {},
): CandidateMention {
  return { passageId: passage.id, start, end, text: doc.text.slice(start, end), type, method: how.method, confidence: how.confidence, ...extra };
}
