// Title job: linkposts. "This is a linkpost for Sparse Autoencoders Find Highly Interpretable Directions…":
// the title after the cue is a Paper, and the passage is about it (its "we …" sentences study its models).

import type { Sentence } from '../../core/text-index.ts';
import { isCap } from '../../core/text-index.ts';
import type { Ctx } from '../../core/types.ts';
import { addTitle, titleRunRight } from '../../core/title-span.ts';
import { found } from '../../../knowledge/methods.ts';
import type { TitleFindings } from './findings.ts';

const LINKPOST = /\b(?:this is a\s+)?link-?post\s+(?:for|to|of)\s*[:–—-]?\s*/gi;

export function linkposts(ctx: Ctx, s: Sentence, selfKey: string, out: TitleFindings): void {
  const text = ctx.doc.text.slice(s.start, s.end);
  LINKPOST.lastIndex = 0;
  const m = LINKPOST.exec(text);
  if (!m) return;
  const from = s.start + m.index + m[0].length;
  // the title may run past the sentence end when the excerpt lost its punctuation: use the passage
  const passage = s.passage;
  const tokens = ctx.index.tokens(s).filter((t) => t.start >= from);
  const list = tokens.length ? tokens : [];
  if (!list.length || !isCap(list[0])) {
    // quoted or linked title: the quote/link signals already made it; remember it for STUDIES/ABOUT
    const i = Math.min(...ctx.acc.overlapping(from, from + 4, 'Paper').filter((k) => ctx.acc.list[k].type === 'Paper' && ctx.acc.list[k].start >= from), Infinity);
    if (i < Infinity) out.linkposts.set(passage.id, i);
    return;
  }
  const end = titleRunRight(list, 0, ctx.doc.text);
  if (end < 2) return;
  const i = addTitle(ctx, s, list[0].start, list[end - 1].end, found('linkpost'), selfKey);
  if (i >= 0) out.linkposts.set(passage.id, i);
}
