// Co-occurrence, the pure part: which entity pairs share a passage, the sentence span that shows them
// together, and how surprising the pairing is (NPMI). No database here; ./index.ts reads and writes.

/** One mention as the co-occurrence step sees it: document offsets, like every stored mention. */
export interface MentionSpan {
  entityId: string;
  start: number;
  end: number;
  confidence: number;
}

/** A passage with its sentence bounds (document offsets) and the mentions inside it. */
export interface PassageMentions {
  id: string;
  start: number;
  end: number;
  sentenceStarts: number[];
  sentenceEnds: number[];
  mentions: MentionSpan[];
}

/** One shared passage of a pair: the smallest run of sentences holding a mention of each. */
export interface PairEvidence {
  passageId: string;
  start: number;
  end: number;
  /** The weaker of the two mentions' confidences: the pairing is only as sure as its less sure end. */
  confidence: number;
}

/** Pairs keep their ends in id order, so (a, b) and (b, a) are one relation with one deterministic id. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
export const pairEnds = (key: string): [string, string] => key.split('\u0000') as [string, string];

/** The sentence of `sentences` holding offset `at`; -1 when none does (a passage without sentence data). */
function sentenceAt(p: PassageMentions, at: number): number {
  for (let i = 0; i < p.sentenceStarts.length; i++) if (at >= p.sentenceStarts[i] && at < p.sentenceEnds[i]) return i;
  return -1;
}

/**
 * The span that shows `a` and `b` together in `p`: the earliest sentence holding a mention of each, else the
 * closest pair of their mentions widened to whole sentences. Ties go to the earliest span, so the choice
 * depends only on the mentions, never on the order they were read in (ingest order, batching).
 */
export function pairSpan(p: PassageMentions, a: MentionSpan[], b: MentionSpan[]): PairEvidence {
  // The surest mention of each entity per sentence.
  const bySentence = (ms: MentionSpan[]) => {
    const out = new Map<number, number>();
    for (const m of ms) {
      const s = sentenceAt(p, m.start);
      if (s >= 0 && sentenceAt(p, m.end - 1) === s) out.set(s, Math.max(out.get(s) ?? 0, m.confidence));
    }
    return out;
  };
  const inA = bySentence(a);
  const inB = bySentence(b);
  const shared = [...inA.keys()].filter((s) => inB.has(s)).sort((x, y) => x - y);
  if (shared.length) {
    const s = shared[0];
    return { passageId: p.id, start: p.sentenceStarts[s], end: p.sentenceEnds[s], confidence: Math.min(inA.get(s)!, inB.get(s)!) };
  }
  let best: { from: number; to: number; gap: number; confidence: number } | undefined;
  for (const x of a) {
    for (const y of b) {
      const c = { from: Math.min(x.start, y.start), to: Math.max(x.end, y.end), gap: Math.max(x.start, y.start) - Math.min(x.end, y.end), confidence: Math.min(x.confidence, y.confidence) };
      if (!best || (c.gap - best.gap || c.from - best.from || c.to - best.to || best.confidence - c.confidence) < 0) best = c;
    }
  }
  const { from, to, confidence } = best!;
  const si = sentenceAt(p, from);
  const sj = sentenceAt(p, to - 1);
  return {
    passageId: p.id,
    start: si >= 0 ? p.sentenceStarts[si] : p.start,
    end: sj >= 0 ? p.sentenceEnds[sj] : p.end,
    confidence,
  };
}

/**
 * Every pair of distinct entities mentioned in the same passage, with one evidence span per shared passage.
 * `only`, when given, restricts the result to those pair keys (the pairs a run can have changed).
 */
export function cooccurringPairs(passages: Iterable<PassageMentions>, only?: Set<string>): Map<string, PairEvidence[]> {
  const out = new Map<string, PairEvidence[]>();
  for (const p of passages) {
    const byEntity = new Map<string, MentionSpan[]>();
    for (const m of p.mentions) {
      const list = byEntity.get(m.entityId);
      if (list) list.push(m);
      else byEntity.set(m.entityId, [m]);
    }
    const ids = [...byEntity.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = pairKey(ids[i], ids[j]);
        if (only && !only.has(key)) continue;
        const ev = pairSpan(p, byEntity.get(ids[i])!, byEntity.get(ids[j])!);
        const list = out.get(key);
        if (list) list.push(ev);
        else out.set(key, [ev]);
      }
    }
  }
  return out;
}

/** How many passages each pair shares (the cheap first pass: no spans). */
export function pairCounts(passages: Iterable<{ mentions: { entityId: string }[] }>, only?: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of passages) {
    const ids = [...new Set(p.mentions.map((m) => m.entityId))].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = pairKey(ids[i], ids[j]);
        if (!only || only.has(key)) out.set(key, (out.get(key) ?? 0) + 1);
      }
    }
  }
  return out;
}

/** The pair keys present in these passages (what new passages can have changed). */
export function pairKeysIn(passages: Iterable<{ entityIds: string[] }>): Set<string> {
  const keys = new Set<string>();
  for (const p of passages) {
    const ids = [...new Set(p.entityIds)].sort();
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) keys.add(pairKey(ids[i], ids[j]));
  }
  return keys;
}

/**
 * Normalised pointwise mutual information of two entities over `total` passages: 1 when they only ever
 * appear together, 0 when independent, towards -1 when they avoid each other. Plain PMI favours rare pairs
 * without bound; NPMI keeps weights comparable between rare and frequent entities.
 */
export function npmi(together: number, a: number, b: number, total: number): number {
  if (together <= 0 || a <= 0 || b <= 0 || total <= 0) return -1;
  const pab = together / total;
  if (pab >= 1) return 1;
  const pmi = Math.log(pab / ((a / total) * (b / total)));
  return pmi / -Math.log(pab);
}
