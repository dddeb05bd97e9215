// Title job: unquoted "Title: Subtitle" forms, which need a stronger cue than quoted ones: a cue word before
// ("as I argue in A Sense of Fairness: Deconfusing Ethics") or a paper noun after.

import type { Sentence } from '../../core/text-index.ts';
import { FUNCTION_WORDS, isCap } from '../../core/text-index.ts';
import type { Ctx } from '../../core/types.ts';
import { addTitle, paperNounAhead, titleRunRight } from '../../core/title-span.ts';
import { titleCueRe } from '../../core/cue-patterns.ts';
import { found } from '../../../knowledge/methods.ts';

export function colonTitles(ctx: Ctx, s: Sentence, selfKey: string): void {
  if (ctx.index.isTitle(s.passage)) return;
  const tokens = ctx.index.tokens(s);
  const text = ctx.doc.text;
  for (let c = 1; c < tokens.length - 2; c++) {
    if (tokens[c].text !== ':') continue;
    // left side: capitalised run ending at the colon
    let l = c;
    while (l > 0) {
      const t = tokens[l - 1];
      if (t.kind === 'punct' && /^[-'’]$/.test(t.text)) { l--; continue; }
      if (t.kind === 'punct') break;
      if (isCap(t) || t.kind === 'num' || (FUNCTION_WORDS.has(t.lower) && l - 1 > 0 && isCap(tokens[l - 2]))) l--;
      else break;
    }
    while (l < c && (tokens[l].kind === 'punct' || (FUNCTION_WORDS.has(tokens[l].lower) && !isCap(tokens[l])))) l++;
    if (l >= c || !isCap(tokens[l])) continue;
    const r = c + 1;
    // a subtitle starts with a capital or a number ("Relevant: in our …" is a label and a sentence)
    if (!isCap(tokens[r]) && tokens[r].kind !== 'num') continue;
    let rEnd = titleRunRight(tokens, r, text);
    // "… without Reference Model by Jiwoo Hong, Noah Lee, and …": a byline after the title is not part of it
    for (let k = r + 2; k + 2 < rEnd; k++) {
      const after = tokens[k + 3];
      if (tokens[k].lower === 'by' && isCap(tokens[k + 1]) && isCap(tokens[k + 2]) && (!after || k + 3 >= rEnd || after.text === ',' || after.lower === 'and')) {
        rEnd = k;
        break;
      }
    }
    const rightWords = tokens.slice(r, rEnd).filter((t) => t.kind === 'word');
    if (rightWords.length < 2) continue;
    const leftWords = tokens.slice(l, c).filter((t) => t.kind !== 'punct');
    if (leftWords.length === 1 && ctx.lexicon.vocab.stopNames.has(leftWords[0].lower)) continue;
    if (leftWords.length + rightWords.length < 4) continue;
    // a cue before it ("in", "see", "post") or a paper noun after it
    const before = text.slice(Math.max(s.start, tokens[l].start - 30), tokens[l].start);
    const after = text.slice(tokens[rEnd - 1].end, tokens[rEnd - 1].end + 30);
    if (!titleCueRe(ctx.lexicon, false).test(before) && !paperNounAhead(ctx, after)) continue;
    addTitle(ctx, s, tokens[l].start, tokens[rEnd - 1].end, found('colon-title'), selfKey);
  }
}
