// Signal: comment threads (passages of kind comment/quote, as the segmenter marks them after a comments marker). Forum pages flatten a reply as "<quoted sentence(s) of the earlier comment>"
// followed by the answer. A passage whose words (≥ 6) are almost all found, in order, in one earlier passage
// is such a quote — typography may differ (’ vs ') and a word may have been changed — and the passage after
// it REPLIES_TO the quoted one. Passages the segmenter already linked (`passage.repliesTo`) are kept as is.
// Word 3-gram shingles make this linear: each passage is looked up once and then indexed.

import type { Passage } from '../../types.ts';
import type { CandidateRelation, Ctx } from '../core/types.ts';
import { fold } from '../../keys.ts';
import { found } from '../../knowledge/methods.ts';
import { isCommentsMarker } from '../../knowledge/cues.ts';

const MIN_WORDS = 6;
const COVERAGE = 0.8;
const MAX_POSTINGS = 40; // a shingle seen in more passages than this is boilerplate, not evidence

// only passages the segmenter placed in a comment thread: repeated captions and boilerplate elsewhere
// ("Your browser does not support the video tag.") are not quotes
const PROSE = new Set(['comment', 'quote']);

const wordsOf = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function shingles(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 < words.length; i++) out.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** For each passage position, the position of the earlier passage it quotes (or -1). */
export function findQuotes(passages: Passage[]): number[] {
  const postings = new Map<string, number[]>();
  const quoted: number[] = new Array(passages.length).fill(-1);
  const prose = threadProse(passages);
  passages.forEach((p, j) => {
    if (!prose(p)) return; // headings and metadata repeat titles, they do not quote comments
    const words = wordsOf(p.text);
    const sh = [...new Set(shingles(words))];
    if (words.length >= MIN_WORDS && sh.length) {
      const hits = new Map<number, number>();
      for (const g of sh) {
        const list = postings.get(g);
        if (!list || list.length > MAX_POSTINGS) continue;
        for (const i of list) hits.set(i, (hits.get(i) ?? 0) + 1);
      }
      let best = -1;
      let bestCount = 0;
      for (const [i, c] of hits) if (c > bestCount || (c === bestCount && i < best)) { best = i; bestCount = c; }
      if (best >= 0 && bestCount / sh.length >= COVERAGE) quoted[j] = best;
    }
    for (const g of sh) {
      const list = postings.get(g) ?? [];
      if (list[list.length - 1] !== j) list.push(j);
      postings.set(g, list);
    }
  });
  return quoted;
}

/**
 * Which passages are thread prose: those the segmenter marked, and, after a "Comments" heading it did not
 * recognise ("## Comments", then "**Name** (date):" lines), the plain paragraphs.
 */
function threadProse(passages: Passage[]): (p: Passage) => boolean {
  const heading = passages.find((p) => p.kind === 'heading' && isCommentsMarker(p.text));
  const from = heading ? heading.end : Infinity;
  return (p) => PROSE.has(p.kind) || (p.kind === 'paragraph' && p.start >= from);
}

export function replies(ctx: Ctx): CandidateRelation[] {
  const ps = ctx.index.passages;
  const out: CandidateRelation[] = [];
  const byIndex = new Map(ps.map((p) => [p.index, p]));
  const linked = new Set<string>();
  for (const p of ps) {
    // the segmenter marks both the quote block and the answer after it; the answer is the reply
    const target = p.repliesTo !== undefined && p.kind !== 'quote' ? byIndex.get(p.repliesTo) : undefined;
    if (!target || target === p) continue;
    linked.add(p.id);
    const s = p.sentences[0] ?? { start: p.start, end: p.end };
    out.push({
      type: 'REPLIES_TO', from: { kind: 'passage', passageId: p.id }, to: { kind: 'passage', passageId: target.id },
      evidence: { passageId: p.id, start: s.start, end: s.end, ...found('thread-structure') },
    });
  }
  const quoted = findQuotes(ps);
  const prose = threadProse(ps);
  for (let j = 0; j < ps.length; j++) {
    if (quoted[j] < 0 || (j > 0 && quoted[j - 1] >= 0)) continue; // the first passage of a quote block
    let r = j + 1;
    while (r < ps.length && quoted[r] >= 0) r++;
    const reply = ps[r];
    const original = ps[quoted[j]];
    if (!reply || !prose(reply) || linked.has(reply.id) || original === reply) continue;
    const q = ps[j];
    const s = q.sentences[0] ?? { start: q.start, end: q.end };
    out.push({
      type: 'REPLIES_TO', from: { kind: 'passage', passageId: reply.id }, to: { kind: 'passage', passageId: original.id },
      evidence: { passageId: q.id, start: s.start, end: s.end, ...found('quote-reply') },
    });
  }
  return out;
}
