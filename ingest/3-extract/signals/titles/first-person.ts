// Title job: first-person authorship. "our recent paper, “X”", "our “X” paper", "my post X": the byline
// authors wrote X — outside a comment thread, where "our paper" is the commenter's.

import type { Ctx } from '../../core/types.ts';
import { evidenceOf, mentionEnd } from '../../core/types.ts';
import { isCommentsMarker } from '../../../knowledge/cues.ts';
import { found } from '../../../knowledge/methods.ts';
import type { TitleFindings } from './findings.ts';

const FIRST_PERSON_OWNER = /\b(?:our|my)\b(?:\s+\w+){0,3}\s*[,:]?\s*[“"]?\s*$/i;

/** "our recent paper, “X”" / "our “X” paper" / "my post X": the byline authors wrote X. */
export function firstPersonAuthorship(ctx: Ctx, out: TitleFindings): void {
  if (!ctx.authors.length) return;
  const text = ctx.doc.text;
  // in a comment thread "our paper" is the commenter's, not the post author's
  const thread = ctx.index.passages.find((p) => p.kind === 'heading' && isCommentsMarker(p.text))?.start ?? Infinity;
  ctx.acc.list.forEach((m, i) => {
    if (m.type !== 'Paper' || m.surfaceNotAlias || m.start > thread) return;
    const s = ctx.index.sentenceAt(m.start);
    if (!s || s.passage.kind === 'comment' || s.passage.kind === 'quote') return;
    const before = text.slice(Math.max(s.start, m.start - 40), m.start);
    if (!FIRST_PERSON_OWNER.test(before)) return;
    for (const a of ctx.authors) {
      out.relations.push({ type: 'AUTHORED', from: a, to: mentionEnd(i), evidence: evidenceOf(s, found('first-person')) });
    }
  });
}
