// Title job: papers the lexicon knows, named unquoted in running text.

import type { Sentence } from '../../core/text-index.ts';
import { isCap } from '../../core/text-index.ts';
import { fold, nameKey, straighten } from '../../../keys.ts';
import type { Lexicon, LexiconEntry } from '../../../lexicon.ts';
import { lookupEntry } from '../../../lexicon.ts';
import type { Ctx } from '../../core/types.ts';
import { addTitle, titleRunRight } from '../../core/title-span.ts';
import { paperNounsRe } from '../../core/cue-patterns.ts';
import { found } from '../../../knowledge/methods.ts';

/** Short titles ("Sleeper Agents" for "Sleeper Agents: Training Deceptive LLMs…") of the lexicon's papers. */
interface TitleIndex { shorts: Map<string, LexiconEntry | null>; firsts: Set<string> }
const titleIndexes = new WeakMap<Lexicon, TitleIndex>();
function titleIndex(lex: Lexicon): TitleIndex {
  let ix = titleIndexes.get(lex);
  if (ix) return ix;
  const m = new Map<string, LexiconEntry | null>();
  const firsts = new Set<string>();
  for (const e of lex.entries) {
    if (e.type !== 'Paper') continue;
    for (const name of [e.name, ...e.aliases]) {
      firsts.add(fold(name.split(/[\s:]+/)[0]));
      const colon = straighten(name).indexOf(':');
      if (colon <= 0) continue;
      const short = name.slice(0, colon);
      if (short.trim().split(/\s+/).length < 2) continue;
      const k = nameKey(short);
      m.set(k, m.has(k) && m.get(k) !== e ? null : e); // a short title two papers share names neither
    }
  }
  ix = { shorts: m, firsts };
  titleIndexes.set(lex, ix);
  return ix;
}

/**
 * A paper the lexicon knows, named unquoted in running text: its full title in Title Case ("Toy Models of
 * Superposition", ≥ 3 words), or its short title followed by a paper noun ("our Sleeper Agents paper",
 * "Anthropic’s Scaling Monosemanticity work"). A bare short title is left to the concept it usually also is.
 */
export function knownTitles(ctx: Ctx, s: Sentence, selfKey: string): void {
  if (ctx.index.isTitle(s.passage)) return;
  const tokens = ctx.index.tokens(s);
  const text = ctx.doc.text;
  const { shorts, firsts } = titleIndex(ctx.lexicon);
  const nounAfterRe = paperNounsRe(ctx.lexicon, 'knownTitleNounAfter', (nouns) => `^\\s*${nouns}\\b`);
  for (let i = 0; i < tokens.length; i++) {
    if (!isCap(tokens[i]) || !firsts.has(tokens[i].lower)) continue;
    const end = titleRunRight(tokens, i, text);
    if (end - i < 2) continue;
    // longest prefix first, each ending on a capitalised word
    for (let e = end; e > i + 1; e--) {
      const last = tokens[e - 1];
      if (!isCap(last)) continue;
      const start = tokens[i].start;
      const span = text.slice(start, last.end);
      const words = span.split(/\s+/).length;
      if (ctx.acc.overlapping(start, last.end, 'Paper').some((k) => ctx.acc.list[k].type === 'Paper')) break;
      let entry: LexiconEntry | null | undefined = words >= 3 ? lookupEntry(ctx.lexicon, 'Paper', span) : undefined;
      const nounAfter = nounAfterRe.test(text.slice(last.end, last.end + 12));
      // the key matched but not the words as written (case, punctuation): only a paper noun after it confirms it
      if (entry && !nounAfter && ![entry.name, ...entry.aliases].some((a) => straighten(a) === straighten(span))) entry = undefined;
      if (!entry && nounAfter) entry = shorts.get(nameKey(span));
      if (!entry) continue;
      const idx = addTitle(ctx, s, start, last.end, found('known-title'), selfKey);
      if (idx >= 0) Object.assign(ctx.acc.list[idx], { canonical: entry.name, lexiconId: entry.id });
      i = e - 1;
      break;
    }
  }
}
