// Shapes shared by the signal modules, and the accumulator that decides which candidate mention wins a span.

import type { Document, EntityType, Mention, Passage, RelationType } from '../../types.ts';
import type { Lexicon } from '../../lexicon.ts';
import type { DocIndex, Sentence } from './text-index.ts';

/** A mention as a signal proposes it: the domain Mention plus hints for the resolver. */
export interface CandidateMention extends Mention {
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
  method: string;
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
}

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

export function evidenceOf(s: Sentence, method: string, confidence: number): CandidateEvidence {
  return { passageId: s.passage.id, start: s.start, end: s.end, method, confidence };
}

/**
 * Accepted mentions of one document. Modules add candidates in priority order; a later candidate that
 * overlaps an accepted one loses, except that the same span and type merges, and a candidate of the same
 * type that strictly contains earlier ones extends them in place (indexes stay valid for relations).
 * Papers live in their own layer: a title may contain concept, model or organisation mentions.
 */
export class MentionSet {
  readonly list: CandidateMention[] = [];
  // sorted start offsets per layer would be faster for huge documents; mentions per document are few
  // hundred at most, and lookups go through the per-sentence buckets below.
  private bySentence = new Map<number, number[]>();

  constructor(private readonly index: DocIndex) {}

  private bucket(start: number): number[] {
    const s = this.index.sentenceAt(start);
    const key = s ? s.start : -1;
    let b = this.bySentence.get(key);
    if (!b) this.bySentence.set(key, (b = []));
    return b;
  }

  /** Accepted mentions overlapping [start, end) in the same layer as `type` (or any layer if omitted). */
  overlapping(start: number, end: number, type?: EntityType): number[] {
    const out: number[] = [];
    const seen = new Set<number[]>();
    for (const off of [start, Math.max(start, end - 1)]) {
      const b = this.bucket(off);
      if (seen.has(b)) continue;
      seen.add(b);
      for (const i of b) {
        const m = this.list[i];
        if (m.start < end && start < m.end && (!type || (m.type === 'Paper') === (type === 'Paper'))) out.push(i);
      }
    }
    return out;
  }

  /** Index of an accepted mention of `type` exactly at the span, or overlapping it. */
  find(start: number, end: number, type: EntityType): number {
    let best = -1;
    for (const i of this.overlapping(start, end, type)) {
      const m = this.list[i];
      if (m.type !== type) continue;
      if (m.start === start && m.end === end) return i;
      if (best < 0) best = i;
    }
    return best;
  }

  /** Add a candidate; returns the index of the mention that now stands for it, or -1 if it lost. */
  add(m: CandidateMention): number {
    if (m.end <= m.start || !this.index.passageAt(m.start)) return -1;
    const hits = this.overlapping(m.start, m.end, m.type);
    if (hits.length === 0) {
      this.list.push(m);
      this.bucket(m.start).push(this.list.length - 1);
      return this.list.length - 1;
    }
    const same = hits.find((i) => this.list[i].start === m.start && this.list[i].end === m.end && this.list[i].type === m.type);
    if (same !== undefined) {
      mergeInto(this.list[same], m);
      return same;
    }
    // a longer mention of the same type that covers every conflicting one extends the first of them;
    // the others are absorbed (relations that point at them are redirected when the set is finalised)
    const contained = hits.every((i) => this.list[i].type === m.type && m.start <= this.list[i].start && this.list[i].end <= m.end);
    if (contained) {
      const keep = hits[0];
      const old = this.list[keep];
      const keys = union(old.aliasKeys, m.aliasKeys);
      // the longer name replaces the shorter one entirely (its canonical and lexicon id no longer apply)
      for (const k of Object.keys(old)) delete (old as unknown as Record<string, unknown>)[k];
      Object.assign(old, m, keys ? { aliasKeys: keys } : {});
      for (const i of hits.slice(1)) {
        this.redirect.set(i, keep);
        const b = this.bucket(this.list[i].start);
        b.splice(b.indexOf(i), 1);
      }
      return keep;
    }
    return -1;
  }

  private redirect = new Map<number, number>();

  /** Compact list without absorbed mentions, and the index map for relation ends. */
  finalize(): { mentions: CandidateMention[]; remap: (i: number) => number } {
    const newIndex = new Map<number, number>();
    const mentions: CandidateMention[] = [];
    this.list.forEach((m, i) => {
      if (this.redirect.has(i)) return;
      newIndex.set(i, mentions.length);
      mentions.push(m);
    });
    const remap = (i: number): number => {
      let j = i;
      while (this.redirect.has(j)) j = this.redirect.get(j)!;
      return newIndex.get(j) ?? -1;
    };
    return { mentions, remap };
  }
}

function mergeInto(a: CandidateMention, b: CandidateMention): void {
  // keep the more confident method and canonical, but collect identity hints from both
  const keys = union(a.aliasKeys, b.aliasKeys);
  const weak = union(a.weakKeys, b.weakKeys);
  const notAlias = !!a.surfaceNotAlias && !!b.surfaceNotAlias;
  if (b.confidence > a.confidence) {
    a.method = b.method;
    a.confidence = b.confidence;
    if (b.canonical) a.canonical = b.canonical;
    if (b.lexiconId) a.lexiconId = b.lexiconId;
  } else {
    a.canonical ??= b.canonical;
    a.lexiconId ??= b.lexiconId;
  }
  if (keys) a.aliasKeys = keys;
  if (weak) a.weakKeys = weak;
  if (notAlias) a.surfaceNotAlias = true;
  else delete a.surfaceNotAlias;
}

function union(a?: string[], b?: string[]): string[] | undefined {
  if (!a && !b) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/** Build a mention for a document span; `text` is always the exact slice. */
export function mention(
  doc: Document, passage: Passage, start: number, end: number, type: EntityType, method: string,
  confidence: number, extra: Partial<CandidateMention> = {},
): CandidateMention {
  return { passageId: passage.id, start, end, text: doc.text.slice(start, end), type, method, confidence, ...extra };
}
