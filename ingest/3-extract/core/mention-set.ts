// The accumulator that decides which candidate mention wins a span. Signals add candidates in priority
// order; lookups go through per-sentence buckets, so finding the mentions of a sentence or of a span costs
// the mentions of that sentence, not of the document.

import type { EntityType, Span } from '../../types.ts';
import type { DocIndex } from './text-index.ts';
import type { CandidateMention } from './types.ts';

/**
 * Accepted mentions of one document. Modules add candidates in priority order; a later candidate that
 * overlaps an accepted one loses, except that the same span and type merges, and a candidate of the same
 * type that strictly contains earlier ones extends them in place (indexes stay valid for relations).
 * Papers live in their own layer: a title may contain concept, model or organisation mentions.
 */
export class MentionSet {
  readonly list: CandidateMention[] = [];
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

  /**
   * Accepted mentions that start and end inside the span of one sentence, in the order they were accepted.
   * Costs the mentions of that sentence only (signals call it once per sentence: linear in the text).
   */
  inSentence(s: Span): number[] {
    const b = this.bySentence.get(this.index.sentenceAt(s.start)?.start ?? -1);
    if (!b) return [];
    return b.filter((i) => this.list[i].start >= s.start && this.list[i].end <= s.end).sort((x, y) => x - y);
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

